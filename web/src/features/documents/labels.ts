import { documentKinds, documentLevels, documentStatuses, type DocumentStatus } from '../../../../common/dictionaries';

export const kindLabels = documentKinds;
export const statusLabels = documentStatuses;
export const levelLabels = documentLevels;

export const statusColors: Record<DocumentStatus, string> = { draft: 'default', approved: 'blue', in_force: 'green', superseded: 'red' };

/** The button that moves a document to a status. */
export const transitionLabels: Record<DocumentStatus, string> = {
  draft: 'Вернуть в проект',
  approved: 'Утвердить',
  in_force: 'Ввести в действие',
  superseded: 'Отметить утратившим силу',
};

/** «Приказ от 01.09.2026 № 12-о» — the usual way a document is cited. */
export function citation(d: { kind: keyof typeof documentKinds; number: string | null; docDate: string | null }, formatDate: (iso: string) => string): string {
  return [kindLabels[d.kind], d.docDate ? `от ${formatDate(d.docDate)}` : null, d.number ? `№ ${d.number}` : null].filter(Boolean).join(' ');
}

export const kindOptions = Object.entries(documentKinds).map(([value, label]) => ({ value, label }));
export const statusOptions = Object.entries(documentStatuses).map(([value, label]) => ({ value, label }));
export const levelOptions = Object.entries(documentLevels).map(([value, label]) => ({ value, label }));
