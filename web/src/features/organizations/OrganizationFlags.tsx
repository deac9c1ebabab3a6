import { Tag, Tooltip } from 'antd';
import { flags } from './labels';
import type { Organization } from './types';

/** ШНОР, innovation and internship site as tags; nothing when none is set. */
export function OrganizationFlags({ organization }: { organization: Pick<Organization, 'lowResultsSchool' | 'innovationSite' | 'internshipSite' | 'archived'> }) {
  return (
    <>
      {organization.archived && <Tag>В архиве</Tag>}
      {flags
        .filter((f) => organization[f.key])
        .map((f) => (
          <Tooltip key={f.key} title={f.title}>
            <Tag color={f.color}>{f.label}</Tag>
          </Tooltip>
        ))}
    </>
  );
}
