// Diagnostics of the user's territory: tool, organiser, windows, how many measured.
import { Card, Flex, Select, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../app/PageHeader';
import { useAuth } from '../../app/auth';
import { AssessmentCreateButton } from './AssessmentCreateButton';
import { PagedTable } from '../../app/PagedTable';
import { useKeysetList } from '../../app/useKeysetList';
import { useUrlFilters } from '../../app/useUrlFilters';
import { counted, formatDate } from '../../app/format';
import { assessmentStatusColors, assessmentStatusLabels, toolLabels, toolOptions } from './labels';
import type { AssessmentListItemDto } from '../../../../server/modules/assessments/assessments.api';

const filterKeys = ['tool', 'year', 'archived'] as const;
const thisYear = new Date().getFullYear();

export function AssessmentListPage() {
  const { filters, setFilters, isActive } = useUrlFilters(filterKeys);
  const list = useKeysetList<AssessmentListItemDto>('/api/assessments', filters);
  const { can } = useAuth();
  return (
    <>
      <PageHeader title="Диагностика профессиональных компетенций" documentTitle="Диагностика" subtitle="Процедуры диагностики, компетенции и пороги дефицита, результаты участников" extra={can.isAdmin && <AssessmentCreateButton />} />
      <Card>
        <Flex vertical gap={12}>
          <Flex gap={8} wrap>
            <Select aria-label="Инструмент" placeholder="Любой инструмент" allowClear value={filters.tool} options={toolOptions} onChange={(tool?: string) => setFilters({ tool })} style={{ width: 240 }} />
            <Select aria-label="Год" placeholder="Любой год" allowClear value={filters.year} options={[0, 1, 2, 3].map((d) => ({ value: String(thisYear - d), label: `${thisYear - d} год` }))} onChange={(year?: string) => setFilters({ year })} style={{ width: 150 }} />
            <Select aria-label="Действующие или архивные" value={filters.archived ?? ''} options={[{ value: '', label: 'Действующие' }, { value: 'true', label: 'В архиве' }]} onChange={(archived: string) => setFilters({ archived })} style={{ width: 160 }} />
          </Flex>
          <PagedTable<AssessmentListItemDto>
            list={list}
            rowKey="id"
            totalLabel={(n) => `Найдено: ${counted(n, ['диагностика', 'диагностики', 'диагностик'])}`}
            empty={isActive() ? 'Ничего не нашлось: измените условия поиска.' : can.isAdmin ? 'Диагностик пока нет. Создайте процедуру кнопкой «Новая диагностика»: компетенции, пороги дефицита, окна проведения.' : 'Диагностик пока нет. Их проводят ЦНППМ, ЦОКО, органы управления образованием и школы.'}
            columns={[
              {
                title: 'Диагностика',
                key: 'title',
                render: (_, a) => (
                  <Flex vertical gap={2}>
                    <Link to={`/assessments/${a.id}`}>{a.title}</Link>
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {toolLabels[a.tool]} · {a.organizerName}
                    </Typography.Text>
                    {a.target.lowResultsSchools && <Tag color="orange" style={{ width: 'fit-content' }}>педагоги ШНОР</Tag>}
                  </Flex>
                ),
              },
              { title: 'Окна проведения', key: 'windows', width: 220, render: (_, a) => a.windows.map((w) => `${formatDate(w.from)} — ${formatDate(w.to)}`).join('; ') },
              { title: 'Статус', key: 'status', width: 130, render: (_, a) => <Tag color={assessmentStatusColors[a.status]}>{assessmentStatusLabels[a.status]}</Tag> },
              { title: 'Компетенций', dataIndex: 'competencyCount', width: 110 },
              { title: 'Участников', key: 'participants', width: 150, render: (_, a) => <>{a.participantCount}<Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>с результатами {a.measuredCount}</Typography.Text></> },
            ]}
          />
        </Flex>
      </Card>
    </>
  );
}
