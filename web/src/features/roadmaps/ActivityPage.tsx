// The activity card: its wording and executors, its control dates with statuses, its place in the
// cascade, progress reports with the form to file one, and its history across revisions.
import { Alert, Card, Descriptions, Flex, Result, Skeleton, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../app/api';
import { ErrorAlert } from '../../app/ErrorAlert';
import { PageHeader } from '../../app/PageHeader';
import { formatDate } from '../../app/format';
import { ExecutorList } from './ExecutorList';
import { KindTag, StatusTag } from './StatusTag';
import { OccurrencesTable } from './OccurrencesTable';
import { ReportList } from './ReportList';
import { ReportForm } from './ReportForm';
import { fieldLabels, shortTitle } from './labels';
import { useActivity } from './queries';
import { LinkedDocuments } from '../documents/LinkedDocuments';
import type { ActivityCard, ComparedField } from './types';
import './roadmaps.css';

function Details({ a }: { a: ActivityCard }) {
  const extra = Object.entries(a.extra ?? {});
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      styles={{ label: { width: 240 } }}
      items={[
        { key: 'title', label: 'Мероприятие', children: a.title },
        { key: 'section', label: 'Раздел', children: [a.sectionNumber, a.sectionTitle].filter(Boolean).join('. ') },
        ...(a.group ? [{ key: 'group', label: 'Системообразующий элемент', children: a.group }] : []),
        { key: 'responsible', label: 'Ответственные исполнители', children: <ExecutorList executors={a.responsible} /> },
        ...(a.coExecutors.length ? [{ key: 'co', label: 'Соисполнители', children: <ExecutorList executors={a.coExecutors} /> }] : []),
        {
          key: 'deadline',
          label: 'Срок исполнения',
          children: (
            <Flex gap={8} wrap align="center">
              <span>{a.deadline.text || '—'}</span>
              <KindTag kind={a.deadline.kind} note={a.deadline.note} />
              {a.deadline.manual && <Tag>даты заданы вручную</Tag>}
            </Flex>
          ),
        },
        { key: 'result', label: 'Планируемый результат', children: a.expectedResult || '—' },
        ...extra.map(([k, v]) => ({ key: `extra:${k}`, label: k, children: v })),
        { key: 'status', label: 'Статус', children: <StatusTag status={a.status} /> },
      ]}
    />
  );
}

/** Up to the regional activity this one mirrors, down to the municipalities' mirrors of it. */
function Cascade({ a }: { a: ActivityCard }) {
  if (!a.parent && a.children.length === 0) return null;
  return (
    <Card size="small" title="Связь с дорожными картами других уровней">
      <Flex vertical gap={8}>
        {a.parent && (
          <Typography.Text>
            Исполняет мероприятие {a.parent.number} региональной дорожной карты:{' '}
            <Link to={`/roadmaps/${a.parent.roadmapId}/activities/${a.parent.activityId}`}>{a.parent.title}</Link>
          </Typography.Text>
        )}
        {a.children.length > 0 && (
          <>
            <Typography.Text>Исполнение в муниципальных дорожных картах:</Typography.Text>
            <Flex vertical gap={4}>
              {a.children.map((c) => (
                <Flex key={c.activityId} gap={8} align="center" wrap>
                  <Link to={`/roadmaps/${c.roadmapId}/activities/${c.activityId}`}>{c.territoryName}</Link>
                  <StatusTag status={c.status} />
                </Flex>
              ))}
            </Flex>
          </>
        )}
      </Flex>
    </Card>
  );
}

const changeLabels = { added: 'включено', changed: 'изменено', removed: 'исключено' } as const;

function History({ a }: { a: ActivityCard }) {
  return (
    <Flex vertical gap={8}>
      {a.history.map((h) => (
        <div key={h.revisionNumber}>
          <Typography.Text strong>
            Редакция № {h.revisionNumber} от {formatDate(h.createdAt)}: {changeLabels[h.change]}
          </Typography.Text>
          {h.approvedBy && <Typography.Text type="secondary"> ({h.approvedBy})</Typography.Text>}
          {h.changes.map((c) => (
            <div key={c.field} style={{ fontSize: 13, marginTop: 2 }}>
              {fieldLabels[c.field as ComparedField] ?? c.field}: <span className="rm-before">{c.before || '—'}</span> → <span className="rm-after">{c.after || '—'}</span>
            </div>
          ))}
        </div>
      ))}
    </Flex>
  );
}

export function ActivityPage() {
  const { id = '', activityId = '' } = useParams();
  const { data: a, error, refetch } = useActivity(activityId);
  if (error instanceof ApiError && error.status === 404)
    return <Result status="404" title="Мероприятие не найдено" subTitle="Его нет или дорожная карта вне вашей области доступа." />;
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (!a) return <Skeleton active />;
  const canReport = a.reportingOrganizations.length > 0 && !a.removed;
  return (
    <>
      <PageHeader
        title={`Мероприятие ${a.number}`.trim()}
        subtitle={a.roadmapTitle}
        trail={[
          { title: 'Дорожные карты', to: '/roadmaps' },
          { title: shortTitle(a.roadmapTitle), to: `/roadmaps/${a.roadmapId || id}` },
        ]}
      />
      <Flex vertical gap={16}>
        {a.removed && <Alert type="warning" showIcon title="Мероприятие исключено из дорожной карты последней редакцией. Его отчёты сохранены; новые не принимаются." />}
        <Details a={a} />
        <Cascade a={a} />
        <Card size="small" title="Контрольные сроки">
          <OccurrencesTable
            occurrences={a.occurrences}
            canEdit={a.canEdit && !a.removed}
            empty={a.deadline.kind === 'on_demand' ? 'Мероприятие выполняется по мере необходимости: контрольных дат нет.' : 'Контрольных дат нет.'}
          />
        </Card>
        <Card size="small" title={`Отчёты об исполнении (${a.reports.length})`}>
          <ReportList reports={a.reports} occurrences={a.occurrences} canReport={canReport} />
        </Card>
        <Card size="small" title="Документы-подтверждения">
          <LinkedDocuments activityId={a.id} />
        </Card>
        {canReport && (
          <Card size="small" title="Отчёт об исполнении">
            <ReportForm activity={a} />
          </Card>
        )}
        {a.history.length > 0 && (
          <Card size="small" title="История в редакциях">
            <History a={a} />
          </Card>
        )}
      </Flex>
    </>
  );
}
