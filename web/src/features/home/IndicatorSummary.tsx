// The indicators of the reader's scope on the home page, one line each: value, target, how many
// municipalities or organizations are under it — and the way into the dashboard.
import { Card, Empty, Flex, List, Skeleton, Tag, Typography } from 'antd';
import { DashboardOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../app/ErrorAlert';
import { LinkButton } from '../../app/LinkButton';
import { counted } from '../../app/format';
import { childKindTitles, formatIndicator, indicatorTitle, statusLook } from '../indicators/format';
import { useIndicatorValues } from '../indicators/queries';
import { dashboardUrl } from '../indicators/urls';

export function IndicatorSummary() {
  const period = new Date().getFullYear();
  const { data, error, refetch } = useIndicatorValues({ period });
  const title = `Показатели ${period} года${data?.territory ? ` · ${data.territory.name}` : ''}`;
  const more = (
    <LinkButton type="link" icon={<DashboardOutlined />} to="/indicators">
      Все показатели
    </LinkButton>
  );
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (!data)
    return (
      <Card title={title}>
        <Skeleton active paragraph={{ rows: 3 }} />
      </Card>
    );
  const kind = childKindTitles[data.childKind];
  return (
    <Card title={title} extra={more}>
      {data.indicators.length === 0 ? (
        <Empty description={`На ${period} год показатели не утверждены.`} />
      ) : (
        <List
          size="small"
          dataSource={data.indicators}
          renderItem={(d) => {
            const v = data.total.values[d.code];
            const look = statusLook[v?.status ?? 'no_data'];
            const below = data.children.filter((c) => c.values[d.code]?.status === 'below').length;
            return (
              <List.Item>
                <Flex justify="space-between" align="center" gap={12} wrap style={{ width: '100%' }}>
                  <Link to={dashboardUrl({ indicator: d.code })} style={{ flex: '1 1 320px' }}>
                    {indicatorTitle(d)}
                  </Link>
                  <Flex gap={12} align="center" wrap>
                    <Typography.Text strong style={{ color: look.color, minWidth: 72, textAlign: 'right' }}>
                      {formatIndicator(v?.value, d.unit)}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ minWidth: 90 }}>
                      {v?.target != null ? `цель ${formatIndicator(v.target, d.unit)}` : 'без цели'}
                    </Typography.Text>
                    <Tag color={look.tag}>{look.label}</Tag>
                    {below > 0 && <Typography.Text type="danger">ниже цели: {counted(below, kind.forms)}</Typography.Text>}
                  </Flex>
                </Flex>
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}
