// Status and kind of a practice as coloured tags; the labels come from the shared dictionary.
import { Tag } from 'antd';
import { practiceKinds, practiceLevels, practiceStatuses, type PracticeKind, type PracticeLevel, type PracticeStatus } from '../../../../common/practices';

const statusColors: Record<PracticeStatus, string> = { submitted: 'default', under_review: 'processing', returned: 'warning', published: 'success', rejected: 'error' };

export const PracticeStatusTag = ({ status }: { status: PracticeStatus }) => <Tag color={statusColors[status]}>{practiceStatuses[status]}</Tag>;

export const PracticeKindTag = ({ kind }: { kind: PracticeKind }) => <Tag color={kind === 'managerial' ? 'purple' : 'blue'}>{practiceKinds[kind]}</Tag>;

/** «Основное общее образование · Математика». */
export const practiceScope = (p: { level: PracticeLevel; subject: string | null }) => [practiceLevels[p.level], p.subject].filter(Boolean).join(' · ');

export const enumOptions = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));

/** «4,60»: a score as Russian readers write it; a dash before the first review. */
export const formatScore = (n: number | null | undefined) => (n == null ? '—' : n.toLocaleString('ru-RU', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
