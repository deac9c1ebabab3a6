// What the UI offers around roadmaps. The server decides; this hides what it would refuse.
import { useAuth, useMe } from '../../app/auth';

export function useRoadmapAccess() {
  const me = useMe();
  const { can } = useAuth();
  return {
    /** Loads new roadmaps: an administrator of a region, municipality or organization. */
    imports: can.isAdmin,
    /** Forms a municipal roadmap from a regional one: an administrator of a territory. */
    cascades: can.isAdmin && me.roles.some((r) => r.territoryId && (r.role === 'regional_admin' || r.role === 'municipal_admin')),
  };
}
