// Reads and writes of learning plans, cabinets and a person's diagnostics. Keys start with
// 'learning' so a write refreshes the plan, the cabinets and the lists at once.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, uploadForm } from '../../app/api';
import type { ItemInput, LearningPlan, LearningPlanDraft, LearningPlanItem, PlanAction, StaffAssessments, TutorCabinet } from './types';

export const planKey = (id: string) => ['learning', 'plan', id] as const;

export function useLearningPlan(id: string | undefined) {
  return useQuery({ queryKey: planKey(id ?? ''), queryFn: ({ signal }) => api.get<LearningPlan>(`/api/learning-plans/${id}`, signal), enabled: !!id });
}

export function useStaffAssessments(staffId: string | null | undefined) {
  return useQuery({
    queryKey: ['learning', 'staff-assessments', staffId],
    queryFn: ({ signal }) => api.get<StaffAssessments>(`/api/staff/${staffId}/assessments`, signal),
    enabled: !!staffId,
  });
}

export function useTutorCabinet(enabled = true) {
  return useQuery({ queryKey: ['learning', 'tutor-cabinet'], queryFn: ({ signal }) => api.get<TutorCabinet>('/api/tutor-cabinet', signal), enabled });
}

/** The draft is computed, not stored: it is fetched once per visit of the page. */
export function usePlanDraft(staffId: string | null) {
  return useQuery({
    queryKey: ['learning', 'draft', staffId],
    queryFn: () => api.post<LearningPlanDraft>('/api/learning-plans/draft', { staffId }),
    enabled: !!staffId,
    staleTime: Infinity,
    gcTime: 0,
  });
}

function useInvalidateLearning() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['learning'] });
    void queryClient.invalidateQueries({ predicate: (q) => typeof q.queryKey[0] === 'string' && /^\/api\/(learning|enrollments)/.test(q.queryKey[0]) });
  };
}

export function useCreatePlan() {
  const invalidate = useInvalidateLearning();
  return useMutation({
    mutationFn: (body: { staffId: string; title?: string; periodFrom?: string; periodTo?: string; items: ItemInput[] }) => api.post<LearningPlan>('/api/learning-plans', body),
    onSuccess: invalidate,
  });
}

/** Writes that answer the whole plan put it straight into the cache. */
function usePlanWrite<V>(id: string, write: (v: V) => Promise<LearningPlan>) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateLearning();
  return useMutation({
    mutationFn: write,
    onSuccess: (plan) => {
      queryClient.setQueryData(planKey(id), plan);
      invalidate();
    },
  });
}

export function useUpdatePlan(id: string) {
  return usePlanWrite(id, (body: { version: number; title?: string; periodFrom?: string; periodTo?: string; items?: ItemInput[] }) => api.patch<LearningPlan>(`/api/learning-plans/${id}`, body));
}

export function useTransition(id: string) {
  return usePlanWrite(id, (body: { version: number; action: PlanAction; reason?: string | null }) => api.post<LearningPlan>(`/api/learning-plans/${id}/transition`, body));
}

export function useReportItem() {
  const invalidate = useInvalidateLearning();
  return useMutation({
    mutationFn: ({ itemId, text, files, onProgress }: { itemId: string; text: string; files: File[]; onProgress?: (p: number) => void }) => {
      const form = new FormData();
      form.append('text', text);
      for (const f of files) form.append('files', f);
      return uploadForm<LearningPlanItem>(`/api/learning-plan-items/${itemId}/report`, form, onProgress);
    },
    onSuccess: invalidate,
  });
}

export function useReviewItem() {
  const invalidate = useInvalidateLearning();
  return useMutation({
    mutationFn: ({ itemId, ...body }: { itemId: string; version: number; decision: 'accept' | 'return'; comment?: string | null }) =>
      api.post<LearningPlanItem>(`/api/learning-plan-items/${itemId}/review`, body),
    onSuccess: invalidate,
  });
}
