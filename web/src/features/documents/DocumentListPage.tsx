// «Документы»: orders, regulations, agreements and local acts of the user's territory, by kind,
// status and level; a card for each, and «Новый документ» for administrators.
import { Card, Flex, Input, Select, Tag, Typography } from 'antd';
import { FileAddOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { useUrlFilters } from '../../app/useUrlFilters';
import { useKeysetList } from '../../app/useKeysetList';
import { PagedTable } from '../../app/PagedTable';
import { PageHeader } from '../../app/PageHeader';
import { LinkButton } from '../../app/LinkButton';
import { counted, formatDate } from '../../app/format';
import { kindLabels, kindOptions, levelLabels, levelOptions, statusColors, statusLabels, statusOptions } from './labels';
import type { DocumentListItem } from './types';

const filterKeys = ['q', 'kind', 'status', 'level'] as const;

export function StatusTag({ status }: { status: DocumentListItem['status'] }) {
  return <Tag color={statusColors[status]}>{statusLabels[status]}</Tag>;
}

export function DocumentListPage() {
  const { can } = useAuth();
  const { filters, setFilters, isActive } = useUrlFilters(filterKeys);
  const list = useKeysetList<DocumentListItem>('/api/documents', filters);
  const select = (key: 'kind' | 'status' | 'level', label: string, placeholder: string, options: { value: string; label: string }[], width: number) => (
    <Select aria-label={label} placeholder={placeholder} allowClear value={filters[key]} options={options} onChange={(v?: string) => setFilters({ [key]: v })} style={{ width }} />
  );
  return (
    <>
      <PageHeader
        title="Документы"
        subtitle="Приказы, положения, соглашения и локальные акты: реквизиты, статус, файл, связь с мероприятиями дорожных карт"
        extra={
          can.isAdmin && (
            <LinkButton type="primary" icon={<FileAddOutlined />} to="/documents/new">
              Новый документ
            </LinkButton>
          )
        }
      />
      <Card>
        <Flex vertical gap={12}>
          <Flex gap={8} wrap>
            <Input.Search
              key={filters.q ?? ''}
              defaultValue={filters.q}
              placeholder="Слова из названия или номер"
              aria-label="Поиск по названию или номеру"
              allowClear
              enterButton="Найти"
              onSearch={(q) => setFilters({ q: q.trim() })}
              style={{ width: 340, maxWidth: '100%' }}
            />
            {select('kind', 'Вид документа', 'Все виды', kindOptions, 190)}
            {select('status', 'Статус', 'Все статусы', statusOptions, 170)}
            {select('level', 'Уровень', 'Все уровни', levelOptions, 170)}
          </Flex>
          <PagedTable<DocumentListItem>
            list={list}
            rowKey="id"
            totalLabel={(n) => `Найдено: ${counted(n, ['документ', 'документа', 'документов'])}`}
            empty={
              isActive()
                ? 'Ничего не нашлось: измените условия поиска.'
                : can.isAdmin
                  ? 'Документов пока нет. Внесите приказ или локальный акт кнопкой «Новый документ».'
                  : 'Документов вашей территории и организации пока нет.'
            }
            columns={[
              {
                title: 'Документ',
                key: 'title',
                render: (_, d) => (
                  <Flex vertical gap={2}>
                    <Link to={`/documents/${d.id}`}>{d.title}</Link>
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {kindLabels[d.kind]}
                      {d.docDate ? ` от ${formatDate(d.docDate)}` : ''}
                      {d.number ? ` № ${d.number}` : ''}
                      {d.fileName && (
                        <>
                          {' · '}
                          <PaperClipOutlined aria-label="Файл приложен" />
                        </>
                      )}
                    </Typography.Text>
                  </Flex>
                ),
              },
              { title: 'Статус', dataIndex: 'status', width: 140, render: (s: DocumentListItem['status']) => <StatusTag status={s} /> },
              { title: 'Уровень', dataIndex: 'level', width: 140, render: (l: DocumentListItem['level']) => levelLabels[l] },
              {
                title: 'Издал',
                key: 'owner',
                width: 260,
                render: (_, d) => (
                  <>
                    {d.ownerName}
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
                      {d.territoryName}
                    </Typography.Text>
                  </>
                ),
              },
            ]}
          />
        </Flex>
      </Card>
    </>
  );
}
