// A roadmap: what it is and how its execution goes, with tabs for the activity table, the
// timeline, the roll-up by municipality and the comparison of revisions. The tab and every
// filter live in the URL, so a link opens the same view.
import { Alert, Card, Flex, Result, Skeleton, Tabs } from 'antd';
import { CloudUploadOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../app/api';
import { ErrorAlert } from '../../app/ErrorAlert';
import { PageHeader } from '../../app/PageHeader';
import { DownloadButton } from '../../app/DownloadButton';
import { LinkButton } from '../../app/LinkButton';
import { useUrlFilters } from '../../app/useUrlFilters';
import { useRoadmapAccess } from './access';
import { shortTitle } from './labels';
import { useRoadmap } from './queries';
import { RoadmapSummary } from './RoadmapSummary';
import { ActivitiesTab, activityFilterKeys } from './ActivitiesTab';
import { TimelineTab } from './TimelineTab';
import { RollupTab } from './RollupTab';
import { CompareTab } from './CompareTab';
import { CascadeButton } from './CascadeButton';
import { RoadmapEditButton } from './RoadmapEditButton';
import './roadmaps.css';

const pageKeys = ['tab', ...activityFilterKeys, 'from', 'to'] as const;
type Tab = 'activities' | 'timeline' | 'rollup' | 'compare';

export function RoadmapPage() {
  const { id = '' } = useParams();
  const access = useRoadmapAccess();
  const { data: r, error, refetch } = useRoadmap(id);
  const { filters, setFilters } = useUrlFilters(pageKeys);

  if (error instanceof ApiError && error.status === 404)
    return <Result status="404" title="Дорожная карта не найдена" subTitle="Её нет или она вне вашей области доступа." extra={<LinkButton to="/roadmaps">К списку дорожных карт</LinkButton>} />;
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (!r) return <Skeleton active />;

  const regional = r.level === 'regional';
  const tab = (filters.tab as Tab | undefined) ?? 'activities';
  const items = [
    { key: 'activities', label: 'Мероприятия', children: <ActivitiesTab roadmap={r} filters={filters} setFilters={setFilters} /> },
    { key: 'timeline', label: 'График', children: <TimelineTab roadmap={r} year={filters.year} setYear={(year) => setFilters({ year })} /> },
    ...(regional ? [{ key: 'rollup', label: 'Исполнение по муниципалитетам', children: <RollupTab roadmap={r} /> }] : []),
    {
      key: 'compare',
      label: 'Сравнение редакций',
      children: <CompareTab roadmap={r} from={filters.from} to={filters.to} setRange={(from, to) => setFilters({ from, to })} />,
    },
  ];
  return (
    <>
      <PageHeader
        // official titles run to 300 characters: a smaller type keeps the page's start in view
        title={<span style={{ fontSize: r.title.length > 100 ? 19 : undefined, lineHeight: 1.35, display: 'block' }}>{r.title}</span>}
        documentTitle={shortTitle(r.title)}
        trail={[{ title: 'Дорожные карты', to: '/roadmaps' }]}
        extra={
          <>
            <DownloadButton url={`/api/roadmaps/${r.id}/export.docx`} fileName="roadmap.docx">
              Word
            </DownloadButton>
            <DownloadButton url={`/api/roadmaps/${r.id}/export.xlsx?withStatus=true`} fileName="roadmap.xlsx">
              Excel с исполнением
            </DownloadButton>
            {r.canEdit && (
              <LinkButton icon={<CloudUploadOutlined />} to={`/roadmaps/${r.id}/revise`}>
                Загрузить изменения
              </LinkButton>
            )}
            {regional && access.cascades && <CascadeButton roadmap={r} />}
            {r.canEdit && <RoadmapEditButton roadmap={r} onReload={() => void refetch()} />}
          </>
        }
      />
      <Flex vertical gap={16}>
        {r.archived && <Alert type="warning" showIcon title="Дорожная карта в архиве: её нет в списке действующих, а её сроки — в «Моих сроках». Вернуть можно кнопкой «Вернуть из архива»." />}
        <RoadmapSummary roadmap={r} onStatus={(status) => setFilters({ tab: null, status })} onCompare={(from, to) => setFilters({ tab: 'compare', from, to })} />
        <Card>
          <Tabs activeKey={tab} onChange={(key) => setFilters({ tab: key === 'activities' ? null : key })} items={items} destroyOnHidden />
        </Card>
      </Flex>
    </>
  );
}
