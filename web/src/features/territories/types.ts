// The territories API's list item, from the server's own schema (type-only import).
export type { TerritoryListItemDto as Territory } from '../../../../server/modules/territories/territories.api';
