// Reads and writes of mentoring, shared by the pages and the staff card.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { MentorshipDetail, MentorshipMeeting } from './types';

const pairKey = (id: string) => ['/api/mentorships', id] as const;

/** Everything mentoring shows is refreshed after a write: lists, suggestions, young specialists. */
export function useInvalidateMentoring() {
  const queryClient = useQueryClient();
  return () =>
    queryClient.invalidateQueries({ predicate: (q) => typeof q.queryKey[0] === 'string' && /^\/api\/(mentorships|young-specialists|mentors|team-mentorships)/.test(q.queryKey[0]) });
}

export function usePair(id: string) {
  return useQuery({ queryKey: pairKey(id), queryFn: ({ signal }) => api.get<MentorshipDetail>(`/api/mentorships/${id}`, signal), refetchOnWindowFocus: false });
}

export interface PairInput {
  mentorStaffId: string;
  menteeStaffId: string;
  form: MentorshipDetail['form'];
  startsOn?: string;
  plan?: string;
  suggestionReason?: string;
  confirm?: boolean;
}

export function useCreatePair() {
  const invalidate = useInvalidateMentoring();
  return useMutation({ mutationFn: (body: PairInput) => api.post<MentorshipDetail>('/api/mentorships', body), onSuccess: () => void invalidate() });
}

export function usePairTransition(id: string) {
  const invalidate = useInvalidateMentoring();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number; action: MentorshipDetail['actions'][number]; outcomes?: string; reason?: string }) => api.post<MentorshipDetail>(`/api/mentorships/${id}/transition`, body),
    onSuccess: (saved) => {
      queryClient.setQueryData(pairKey(id), saved);
      void invalidate();
    },
  });
}

export function useUpdatePair(id: string) {
  const invalidate = useInvalidateMentoring();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number; plan?: string | null; outcomes?: string | null }) => api.patch<MentorshipDetail>(`/api/mentorships/${id}`, body),
    onSuccess: (saved) => {
      queryClient.setQueryData(pairKey(id), saved);
      void invalidate();
    },
  });
}

export function useAddMeeting(id: string) {
  const invalidate = useInvalidateMentoring();
  return useMutation({
    mutationFn: (body: { heldOn: string; topic: string; notes?: string | null; durationMinutes?: number | null }) => api.post<MentorshipMeeting>(`/api/mentorships/${id}/meetings`, body),
    onSuccess: () => void invalidate(),
  });
}

export function useSetCapacity() {
  const invalidate = useInvalidateMentoring();
  return useMutation({ mutationFn: ({ staffId, capacity }: { staffId: string; capacity: number }) => api.put(`/api/mentors/${staffId}/capacity`, { capacity }), onSuccess: () => void invalidate() });
}
