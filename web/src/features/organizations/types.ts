// Types of the organizations API, from the server's own schemas (type-only imports).
export type { OrganizationDto as Organization, OrganizationCreateDto as OrganizationInput } from '../../../../server/modules/organizations/organizations.api';
