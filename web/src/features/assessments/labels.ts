import type { AssessmentListItemDto } from '../../../../server/modules/assessments/assessments.api';

export const toolLabels: Record<AssessmentListItemDto['tool'], string> = { federal: 'Федеральный инструмент', regional: 'Региональный инструмент', organization: 'Диагностика организации' };
export const assessmentStatusLabels: Record<AssessmentListItemDto['status'], string> = { planned: 'Запланирована', open: 'Идёт', closed: 'Завершена' };
export const assessmentStatusColors: Record<AssessmentListItemDto['status'], string> = { planned: 'default', open: 'processing', closed: 'green' };
export const toolOptions = (Object.keys(toolLabels) as AssessmentListItemDto['tool'][]).map((value) => ({ value, label: toolLabels[value] }));
