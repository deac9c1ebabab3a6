// Documents linked to a roadmap activity as evidence (on the activity card); only those the
// reader may see come back from the API.
import { Flex, List, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useKeysetList } from '../../app/useKeysetList';
import { ErrorAlert } from '../../app/ErrorAlert';
import { formatDate } from '../../app/format';
import { StatusTag } from './DocumentListPage';
import { citation } from './labels';
import type { DocumentListItem } from './types';

export function LinkedDocuments({ activityId }: { activityId: string }) {
  const list = useKeysetList<DocumentListItem>('/api/documents', { activityId }, 100);
  if (list.error) return <ErrorAlert error={list.error} onRetry={list.refetch} />;
  return (
    <List
      size="small"
      loading={list.loading}
      dataSource={list.items}
      locale={{ emptyText: 'Документов пока нет: их связывают с мероприятием на карточке документа («Связать с мероприятием»).' }}
      renderItem={(d) => (
        <List.Item>
          <Flex vertical>
            <Flex gap={8} align="center" wrap>
              <Link to={`/documents/${d.id}`}>{d.title}</Link>
              <StatusTag status={d.status} />
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {citation(d, formatDate)} · {d.ownerName}
            </Typography.Text>
          </Flex>
        </List.Item>
      )}
    />
  );
}
