import { Flex, Tag, Tooltip } from 'antd';
import { flags } from './labels';
import type { Organization } from './types';

type Flagged = Pick<Organization, 'lowResultsSchool' | 'innovationSite' | 'internshipSite' | 'archived'>;

/** ШНОР, innovation and internship site as tags; `compact` for table cells. */
export function OrganizationFlags({ organization, compact = false }: { organization: Flagged; compact?: boolean }) {
  return (
    <Flex gap={4} wrap>
      {organization.archived && <Tag style={{ margin: 0 }}>В архиве</Tag>}
      {flags
        .filter((f) => organization[f.key])
        .map((f) =>
          compact ? (
            <Tooltip key={f.key} title={f.title}>
              <Tag color={f.color} style={{ margin: 0 }}>
                {f.short}
              </Tag>
            </Tooltip>
          ) : (
            <Tag key={f.key} color={f.color} style={{ margin: 0 }}>
              {f.title}
            </Tag>
          ),
        )}
    </Flex>
  );
}
