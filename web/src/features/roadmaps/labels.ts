// Russian labels and colours of roadmap codes; the words come from the shared dictionaries, so
// the UI says what the XLSX export says.
import dayjs from 'dayjs';
import { deadlineKinds, occurrenceStatusLabels, organizationKinds, roadmapLevels } from '../../../../common/dictionaries';
import { formatDate } from '../../app/format';
import type { ComparedField, DeadlineKind, Occurrence, OccurrenceStatus, Revision, RoadmapLevel } from './types';

export const levelLabels: Record<RoadmapLevel, string> = roadmapLevels;
export const statusLabels: Record<OccurrenceStatus, string> = occurrenceStatusLabels;
export const kindLabels: Record<DeadlineKind, string> = deadlineKinds;

export const statusColors: Record<OccurrenceStatus, string> = {
  planned: 'blue',
  due_soon: 'gold',
  overdue: 'red',
  done: 'green',
  not_applicable: 'default',
};

/** Bar colours of the timeline (antd palette, readable on white). */
export const statusFill: Record<OccurrenceStatus, string> = {
  planned: '#4096ff',
  due_soon: '#faad14',
  overdue: '#f5222d',
  done: '#52c41a',
  not_applicable: '#bfbfbf',
};

export const kindColors: Record<DeadlineKind, string> = {
  date: 'blue',
  window: 'cyan',
  recurring: 'purple',
  standing: 'geekblue',
  on_demand: 'default',
  external: 'orange',
  unknown: 'red',
};

export const statusOptions = (Object.keys(statusLabels) as OccurrenceStatus[]).map((value) => ({ value, label: statusLabels[value] }));
export const levelOptions = (Object.keys(levelLabels) as RoadmapLevel[]).map((value) => ({ value, label: levelLabels[value] }));

export const fieldLabels: Record<ComparedField, string> = {
  section: 'Раздел',
  number: 'Номер',
  group: 'Системообразующий элемент',
  title: 'Мероприятие',
  responsible: 'Ответственные исполнители',
  coExecutors: 'Соисполнители',
  deadline: 'Срок исполнения',
  expectedResult: 'Планируемый результат',
};

export const revisionKindLabels: Record<Revision['kind'], string> = {
  initial: 'Первоначальная редакция',
  amendment: 'Внесение изменений',
  cascade: 'Сформирована из региональной',
};

/** «Общеобразовательная организация, …» for a group executor such as «ОО». */
export const kindsText = (kinds: string[]) => kinds.map((k) => organizationKinds[k as keyof typeof organizationKinds] ?? k).join(', ');

/** A control window in words: «25.07.2021», «июнь 2021», «01.09.2021 – 31.12.2021». */
export function formatWindow(o: Occurrence): string {
  if (o.from === o.to) return formatDate(o.to);
  const from = dayjs(o.from);
  const to = dayjs(o.to);
  if (from.date() === 1 && from.isSame(to, 'month') && to.date() === to.daysInMonth()) return from.format('MMMM YYYY');
  return `${formatDate(o.from)} – ${formatDate(o.to)}`;
}

/** «2021–2024» or «2021». */
export const periodText = (from: number, to: number) => (from === to ? String(from) : `${from}–${to}`);

export const yearsOf = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

/** Roadmap titles run to 300 characters; a breadcrumb or a tab needs the start. */
export const shortTitle = (title: string, max = 60) => (title.length > max ? `${title.slice(0, max - 1).trimEnd()}…` : title);

/** A long title with its start and its end («… — Лысьвенский городской округ»), which tells
 *  a cascaded roadmap from its regional parent. */
export const middleTitle = (title: string, max = 90) => (title.length > max ? `${title.slice(0, max - 36).trimEnd()} … ${title.slice(-32).trimStart()}` : title);

/** Revisions oldest first, whatever order the API lists them in. */
export const revisionsInOrder = (revisions: Revision[]) => [...revisions].sort((a, b) => a.number - b.number);

/** «12 КБ», «3,4 МБ». */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} Б`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} КБ`;
  return `${(bytes / 1024 / 1024).toLocaleString('ru-RU', { maximumFractionDigits: 1 })} МБ`;
}
