export type ImportKind = 'staff' | 'organizations';

export interface ImportRowError {
  row: number;
  column: string;
  message: string;
}

export interface ImportBatch {
  id: string;
  kind: ImportKind;
  fileName: string;
  status: 'parsing' | 'preview' | 'committed' | 'failed';
  progress: { phase: 'reading' | 'validating'; done: number; total: number } | null;
  totalRows: number;
  validRows: number;
  errorRows: number;
  errors: ImportRowError[];
  errorsTruncated: boolean;
  /** The first valid rows as the server will save them. */
  preview: Record<string, unknown>[];
  failure: string | null;
}

export const kindTitles: Record<ImportKind, { title: string; rows: readonly [string, string, string]; registry: string; registryTitle: string }> = {
  staff: { title: 'Работники', rows: ['работник', 'работника', 'работников'], registry: '/staff?sort=updated', registryTitle: 'Открыть реестр работников' },
  organizations: {
    title: 'Организации',
    rows: ['организация', 'организации', 'организаций'],
    registry: '/organizations?sort=updated',
    registryTitle: 'Открыть список организаций',
  },
};
