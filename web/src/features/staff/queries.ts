// Reads and writes of one person, shared by the card, the edit form and the shell.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { StaffDetail, StaffInput } from './types';

export const staffKey = (id: string) => ['staff', id] as const;

export function useStaff(id: string | null | undefined) {
  return useQuery({
    queryKey: staffKey(id ?? ''),
    queryFn: ({ signal }) => api.get<StaffDetail>(`/api/staff/${id}`, signal),
    enabled: !!id,
    // every read of another person's card is audited: do not re-read on each focus
    staleTime: 60_000,
    refetchOnWindowFocus: false,
  });
}

/** PATCH with the version the user saw; a 409 means someone saved in between. */
export function useUpdateStaff(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<StaffInput> & { version: number; archived?: boolean }) => api.patch<StaffDetail>(`/api/staff/${id}`, body),
    onSuccess: (saved) => {
      queryClient.setQueryData(staffKey(id), saved);
      void queryClient.invalidateQueries({ queryKey: ['/api/staff'] });
      void queryClient.invalidateQueries({ queryKey: ['overview'] });
    },
  });
}

export function useCreateStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: StaffInput) => api.post<StaffDetail>('/api/staff', body),
    onSuccess: (saved) => {
      queryClient.setQueryData(staffKey(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['/api/staff'] });
      void queryClient.invalidateQueries({ queryKey: ['overview'] });
    },
  });
}

/** The signed-in person's own workplaces (for «Моя организация»), from their own card. */
export function useMyWorkplaces(staffId: string | null) {
  const { data } = useStaff(staffId);
  const current = (data?.positions ?? []).filter((p) => !p.endDate);
  // one entry per organization, even with two positions in it
  return [...new Map(current.map((p) => [p.organizationId, p])).values()];
}
