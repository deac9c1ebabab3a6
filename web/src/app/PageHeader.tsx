// The title row of every page; it also names the browser tab.
import { useEffect, type ReactNode } from 'react';
import { Breadcrumb, Flex, Typography } from 'antd';
import { Link } from 'react-router-dom';

interface Props {
  title: ReactNode;
  /** The tab title when `title` is not plain text. */
  documentTitle?: string;
  subtitle?: ReactNode;
  extra?: ReactNode;
  /** The way back up: [{ title: 'Реестр работников', to: '/staff' }]. */
  trail?: { title: string; to: string }[];
}

export function PageHeader({ title, documentTitle, subtitle, extra, trail }: Props) {
  const tabTitle = documentTitle ?? (typeof title === 'string' ? title : undefined);
  useEffect(() => {
    document.title = tabTitle ? `${tabTitle} — РСНМС` : 'РСНМС — научно-методическое сопровождение';
  }, [tabTitle]);
  return (
    <Flex vertical gap={4} style={{ marginBottom: 16 }}>
      {trail && trail.length > 0 && (
        <Breadcrumb items={[...trail.map((t) => ({ title: <Link to={t.to}>{t.title}</Link> })), { title: tabTitle ?? title }]} />
      )}
      <Flex align="flex-start" justify="space-between" gap={16} wrap>
        <Flex vertical gap={4} style={{ minWidth: 0, flex: '1 1 480px' }}>
          <Typography.Title level={2} style={{ margin: 0, fontSize: 24 }}>
            {title}
          </Typography.Title>
          {subtitle && <Typography.Text type="secondary">{subtitle}</Typography.Text>}
        </Flex>
        {extra && (
          <Flex gap={8} wrap>
            {extra}
          </Flex>
        )}
      </Flex>
    </Flex>
  );
}
