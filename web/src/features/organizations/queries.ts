import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../app/api';
import type { Organization, OrganizationInput } from './types';

export const organizationKey = (id: string) => ['organization', id] as const;

export function useOrganization(id: string | null | undefined) {
  return useQuery({
    queryKey: organizationKey(id ?? ''),
    queryFn: ({ signal }) => api.get<Organization>(`/api/organizations/${id}`, signal),
    enabled: !!id,
  });
}

/** The name of a parent organization, or null when it is outside the user's scope (404). */
export function useOrganizationName(id: string | null) {
  const { data, error } = useOrganization(id);
  if (!id) return null;
  if (error instanceof ApiError && error.status === 404) return null;
  return data?.shortName ?? null;
}

function useInvalidateLists() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['/api/organizations'] });
    void queryClient.invalidateQueries({ queryKey: ['territories'] });
    void queryClient.invalidateQueries({ queryKey: ['overview'] });
  };
}

export function useUpdateOrganization(id: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateLists();
  return useMutation({
    mutationFn: (body: Partial<OrganizationInput> & { version: number; archived?: boolean }) => api.patch<Organization>(`/api/organizations/${id}`, body),
    onSuccess: (saved) => {
      // the PATCH answer carries no territoryName: keep the known one until the refetch brings it
      queryClient.setQueryData<Organization>(organizationKey(id), (old) => ({ ...saved, territoryName: saved.territoryName ?? old?.territoryName ?? null }));
      void queryClient.invalidateQueries({ queryKey: organizationKey(id) });
      invalidate();
    },
  });
}

export function useCreateOrganization() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateLists();
  return useMutation({
    mutationFn: (body: OrganizationInput) => api.post<Organization>('/api/organizations', body),
    onSuccess: (saved) => {
      queryClient.setQueryData(organizationKey(saved.id), saved);
      invalidate();
    },
  });
}
