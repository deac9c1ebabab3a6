// The indicators of the reader's scope on the home page, one line each: value, target, how many
// municipalities or organizations are under it — and the way into the dashboard.
import { Card, Empty, Flex, Skeleton, Table, Tag, Typography } from 'antd';
import { DashboardOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../app/ErrorAlert';
import { LinkButton } from '../../app/LinkButton';
import { counted } from '../../app/format';
import { childKindTitles, formatIndicator, indicatorTitle, statusLook } from '../indicators/format';
import { useIndicatorValues } from '../indicators/queries';
import { dashboardUrl } from '../indicators/urls';
import type { IndicatorDefinition } from '../indicators/types';

export function IndicatorSummary() {
  const period = new Date().getFullYear();
  const { data, error, refetch } = useIndicatorValues({ period });
  const title = `Показатели ${period} года${data ? ` · ${data.territory?.name ?? data.total.name}` : ''}`;
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
        <Table<IndicatorDefinition>
          size="small"
          rowKey="code"
          dataSource={data.indicators}
          pagination={false}
          scroll={{ x: 720 }}
          columns={[
            { title: 'Показатель', key: 'name', render: (_, d) => <Link to={dashboardUrl({ indicator: d.code })}>{indicatorTitle(d)}</Link> },
            {
              title: 'Значение',
              key: 'value',
              align: 'right',
              width: 100,
              render: (_, d) => {
                const v = data.total.values[d.code];
                return (
                  <Typography.Text strong style={{ color: statusLook[v?.status ?? 'no_data'].color }}>
                    {formatIndicator(v?.value, d.unit)}
                  </Typography.Text>
                );
              },
            },
            { title: 'Цель', key: 'target', align: 'right', width: 80, render: (_, d) => formatIndicator(data.total.values[d.code]?.target, d.unit) },
            {
              title: 'Состояние',
              key: 'status',
              width: 230,
              render: (_, d) => {
                const look = statusLook[data.total.values[d.code]?.status ?? 'no_data'];
                const below = data.children.filter((c) => c.values[d.code]?.status === 'below').length;
                return (
                  <Flex vertical gap={2} align="flex-start">
                    <Tag color={look.tag}>{look.label}</Tag>
                    {below > 0 && data.childKind !== data.total.kind && <Typography.Text type="danger" style={{ fontSize: 13 }}>ниже цели: {counted(below, kind.forms)}</Typography.Text>}
                  </Flex>
                );
              },
            },
          ]}
        />
      )}
    </Card>
  );
}
