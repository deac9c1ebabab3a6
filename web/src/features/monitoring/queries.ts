// Reads and writes of monitoring. Keys start with 'monitoring', so a write refreshes the card,
// the plan-schedule, the completeness table and the home page's list at once.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, queryString } from '../../app/api';
import type { Campaign, CampaignSummary, Completeness, MyAssignment, Submission } from './types';

export function useCampaigns(year: number) {
  return useQuery({ queryKey: ['monitoring', 'plan', year], queryFn: ({ signal }) => api.get<{ items: CampaignSummary[] }>(`/api/monitoring/campaigns?year=${year}`, signal) });
}

export function useCampaign(id: string) {
  return useQuery({ queryKey: ['monitoring', 'campaign', id], queryFn: ({ signal }) => api.get<Campaign>(`/api/monitoring/campaigns/${id}`, signal) });
}

export function useCompleteness(id: string, territoryId?: string) {
  return useQuery({
    queryKey: ['monitoring', 'completeness', id, territoryId ?? null],
    queryFn: ({ signal }) => api.get<Completeness>(`/api/monitoring/campaigns/${id}/completeness${queryString({ territoryId })}`, signal),
  });
}

export function useSubmission(assignmentId: string) {
  return useQuery({ queryKey: ['monitoring', 'submission', assignmentId], queryFn: ({ signal }) => api.get<Submission>(`/api/monitoring/assignments/${assignmentId}/submission`, signal) });
}

export function useMyAssignments(enabled = true) {
  return useQuery({ queryKey: ['monitoring', 'mine'], queryFn: ({ signal }) => api.get<{ items: MyAssignment[] }>('/api/monitoring/my-assignments', signal), enabled });
}

/** Any write of monitoring: afterwards every monitoring read is refreshed. */
export function useMonitoringWrite<T>() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (write: () => Promise<T>) => write(),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['monitoring'] }),
  });
}
