// «What the municipality asks of us»: the monitoring forms of the organizations the user administers,
// with their deadlines and the reminders they have received.
import { Alert, Card, Flex, List, Tag, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../app/ErrorAlert';
import { formatDate, formatDateTime } from '../../app/format';
import { completenessColors, completenessLabel, submissionColors, submissionLabel } from './labels';
import { useMyAssignments } from './queries';

export function MyMonitoringCard() {
  const { data, error, refetch } = useMyAssignments();
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (!data || data.items.length === 0) return null;
  return (
    <Card title="Мониторинг: формы к заполнению" extra={<Link to="/monitoring">План-график</Link>}>
      <List
        dataSource={data.items}
        renderItem={(a) => (
          <List.Item>
            <Flex vertical gap={4} style={{ width: '100%' }}>
              <Flex gap={8} wrap align="center">
                <Link to={`/monitoring/assignments/${a.id}`}>{a.campaignTitle}</Link>
                <Tag color={submissionColors[a.status]}>{submissionLabel(a.status)}</Tag>
                <Tag color={completenessColors[a.completeness]}>{completenessLabel(a.completeness)}</Tag>
              </Flex>
              <Typography.Text type="secondary">
                {a.organizationName} · срок {formatDate(a.deadline)}
              </Typography.Text>
              {a.status === 'returned' && a.returnComment && <Alert type="error" showIcon message={`Возвращено на доработку: ${a.returnComment}`} />}
              {a.latestReminders.map((r) => (
                <Alert key={r.sentAt} type="warning" showIcon icon={<BellOutlined />} message={`Напоминание от ${formatDateTime(r.sentAt)}: ${r.message}`} />
              ))}
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}
