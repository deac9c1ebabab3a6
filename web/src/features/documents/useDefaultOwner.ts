// Who issues a new document by default: the organization the user administers, else the governing
// body of the territory they administer (the ministry, the municipal authority).
import { useQuery } from '@tanstack/react-query';
import { api, queryString, type Page } from '../../app/api';
import { useMe } from '../../app/auth';
import type { Organization } from '../organizations/types';

export function useDefaultOwner(): { value: string; label: string } | undefined {
  const me = useMe();
  const orgGrant = me.roles.find((r) => r.role === 'organization_admin' && r.organizationId);
  const territoryGrant = me.roles.find((r) => (r.role === 'regional_admin' || r.role === 'municipal_admin') && r.territoryId);
  const kind = territoryGrant?.role === 'regional_admin' ? 'ministry' : 'municipal_authority';
  const { data } = useQuery({
    queryKey: ['/api/organizations', 'default-owner', orgGrant?.organizationId ?? kind],
    queryFn: async ({ signal }) =>
      orgGrant
        ? api.get<Organization>(`/api/organizations/${orgGrant.organizationId}`, signal)
        : (await api.get<Page<Organization>>(`/api/organizations${queryString({ kind, limit: 1 })}`, signal)).items[0] ?? null,
    enabled: !!orgGrant || !!territoryGrant,
    staleTime: 300_000,
  });
  return data ? { value: data.id, label: data.shortName } : undefined;
}
