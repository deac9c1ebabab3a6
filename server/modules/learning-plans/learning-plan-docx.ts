/**
 * The learning plan as the document that is signed: the person and the tutor, the deficits it was
 * built on (competency, result, threshold, diagnostic), the table of items (form, kind, content,
 * deficits addressed, deadline, expected result, mark of completion) and the signature lines.
 */
import { Document, Packer, PageOrientation, Paragraph, TextRun } from 'docx';
import { ruDate } from '../../lib/dates.js';
import { A4, DOCX_MARGIN as MARGIN, docText as text, docTable, docxStyles } from '../../lib/docx.js';
import type { LearningPlanView } from './learning-plans.service.js';

export type PlanDocument = LearningPlanView & { positions: string[] };

export const formNames = { formal: 'Формальное', non_formal: 'Неформальное', informal: 'Информальное' } as const;
export const kindNames = {
  course: 'Курсы ДПО',
  internship: 'Стажировка',
  master_class: 'Мастер-класс',
  mentoring: 'Наставничество',
  association: 'Методическое объединение',
  self_education: 'Самообразование',
  event: 'Мероприятие',
} as const;
export const itemStatusNames = { planned: 'Запланировано', submitted: 'Отчёт на проверке', accepted: 'Выполнено', returned: 'Возвращено на доработку' } as const;
export const planStatusNames = { draft: 'Черновик', agreed: 'Согласован', in_progress: 'Выполняется', completed: 'Завершён' } as const;
const effectNames = { closed: 'закрыт', open: 'не закрыт', not_remeasured: 'повторная диагностика не проводилась' } as const;

const percent = (n: number) => `${String(Math.round(n * 10) / 10).replace('.', ',')} %`;

const table = (headers: string[], weights: number[], rows: string[][]) => docTable(headers, weights, rows, { centerFirst: true });

export async function writeLearningPlanDocx(plan: PlanDocument): Promise<Buffer> {
  const codeOf = new Map(plan.deficits.map((d) => [d.competencyId, d.code]));
  const heading = [
    ...text('Индивидуальный образовательный маршрут', { bold: true, center: true }),
    ...text(`педагогического работника на период с ${ruDate(plan.periodFrom)} по ${ruDate(plan.periodTo)}`, { center: true }),
    new Paragraph({}),
    ...text(`Работник: ${plan.fullName}`),
    ...(plan.positions.length ? text(`Должность, организация: ${plan.positions.join('; ')}`) : []),
    ...text(`Тьютор: ${plan.tutor?.displayName ?? 'не назначен'}`),
    ...text(`Статус: ${planStatusNames[plan.status]}`),
    new Paragraph({}),
    ...text('1. Профессиональные дефициты по результатам диагностики', { bold: true }),
  ];
  const deficits = plan.deficits.length
    ? table(
        ['Код', 'Компетенция', 'Результат', 'Порог', 'Диагностика, дата', 'Результат после ИОМ'],
        [8, 34, 10, 10, 24, 20],
        plan.deficits.map((d) => [
          d.code,
          d.name,
          percent(d.score),
          percent(d.threshold),
          `${d.assessmentTitle}, ${ruDate(d.measuredOn)}`,
          d.laterScore ? `${percent(d.laterScore.score)} (${ruDate(d.laterScore.measuredOn)}) — дефицит ${effectNames[d.effect]}` : effectNames[d.effect],
        ]),
      )
    : new Paragraph({ children: [new TextRun('Дефицитов по результатам диагностики не выявлено.')] });
  const items = table(
    ['№', 'Форма, вид', 'Содержание', 'Дефициты', 'Срок', 'Планируемый результат', 'Отметка о выполнении'],
    [5, 14, 33, 10, 10, 18, 14],
    plan.items.map((i) => [
      String(i.position),
      `${formNames[i.form]} обучение; ${kindNames[i.kind].toLowerCase()}`,
      i.explanation ? `${i.title}\n${i.explanation}` : i.title,
      i.competencies.map((c) => codeOf.get(c.id) ?? c.code).join(', '),
      i.deadline ? ruDate(i.deadline) : '—',
      i.expectedResult,
      itemStatusNames[i.status],
    ]),
  );
  const signatures = [
    new Paragraph({}),
    ...text(`Работник _______________ / ${plan.fullName} /${plan.personAgreedAt ? `   согласовано ${ruDate(plan.personAgreedAt.slice(0, 10))}` : ''}`),
    new Paragraph({}),
    ...text(`Тьютор _______________ / ${plan.tutor?.displayName ?? ''} /${plan.tutorAgreedAt ? `   согласовано ${ruDate(plan.tutorAgreedAt.slice(0, 10))}` : ''}`),
  ];
  const doc = new Document({
    styles: docxStyles,
    sections: [
      {
        properties: { page: { size: { width: A4.width, height: A4.height, orientation: PageOrientation.LANDSCAPE }, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } } },
        children: [...heading, deficits, new Paragraph({}), ...text('2. Мероприятия маршрута', { bold: true }), items, ...signatures],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
