// Reads and writes of documents. Keys start with 'documents' or the list URL, so a write refreshes
// the card, the lists and the activity cards' lists of linked documents at once.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, uploadForm } from '../../app/api';
import type { DocumentCard, DocumentInput } from './types';

export const documentKey = (id: string) => ['documents', id] as const;

export function useDocument(id: string) {
  return useQuery({ queryKey: documentKey(id), queryFn: ({ signal }) => api.get<DocumentCard>(`/api/documents/${id}`, signal) });
}

function useRefresh() {
  const qc = useQueryClient();
  return (doc: DocumentCard) => {
    qc.setQueryData(documentKey(doc.id), doc);
    void qc.invalidateQueries({ queryKey: ['/api/documents'] });
  };
}

export function useCreateDocument() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async ({ input, file }: { input: DocumentInput; file?: File }) => {
      const created = await api.post<DocumentCard>('/api/documents', input);
      return file ? attachFile(created.id, file) : created;
    },
    onSuccess: refresh,
  });
}

export const attachFile = (id: string, file: File, onProgress?: (p: number) => void) => {
  const form = new FormData();
  form.append('file', file);
  return uploadForm<DocumentCard>(`/api/documents/${id}/file`, form, onProgress, 'PUT');
};

/** Every write on the card answers the card: one mutation for them all. */
export function useDocumentWrite(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (write: () => Promise<DocumentCard>) => write(),
    onSuccess: refresh,
  });
}

export const documentWrites = {
  update: (id: string, body: Record<string, unknown>) => api.patch<DocumentCard>(`/api/documents/${id}`, body),
  status: (id: string, body: { version: number; status: string; supersededById?: string | null; comment?: string | null }) => api.post<DocumentCard>(`/api/documents/${id}/status`, body),
  linkActivity: (id: string, body: { activityId: string; note?: string | null }) => api.post<DocumentCard>(`/api/documents/${id}/activity-links`, body),
  linkOrganization: (id: string, body: { organizationId: string; purpose: string }) => api.post<DocumentCard>(`/api/documents/${id}/organization-links`, body),
  unlinkActivity: (linkId: string) => api.delete<DocumentCard>(`/api/document-activity-links/${linkId}`),
  unlinkOrganization: (linkId: string) => api.delete<DocumentCard>(`/api/document-organization-links/${linkId}`),
};
