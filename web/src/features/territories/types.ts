import type { TerritoryKind } from '../../../../common/dictionaries';

export interface Territory {
  id: string;
  kind: TerritoryKind;
  name: string;
  code: string | null;
  parentId: string | null;
  version: number;
  organizationCount: number;
  staffCount: number;
}
