export type ImportKind = 'staff' | 'organizations' | 'assessment_results';

import type { ImportBatchDto } from '../../../../server/modules/imports/imports.api';

/** A batch as the server reports it; `preview` holds the first valid rows as they will be saved. */
export type ImportBatch = Omit<ImportBatchDto, 'preview'> & { preview: Record<string, unknown>[] };
export type ImportRowError = ImportBatch['errors'][number];

export const kindTitles: Record<ImportKind, { title: string; rows: readonly [string, string, string]; registry: string; registryTitle: string }> = {
  staff: { title: 'Работники', rows: ['работник', 'работника', 'работников'], registry: '/staff?sort=updated', registryTitle: 'Открыть реестр работников' },
  organizations: {
    title: 'Организации',
    rows: ['организация', 'организации', 'организаций'],
    registry: '/organizations?sort=updated',
    registryTitle: 'Открыть список организаций',
  },
  // loaded from the diagnostic's page, which passes its own link back (ImportBatchView's `done`)
  assessment_results: { title: 'Результаты диагностики', rows: ['результат', 'результата', 'результатов'], registry: '/assessments', registryTitle: 'К списку диагностик' },
};
