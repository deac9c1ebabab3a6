// Reads and writes of roadmaps. Every key starts with 'roadmaps' (or the list URL, as
// useKeysetList keys it), so a write can refresh everything it may have changed at once.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, queryString, uploadForm } from '../../app/api';
import type {
  ActivityCard,
  Comparison,
  DeadlineSummary,
  OccurrenceView,
  ParsedDeadline,
  ProgressReport,
  RevisionCreateInput,
  Roadmap,
  RoadmapCreateInput,
  Rollup,
  Timeline,
} from './types';

export const roadmapKey = (id: string) => ['roadmaps', 'roadmap', id] as const;
export const activityKey = (id: string) => ['roadmaps', 'activity', id] as const;

export function useRoadmap(id: string | undefined) {
  return useQuery({
    queryKey: roadmapKey(id ?? ''),
    queryFn: ({ signal }) => api.get<Roadmap>(`/api/roadmaps/${id}`, signal),
    enabled: !!id,
  });
}

export function useTimeline(id: string, year: string | undefined) {
  return useQuery({
    queryKey: ['roadmaps', 'timeline', id, year],
    queryFn: ({ signal }) => api.get<Timeline>(`/api/roadmaps/${id}/timeline${queryString({ year })}`, signal),
  });
}

export function useRollup(id: string) {
  return useQuery({ queryKey: ['roadmaps', 'rollup', id], queryFn: ({ signal }) => api.get<Rollup>(`/api/roadmaps/${id}/rollup`, signal) });
}

export function useComparison(id: string, from: string | undefined, to: string | undefined) {
  return useQuery({
    queryKey: ['roadmaps', 'compare', id, from, to],
    queryFn: ({ signal }) => api.get<Comparison>(`/api/roadmaps/${id}/compare${queryString({ from, to })}`, signal),
  });
}

export function useActivity(id: string) {
  return useQuery({ queryKey: activityKey(id), queryFn: ({ signal }) => api.get<ActivityCard>(`/api/roadmap-activities/${id}`, signal) });
}

export function useDeadlineSummary() {
  return useQuery({
    queryKey: ['roadmaps', 'deadline-summary'],
    queryFn: ({ signal }) => api.get<DeadlineSummary>('/api/roadmap-deadlines/summary', signal),
    staleTime: 60_000,
  });
}

export const parseDeadline = (text: string, period: { from: number; to: number }) => api.post<ParsedDeadline>('/api/deadlines/parse', { text, period });

/** After any write: the roadmap, its lists, counts and «my deadlines» may all have moved. */
function useInvalidateRoadmaps() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['roadmaps'] });
    void queryClient.invalidateQueries({ predicate: (q) => typeof q.queryKey[0] === 'string' && /^\/api\/roadmap/.test(q.queryKey[0]) });
  };
}

export function useCreateRoadmap() {
  const invalidate = useInvalidateRoadmaps();
  return useMutation({ mutationFn: (body: RoadmapCreateInput) => api.post<Roadmap>('/api/roadmaps', body), onSuccess: invalidate });
}

export function useReviseRoadmap(id: string) {
  const invalidate = useInvalidateRoadmaps();
  return useMutation({ mutationFn: (body: RevisionCreateInput) => api.post<Roadmap>(`/api/roadmaps/${id}/revisions`, body), onSuccess: invalidate });
}

export function useCascade(id: string) {
  const invalidate = useInvalidateRoadmaps();
  return useMutation({
    mutationFn: (ownerOrganizationId: string) => api.post<Roadmap>(`/api/roadmaps/${id}/cascade`, { ownerOrganizationId }),
    onSuccess: invalidate,
  });
}

/** PATCH with the version the user saw; a 409 means someone changed the roadmap in between. */
export function useUpdateRoadmap(id: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateRoadmaps();
  return useMutation({
    mutationFn: (body: { version: number; title?: string; approvedBy?: string | null; archived?: boolean }) => api.patch<Roadmap>(`/api/roadmaps/${id}`, body),
    onSuccess: (saved) => {
      queryClient.setQueryData(roadmapKey(id), saved);
      invalidate();
    },
  });
}

export function useSetOccurrenceStatus() {
  const invalidate = useInvalidateRoadmaps();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; version: number; status: 'done' | 'not_applicable' | null; note?: string | null }) =>
      api.patch<OccurrenceView>(`/api/roadmap-occurrences/${id}`, body),
    onSuccess: invalidate,
  });
}

export interface ReportInput {
  text: string;
  organizationId: string;
  occurrenceId?: string;
  completes: boolean;
  links: string;
  files: File[];
}

export function useCreateReport(activityId: string) {
  const invalidate = useInvalidateRoadmaps();
  return useMutation({
    mutationFn: ({ input, onProgress }: { input: ReportInput; onProgress?: (percent: number) => void }) => {
      const form = new FormData();
      form.append('text', input.text);
      form.append('organizationId', input.organizationId);
      if (input.occurrenceId) form.append('occurrenceId', input.occurrenceId);
      form.append('completes', String(input.completes));
      if (input.links.trim()) form.append('links', input.links);
      for (const f of input.files) form.append('files', f);
      return uploadForm<ProgressReport>(`/api/roadmap-activities/${activityId}/reports`, form, onProgress);
    },
    onSuccess: invalidate,
  });
}
