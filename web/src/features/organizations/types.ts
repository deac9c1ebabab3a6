import type { OrganizationFunction, OrganizationKind } from '../../../../common/dictionaries';

export interface Organization {
  id: string;
  kind: OrganizationKind;
  fullName: string;
  shortName: string;
  territoryId: string;
  territoryName: string | null;
  parentId: string | null;
  inn: string | null;
  address: string | null;
  lowResultsSchool: boolean;
  innovationSite: boolean;
  internshipSite: boolean;
  functions: OrganizationFunction[];
  archived: boolean;
  version: number;
  updatedAt: string;
}

/** What the create and edit forms send. */
export type OrganizationInput = Pick<
  Organization,
  'kind' | 'fullName' | 'shortName' | 'territoryId' | 'lowResultsSchool' | 'innovationSite' | 'internshipSite' | 'functions'
> & { parentId?: string | null; inn?: string | null; address?: string | null };
