// A diagnostic: target group, windows, competencies with thresholds and a summary per
// competency, the results table with entry by form and upload from Excel.
import { useState } from 'react';
import { Button, Card, Col, Descriptions, Drawer, Flex, Input, Row, Select, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import { CloudUploadOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { api, queryString } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { ErrorAlert } from '../../app/ErrorAlert';
import { PagedTable } from '../../app/PagedTable';
import { DownloadButton } from '../../app/DownloadButton';
import { useKeysetList } from '../../app/useKeysetList';
import { useUrlFilters } from '../../app/useUrlFilters';
import { counted, formatDate, formatNumber } from '../../app/format';
import { staffCategories } from '../../../../common/dictionaries';
import { ImportUpload } from '../imports/ImportUpload';
import { ImportBatchView } from '../imports/ImportBatchView';
import { formatPercent } from '../learning-plans/labels';
import { assessmentStatusColors, assessmentStatusLabels, toolLabels } from './labels';
import { ResultsForm } from './ResultsForm';
import type { AssessmentDto, AssessmentPersonResultsDto } from '../../../../server/modules/assessments/assessments.api';

type CompetencyRow = AssessmentDto['competencies'][number];
const filterKeys = ['q', 'status', 'batch'] as const;

function ResultsImport({ assessment, batch, setBatch, onClose }: { assessment: AssessmentDto; batch?: string; setBatch: (id: string | undefined) => void; onClose: () => void }) {
  return (
    <Drawer open width={960} title="Загрузка результатов из Excel" onClose={onClose}>
      {batch ? (
        <ImportBatchView id={batch} onAnother={() => setBatch(undefined)} done={{ to: `/assessments/${assessment.id}`, title: 'К результатам диагностики' }} />
      ) : (
        <Flex vertical gap={16}>
          <DownloadButton url="/api/imports/assessment_results/template.xlsx" fileName="assessment_results-template.xlsx" style={{ alignSelf: 'flex-start' }}>
            Скачать шаблон
          </DownloadButton>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            Строка — результат одного работника по одной компетенции этой диагностики (код или наименование). Работник ищется по СНИЛС, без него — по ФИО и дате рождения, среди работников вашей области администрирования.
          </Typography.Paragraph>
          <ImportUpload kind="assessment_results" query={queryString({ assessmentId: assessment.id })} onUploaded={setBatch} />
        </Flex>
      )}
    </Drawer>
  );
}

export function AssessmentPage() {
  const { id } = useParams();
  const { filters, setFilters, isActive } = useUrlFilters(filterKeys);
  const [importing, setImporting] = useState(!!filters.batch);
  const [entering, setEntering] = useState<AssessmentPersonResultsDto | 'new' | null>(null);
  const { data: a, error, refetch } = useQuery({ queryKey: ['assessments', id], queryFn: ({ signal }) => api.get<AssessmentDto>(`/api/assessments/${id}`, signal) });
  const listFilters = { q: filters.q, status: filters.status };
  const results = useKeysetList<AssessmentPersonResultsDto>(`/api/assessments/${id}/results`, listFilters, 50, !!a);
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (!a) return <Skeleton active />;
  const thresholds = new Map(a.competencies.map((c) => [c.competencyId, c]));
  return (
    <>
      <PageHeader
        title={a.title}
        subtitle={
          <>
            {toolLabels[a.tool]} · {a.organizerName} <Tag color={assessmentStatusColors[a.status]} style={{ marginLeft: 8 }}>{assessmentStatusLabels[a.status]}</Tag>
          </>
        }
        documentTitle={a.title}
        trail={[{ title: 'Диагностика', to: '/assessments' }]}
      />
      <Flex vertical gap={16}>
        <Card>
          <Descriptions
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'windows', label: 'Окна проведения', children: a.windows.map((w) => `${formatDate(w.from)} — ${formatDate(w.to)}`).join('; ') },
              { key: 'territory', label: 'Территория', children: a.territoryName },
              { key: 'target', label: 'Целевая группа', children: [a.target.staffCategory ? staffCategories[a.target.staffCategory] : 'Все работники', a.target.lowResultsSchools ? 'педагоги ШНОР' : null, a.target.description].filter(Boolean).join('; ') },
              { key: 'revision', label: 'Редакция справочника компетенций', children: `№ ${a.catalogRevision}` },
            ]}
          />
          <Row gutter={16} style={{ marginTop: 8 }}>
            <Col xs={24} sm={8}><Statistic title="Участников" value={a.participantCount} groupSeparator=" " /></Col>
            <Col xs={24} sm={8}><Statistic title="С результатами" value={a.measuredCount} groupSeparator=" " /></Col>
            <Col xs={24} sm={8}><Statistic title="С дефицитами" value={a.withDeficitsCount} groupSeparator=" " styles={{ content: { color: a.withDeficitsCount ? '#cf1322' : undefined } }} /></Col>
          </Row>
        </Card>
        <Card title="Компетенции и пороги дефицита">
          <Table<CompetencyRow>
            size="small"
            rowKey="competencyId"
            dataSource={a.competencies}
            pagination={false}
            scroll={{ x: 800 }}
            columns={[
              { title: 'Компетенция', key: 'name', render: (_, c) => <><Typography.Text strong>{c.code}</Typography.Text> {c.name}<Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>{c.groupName}</Typography.Text></> },
              { title: 'Порог', dataIndex: 'threshold', width: 90, render: (t: number) => `${t} %` },
              { title: 'Измерено', dataIndex: 'measured', width: 100, render: formatNumber },
              { title: 'Дефицитов', dataIndex: 'deficits', width: 110, render: (n: number) => (n ? <Typography.Text type="danger">{formatNumber(n)}</Typography.Text> : 0) },
              { title: 'Средний результат', dataIndex: 'averageScore', width: 150, render: (s: number | null) => (s == null ? '—' : formatPercent(s)) },
            ]}
          />
        </Card>
        <Card
          title="Результаты участников"
          extra={
            <Flex gap={8} wrap>
              {a.canEnterResults && (
                <>
                  <Button type="primary" icon={<PlusOutlined />} onClick={() => setEntering('new')}>
                    Внести результаты
                  </Button>
                  <Button icon={<CloudUploadOutlined />} onClick={() => setImporting(true)}>
                    Загрузить из Excel
                  </Button>
                </>
              )}
              <DownloadButton url={`/api/assessments/${a.id}/results/export.xlsx${queryString(listFilters)}`} fileName="assessment-results.xlsx">
                Выгрузить в Excel
              </DownloadButton>
            </Flex>
          }
        >
          <Flex vertical gap={12}>
            <Flex gap={8} wrap>
              <Input.Search key={filters.q ?? ''} defaultValue={filters.q} placeholder="Фамилия, имя" aria-label="Поиск по ФИО" allowClear enterButton="Найти" onSearch={(q) => setFilters({ q: q.trim() })} style={{ width: 320 }} />
              <Select
                aria-label="Результаты"
                placeholder="Все участники"
                allowClear
                value={filters.status}
                onChange={(status?: string) => setFilters({ status })}
                style={{ width: 220 }}
                options={[{ value: 'measured', label: 'С результатами' }, { value: 'deficit', label: 'С дефицитами' }, { value: 'pending', label: 'Без результатов' }]}
              />
            </Flex>
            <PagedTable<AssessmentPersonResultsDto>
              list={results}
              rowKey="staffId"
              scroll={{ x: 300 + a.competencies.length * 110 }}
              totalLabel={(n) => `Найдено: ${counted(n, ['участник', 'участника', 'участников'])}`}
              empty={isActive(['q', 'status']) ? 'Никого не нашлось: измените условия поиска.' : a.canEnterResults ? 'Результатов пока нет. Внесите их формой или загрузите файл Excel.' : 'Результатов ваших работников пока нет.'}
              columns={[
                { title: 'Участник', key: 'name', fixed: 'left', width: 240, render: (_, p) => <>{p.fullName}<Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>{formatDate(p.measuredOn)}</Typography.Text></> },
                ...a.competencies.map((c) => ({
                  title: <span title={`${c.name}, порог ${c.threshold} %`}>{c.code}</span>,
                  key: c.competencyId,
                  width: 100,
                  render: (_: unknown, p: AssessmentPersonResultsDto) => {
                    const s = p.scores.find((x) => x.competencyId === c.competencyId);
                    return s ? <Typography.Text type={s.deficit ? 'danger' : undefined}>{formatPercent(s.score)}</Typography.Text> : <Typography.Text type="secondary">—</Typography.Text>;
                  },
                })),
                { title: 'Дефицитов', dataIndex: 'deficitCount', width: 100, render: (n: number) => (n ? <Tag color="volcano">{n}</Tag> : 0) },
                ...(a.canEnterResults ? [{ title: '', key: 'edit', width: 50, render: (_: unknown, p: AssessmentPersonResultsDto) => <Button type="text" icon={<EditOutlined />} aria-label={`Изменить результаты: ${p.fullName}`} onClick={() => setEntering(p)} /> }] : []),
              ]}
            />
            {thresholds.size > 0 && <Typography.Text type="secondary">Красным — результат ниже порога (дефицит).</Typography.Text>}
          </Flex>
        </Card>
      </Flex>
      {entering && <ResultsForm assessment={a} person={entering === 'new' ? null : entering} onClose={() => setEntering(null)} />}
      {importing && (
        <ResultsImport
          assessment={a}
          batch={filters.batch}
          setBatch={(batch) => setFilters({ batch })}
          onClose={() => {
            setImporting(false);
            setFilters({ batch: undefined });
            void refetch();
            results.refetch();
          }}
        />
      )}
    </>
  );
}
