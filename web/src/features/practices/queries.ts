// Server calls of the bank of practices; types come from the server's response schemas.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, uploadForm } from '../../app/api';
import type { PracticeDto, PracticeExpertDto, PublicPracticeDto } from '../../../../server/modules/practices/practices.api';

export type { PracticeDto, PracticeListItemDto, PublicPracticeDto, PublicPracticeListItemDto } from '../../../../server/modules/practices/practices.api';

export const practiceKey = (id: string) => ['/api/practices', id] as const;

export function usePractice(id: string) {
  return useQuery({ queryKey: practiceKey(id), queryFn: ({ signal }) => api.get<PracticeDto>(`/api/practices/${id}`, signal) });
}

export function usePublicPractice(id: string) {
  return useQuery({ queryKey: ['/api/public/practices', id], queryFn: ({ signal }) => api.get<PublicPracticeDto>(`/api/public/practices/${id}`, signal) });
}

export function usePracticeExperts(enabled: boolean) {
  return useQuery({ queryKey: ['/api/practice-experts'], queryFn: ({ signal }) => api.get<{ items: PracticeExpertDto[] }>('/api/practice-experts', signal), enabled });
}

/** Every change of a practice answers with the whole card: it replaces the cached one. */
export function usePracticeAction<V>(id: string, call: (values: V) => Promise<PracticeDto>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (card) => {
      client.setQueryData(practiceKey(id), card);
      void client.invalidateQueries({ queryKey: ['/api/practices'], predicate: (q) => q.queryKey.length !== 2 || q.queryKey[1] !== id });
    },
  });
}

export function uploadPracticeFiles(id: string, files: File[]) {
  const form = new FormData();
  for (const f of files) form.append('files', f);
  return uploadForm<PracticeDto>(`/api/practices/${id}/files`, form);
}

export const practiceApi = {
  create: (body: unknown) => api.post<PracticeDto>('/api/practices', body),
  update: (id: string, body: unknown) => api.patch<PracticeDto>(`/api/practices/${id}`, body),
  resubmit: (id: string, body: unknown) => api.post<PracticeDto>(`/api/practices/${id}/resubmit`, body),
  assign: (id: string, body: unknown) => api.put<PracticeDto>(`/api/practices/${id}/experts`, body),
  review: (id: string, body: unknown) => api.post<PracticeDto>(`/api/practices/${id}/reviews`, body),
  decide: (id: string, body: unknown) => api.post<PracticeDto>(`/api/practices/${id}/decision`, body),
  disseminate: (id: string, body: unknown) => api.post(`/api/practices/${id}/disseminations`, body),
};

