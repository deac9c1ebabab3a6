// Shapes of the documents API (server/modules/documents/documents.api.ts), as the UI reads them.
export type { DocumentListItemDto as DocumentListItem, DocumentDto as DocumentCard, DocumentCreateDto as DocumentInput } from '../../../../server/modules/documents/documents.api';
export type { DocumentKind, DocumentStatus } from '../../../../common/dictionaries';
