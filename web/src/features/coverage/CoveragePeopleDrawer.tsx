// The people behind a coverage figure (who passed a diagnostic, who has none, who has a plan…) in
// a drawer over the page that shows the figure: the coverage table and the indicators dashboard.
import { Alert, Drawer, Flex, Input, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { queryString } from '../../app/api';
import { PagedTable } from '../../app/PagedTable';
import { DownloadButton } from '../../app/DownloadButton';
import { useKeysetList } from '../../app/useKeysetList';
import { counted, formatDate } from '../../app/format';
import { planStatusLabels } from '../learning-plans/labels';
import type { CoveragePersonDto } from '../../../../server/modules/coverage/coverage.api';

export type PeopleFilter = 'all' | 'diagnosed' | 'no_diagnostic' | 'with_deficits' | 'deficits_no_plan' | 'with_plan' | 'completed_federal';

export const peopleFilterTitles: Record<PeopleFilter, string> = {
  all: 'Все работники',
  diagnosed: 'Прошли диагностику',
  no_diagnostic: 'Не проходили диагностику',
  with_deficits: 'Есть дефициты',
  deficits_no_plan: 'Есть дефициты, нет ИОМ',
  with_plan: 'Есть ИОМ',
  completed_federal: 'Завершили программу федерального реестра',
};

export const isPeopleFilter = (s: string | undefined): s is PeopleFilter => !!s && s in peopleFilterTitles;

interface Props {
  filter: PeopleFilter;
  /** A municipality (territoryId) or an organization with its subdivisions (organizationId). */
  scope: { territoryId?: string; organizationId?: string };
  scopeName: string;
  year?: string | number;
  /** What the list counts differently from the figure that opened it, if anything. */
  note?: string;
  q?: string;
  onQ: (q: string) => void;
  onClose: () => void;
}

export function CoveragePeopleDrawer({ filter, scope, scopeName, year, note, q, onQ, onClose }: Props) {
  const params = { filter: filter === 'all' ? undefined : filter, ...scope, year, q };
  const list = useKeysetList<CoveragePersonDto>('/api/learning-coverage/people', params);
  return (
    <Drawer
      open
      size={960}
      title={`${peopleFilterTitles[filter]} — ${scopeName}`}
      onClose={onClose}
      extra={
        <DownloadButton url={`/api/learning-coverage/people/export.xlsx${queryString(params)}`} fileName="coverage.xlsx">
          Выгрузить в Excel
        </DownloadButton>
      }
    >
      <Flex vertical gap={12}>
        {note && <Alert type="info" showIcon title={note} />}
        <Input.Search key={q ?? ''} defaultValue={q} placeholder="Фамилия, имя" aria-label="Поиск по ФИО" allowClear enterButton="Найти" onSearch={(v) => onQ(v.trim())} style={{ maxWidth: 360 }} />
        <PagedTable<CoveragePersonDto>
          list={list}
          rowKey="staffId"
          scroll={{ x: 800 }}
          totalLabel={(n) => `Найдено: ${counted(n, ['работник', 'работника', 'работников'])}`}
          empty="Никого: под этот показатель здесь никто не подходит."
          columns={[
            {
              title: 'Работник',
              key: 'name',
              render: (_, p) => (
                <>
                  <Link to={`/staff/${p.staffId}`}>{p.fullName}</Link>
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
                    {p.organizations.join('; ')}
                  </Typography.Text>
                </>
              ),
            },
            { title: 'Последняя диагностика', dataIndex: 'lastDiagnosticOn', width: 130, render: formatDate },
            { title: 'Дефицитов', dataIndex: 'deficitCount', width: 100 },
            {
              title: 'ИОМ',
              key: 'plan',
              width: 150,
              render: (_, p) =>
                p.plan ? (
                  <Link to={`/learning-plans/${p.plan.id}`}>{planStatusLabels[p.plan.status as keyof typeof planStatusLabels] ?? p.plan.status}</Link>
                ) : p.deficitCount > 0 ? (
                  <Link to={`/learning-plans/new?staffId=${p.staffId}`}>Составить ИОМ</Link>
                ) : (
                  <Typography.Text type="secondary">нет</Typography.Text>
                ),
            },
            { title: 'Программ федерального реестра', dataIndex: 'completedFederal', width: 120 },
          ]}
        />
      </Flex>
    </Drawer>
  );
}
