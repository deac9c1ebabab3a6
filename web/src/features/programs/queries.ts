// Reads and writes of programmes, cohorts and enrollments.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, uploadForm } from '../../app/api';
import type { Enrollment, EnrollmentAction, Program } from './types';

export function useProgram(id: string | undefined) {
  return useQuery({ queryKey: ['programs', 'program', id], queryFn: ({ signal }) => api.get<Program>(`/api/programs/${id}`, signal), enabled: !!id });
}

function useInvalidateEnrollments() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['programs'] });
    void queryClient.invalidateQueries({ queryKey: ['learning'] });
    void queryClient.invalidateQueries({ predicate: (q) => typeof q.queryKey[0] === 'string' && /^\/api\/(enrollments|programs)/.test(q.queryKey[0]) });
  };
}

export function useRequestEnrollment() {
  const invalidate = useInvalidateEnrollments();
  return useMutation({ mutationFn: (body: { staffId: string; cohortId: string; note?: string | null }) => api.post<Enrollment>('/api/enrollments', body), onSuccess: invalidate });
}

export function useChangeEnrollment() {
  const invalidate = useInvalidateEnrollments();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; version: number; action: EnrollmentAction; note?: string | null; certificateNumber?: string | null; certificateDate?: string | null; completedOn?: string | null }) =>
      api.patch<Enrollment>(`/api/enrollments/${id}`, body),
    onSuccess: invalidate,
  });
}

export interface ExternalCourseInput {
  staffId: string;
  title: string;
  provider?: string;
  hours?: number;
  completedOn: string;
  certificateNumber: string;
  certificateDate: string;
  file?: File;
}

export function useRecordExternalCourse() {
  const invalidate = useInvalidateEnrollments();
  return useMutation({
    mutationFn: (input: ExternalCourseInput) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(input)) if (v !== undefined && v !== '' && k !== 'file') form.append(k, String(v));
      if (input.file) form.append('file', input.file);
      return uploadForm<Enrollment>('/api/enrollments/external', form);
    },
    onSuccess: invalidate,
  });
}
