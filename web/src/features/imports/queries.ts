import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { ImportBatch } from './types';

const batchKey = (id: string) => ['import', id] as const;

/** The batch, polled every 500 ms while the server reads and checks the file. */
export function useImportBatch(id: string | null) {
  return useQuery({
    queryKey: batchKey(id ?? ''),
    queryFn: ({ signal }) => api.get<ImportBatch>(`/api/imports/${id}?previewRows=100`, signal),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data?.status === 'parsing' ? 500 : false),
    staleTime: Infinity,
  });
}

export function useCommitImport(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ id: string; created: number }>(`/api/imports/${id}/commit`),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: batchKey(id) });
      // the new rows change every list and count
      for (const key of ['/api/staff', '/api/organizations', 'overview', 'territories', 'assessments', 'learning']) void queryClient.invalidateQueries({ queryKey: [key] });
    },
  });
}
