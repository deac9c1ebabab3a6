// Who is signed in, and what the UI may offer them. The server decides access; this only
// hides what would be refused anyway.
import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, setUnauthorizedHandler } from './api';
import { roles as roleLabels, type Role } from '../../../common/dictionaries';

export type { MeDto as Me } from '../../../server/modules/auth/auth.api';
import type { MeDto as Me } from '../../../server/modules/auth/auth.api';
export type RoleGrant = Me['roles'][number];

const adminRoles: readonly Role[] = ['regional_admin', 'municipal_admin', 'organization_admin'];
/** Roles that read the registries of their territory or organization. */
const registryRoles: readonly Role[] = [...adminRoles, 'regional_methodologist'];

export interface Permissions {
  /** Edits records, imports files, reads the audit log. */
  isAdmin: boolean;
  /** Browses territories and organizations. */
  browsesOrganizations: boolean;
  /** Browses the staff registry (a tutor sees the people they accompany). */
  browsesStaff: boolean;
  /** Adds organizations: an administrator of a region or municipality (an organization's
   *  administrator edits their own organization but does not found new ones). */
  createsOrganizations: boolean;
  /** The scope is a territory (region or municipality), so the territory tree means something. */
  hasTerritoryScope: boolean;
  /** Accompanies people as a tutor: has the cabinet «Мои подопечные». */
  isTutor: boolean;
}

export function permissionsOf(me: Me): Permissions {
  const has = (list: readonly Role[]) => me.roles.some((r) => list.includes(r.role));
  const browsesOrganizations = has(registryRoles);
  return {
    isAdmin: has(adminRoles) && me.scope.canAdminister,
    browsesOrganizations,
    browsesStaff: browsesOrganizations || has(['tutor']),
    createsOrganizations: has(['regional_admin', 'municipal_admin']) && me.scope.canAdminister,
    hasTerritoryScope: me.scope.territoryIds.length > 0,
    isTutor: has(['tutor']),
  };
}

/** The name of the organizations section: without a territory scope there is no tree. */
export const organizationsSectionTitle = (can: Permissions) => (can.hasTerritoryScope ? 'Территории и организации' : 'Организации');

/** «Администратор региона · Пермский край» for the header. */
export function describeRole(grant: RoleGrant | undefined): string {
  if (!grant) return 'Без роли';
  return [roleLabels[grant.role] ?? grant.role, grant.scopeName].filter(Boolean).join(' · ');
}

interface AuthValue {
  me: Me | null;
  loading: boolean;
  can: Permissions;
  /** `code`: the second factor, when the account has one (the server answers `second_factor_required`). */
  login: (login: string, password: string, code?: string) => Promise<Me>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);
const meKey = ['auth', 'me'] as const;
const nobody: Permissions = { isAdmin: false, browsesOrganizations: false, browsesStaff: false, createsOrganizations: false, hasTerritoryScope: false, isTutor: false };

async function fetchMe(signal: AbortSignal): Promise<Me | null> {
  try {
    return await api.get<Me>('/api/auth/me', signal);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const meQuery = useQuery({ queryKey: meKey, queryFn: ({ signal }) => fetchMe(signal), staleTime: Infinity, retry: 1 });

  // An expired session anywhere forgets the user; the router then shows the login page.
  useEffect(() => {
    setUnauthorizedHandler(() => queryClient.setQueryData(meKey, null));
  }, [queryClient]);

  const loginMutation = useMutation({
    mutationFn: (body: { login: string; password: string; code?: string }) => api.post<Me>('/api/auth/login', body),
    onSuccess: (me) => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
      queryClient.setQueryData(meKey, me);
    },
  });
  const logoutMutation = useMutation({
    mutationFn: () => api.post<void>('/api/auth/logout'),
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(meKey, null);
    },
  });

  const me = meQuery.data ?? null;
  const value = useMemo<AuthValue>(
    () => ({
      me,
      loading: meQuery.isPending,
      can: me ? permissionsOf(me) : nobody,
      login: (login, password, code) => loginMutation.mutateAsync({ login, password, ...(code ? { code } : {}) }),
      logout: () => logoutMutation.mutateAsync().catch(() => undefined),
    }),
    [me, meQuery.isPending, loginMutation.mutateAsync, logoutMutation.mutateAsync],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** For pages behind the login: the user is known there. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe without a signed-in user');
  return me;
}
