// The open catalog of the bank of practices: published practices only, no login. It lives
// outside the signed-in shell, so it must not ask who the user is.
import { useEffect, type ReactNode } from 'react';
import { Button, Card, Descriptions, Empty, Flex, Input, Layout, List, Select, Tag, Typography, theme } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { useKeysetList } from '../../app/useKeysetList';
import { useUrlFilters } from '../../app/useUrlFilters';
import { ErrorAlert } from '../../app/ErrorAlert';
import { counted, formatDate } from '../../app/format';
import { useAuth } from '../../app/auth';
import { practiceKinds, practiceLevels } from '../../../../common/practices';
import { PracticeKindTag, enumOptions, practiceScope } from './PracticeTags';
import { usePublicPractice, type PublicPracticeListItemDto } from './queries';

function PublicShell({ title, children }: { title: string; children: ReactNode }) {
  const { token } = theme.useToken();
  const { me } = useAuth();
  useEffect(() => {
    document.title = `${title} — РСНМС`;
  }, [title]);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ background: token.colorBgContainer, borderBottom: `1px solid ${token.colorBorderSecondary}`, display: 'flex', alignItems: 'center', justifyContent: 'space-between', padding: '0 24px' }}>
        <Link to="/practices-catalog" style={{ color: token.colorText }}>
          <Typography.Text strong style={{ fontSize: 20, color: token.colorPrimary }}>
            РСНМС
          </Typography.Text>{' '}
          <Typography.Text type="secondary">Банк успешных практик — открытый каталог</Typography.Text>
        </Link>
        <Link to={me ? '/practices' : '/login'}>
          <Button>{me ? 'В систему' : 'Войти'}</Button>
        </Link>
      </Layout.Header>
      <Layout.Content id="main" style={{ padding: 24, maxWidth: 1200, width: '100%', margin: '0 auto' }}>
        {children}
      </Layout.Content>
    </Layout>
  );
}

const keys = ['q', 'kind', 'level'] as const;

export function PublicCatalogPage() {
  const { filters, setFilters } = useUrlFilters(keys);
  const list = useKeysetList<PublicPracticeListItemDto>('/api/public/practices', filters, 20);
  return (
    <PublicShell title="Банк практик">
      <Typography.Title level={2} style={{ fontSize: 24 }}>
        Банк успешных педагогических и управленческих практик
      </Typography.Title>
      <Typography.Paragraph type="secondary">Практики, прошедшие экспертизу и рекомендованные к распространению. Материалы доступны для скачивания.</Typography.Paragraph>
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          enterButton="Найти"
          defaultValue={filters.q}
          placeholder="Название, автор, организация, ключевые слова"
          aria-label="Поиск по каталогу"
          onSearch={(q) => setFilters({ q })}
          style={{ maxWidth: 480 }}
        />
        <Select allowClear placeholder="Вид практики" aria-label="Вид практики" value={filters.kind} options={enumOptions(practiceKinds)} onChange={(kind) => setFilters({ kind })} style={{ width: 200 }} />
        <Select allowClear placeholder="Уровень образования" aria-label="Уровень образования" value={filters.level} options={enumOptions(practiceLevels)} onChange={(level) => setFilters({ level })} style={{ width: 300 }} />
      </Flex>
      {list.error ? (
        <ErrorAlert error={list.error} onRetry={list.refetch} />
      ) : (
        <>
          <Typography.Text type="secondary" aria-live="polite">
            {list.total === undefined ? 'Загрузка…' : `Найдено: ${counted(list.total, ['практика', 'практики', 'практик'])}`}
          </Typography.Text>
          <List
            loading={list.loading || list.refreshing}
            dataSource={list.items}
            locale={{ emptyText: <Empty description="Практики не найдены. Измените условия поиска." /> }}
            renderItem={(p) => (
              <List.Item>
                <List.Item.Meta
                  title={<Link to={`/practices-catalog/${p.id}`}>{p.title}</Link>}
                  description={
                    <Flex vertical gap={4}>
                      <span>
                        {p.authors.join(', ')} · {p.organizationName}, {p.territoryName}
                      </span>
                      <span>
                        <PracticeKindTag kind={p.kind} /> {practiceScope(p)} · опубликована {formatDate(p.publishedAt)}
                      </span>
                    </Flex>
                  }
                />
              </List.Item>
            )}
          />
          {list.hasMore && (
            <Button onClick={list.loadMore} loading={list.loadingMore}>
              Показать ещё
            </Button>
          )}
        </>
      )}
    </PublicShell>
  );
}

export function PublicPracticePage() {
  const { id = '' } = useParams();
  const { data: p, error, refetch } = usePublicPractice(id);
  return (
    <PublicShell title={p?.title ?? 'Практика'}>
      <Link to="/practices-catalog">← К каталогу</Link>
      {error ? (
        <ErrorAlert error={error} onRetry={() => void refetch()} />
      ) : !p ? (
        <Card loading />
      ) : (
        <Card style={{ marginTop: 12 }}>
          <Typography.Title level={2} style={{ fontSize: 24 }}>
            {p.title}
          </Typography.Title>
          <Descriptions
            column={1}
            size="small"
            items={[
              { label: 'Вид', children: <PracticeKindTag kind={p.kind} /> },
              { label: 'Уровень и предмет', children: practiceScope(p) },
              { label: 'Авторы', children: p.authors.map((a) => `${a.fullName} (${a.organizationName})`).join('; ') },
              { label: 'Организация', children: `${p.organizationName}, ${p.territoryName}` },
              { label: 'Опубликована', children: formatDate(p.publishedAt) },
              ...(p.keywords.length ? [{ label: 'Ключевые слова', children: p.keywords.map((k) => <Tag key={k}>{k}</Tag>) }] : []),
            ]}
          />
          <Typography.Title level={4}>Описание</Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{p.description}</Typography.Paragraph>
          {p.results && (
            <>
              <Typography.Title level={4}>Результаты</Typography.Title>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{p.results}</Typography.Paragraph>
            </>
          )}
          <Typography.Title level={4}>Материалы</Typography.Title>
          {p.files.length === 0 ? (
            <Typography.Text type="secondary">Материалы не приложены</Typography.Text>
          ) : (
            <List
              size="small"
              dataSource={p.files}
              renderItem={(f) => (
                <List.Item>
                  <a href={`/api/public/practices/${p.id}/files/${f.id}`} download={f.name}>
                    <DownloadOutlined /> {f.name}
                  </a>
                </List.Item>
              )}
            />
          )}
          {p.disseminations.length > 0 && (
            <>
              <Typography.Title level={4}>Где представлена</Typography.Title>
              <List
                size="small"
                dataSource={p.disseminations}
                renderItem={(d) => (
                  <List.Item>
                    {formatDate(d.heldOn)} — {d.title}
                    {d.place ? `, ${d.place}` : ''}
                    {d.url && (
                      <>
                        {' · '}
                        <a href={d.url} target="_blank" rel="noreferrer noopener">
                          ссылка
                        </a>
                      </>
                    )}
                  </List.Item>
                )}
              />
            </>
          )}
        </Card>
      )}
    </PublicShell>
  );
}
