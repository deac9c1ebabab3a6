// The layout of the annual report and the system passport as neutral blocks (ADR 0027): the
// server prints them to DOCX and PDF, the web page shows the same blocks, so the three never
// disagree on what a section holds.
import type { AnnualReport } from '../server/modules/reports/reports.service';
import type { SystemPassport } from '../server/modules/reports/report-passport';

export interface TableColumn {
  title: string;
  /** Relative width. */
  weight: number;
  align?: 'left' | 'right' | 'center';
}

export interface ChartBar {
  name: string;
  value: number | null;
  target: number | null;
}

export type ReportBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'note'; text: string }
  | { kind: 'subheading'; text: string }
  | { kind: 'facts'; items: { label: string; value: string }[] }
  | { kind: 'table'; caption?: string; columns: TableColumn[]; rows: string[][]; totals?: string[] }
  | { kind: 'chart'; title: string; unit: string; bars: ChartBar[] };

export interface ReportSection {
  key: string;
  title: string;
  blocks: ReportBlock[];
}

export interface ReportDocument {
  /** Lines of the title, the first one the document's name. */
  title: string[];
  /** «Данные на 31.12.2025», «Сформирован …». */
  meta: string[];
  sections: ReportSection[];
  /** File name without extension. */
  fileName: string;
}

const numberFormat = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 1 });
/** «1 234», «12,5»; a dash for no value. */
export const num = (v: number | null | undefined) => (v === null || v === undefined ? '—' : numberFormat.format(v).replace(/\u202f/g, '\u00a0'));
/** «12,5 %». */
export const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${num(v)}\u00a0%`);
/** «25.07.2021» from «2021-07-25». */
export const ruDay = (iso: string) => iso.slice(0, 10).split('-').reverse().join('.');

const levelGenitive = { region: 'региона', municipality: 'муниципалитета', organization: 'организации' } as const;
const childNames = { region: 'Регион', municipality: 'Муниципалитет', organization: 'Организация' } as const;

const asOfLine = (r: { asOf: string; closed: boolean }) =>
  r.closed ? `Данные на конец отчётного года (${ruDay(r.asOf)})` : `Данные на ${ruDay(r.asOf)} (год не завершён)`;

const safeName = (s: string) => s.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60);

/** The value of an indicator with its unit: «12,5 %» or «34». */
function indicatorValue(v: number | null, unit: string) {
  return unit === 'percent' ? pct(v) : num(v);
}

/** The indicator blocks: the table against targets, the children's table and a chart per share. */
function indicatorBlocks(ind: AnnualReport['indicators']): ReportBlock[] {
  if (!ind.items.length) return [{ kind: 'note', text: 'Показатели на этот год не утверждены.' }];
  const blocks: ReportBlock[] = [
    {
      kind: 'table',
      caption: 'Таблица показателей: значение и целевое значение',
      columns: [
        { title: '№', weight: 5, align: 'center' },
        { title: 'Показатель', weight: 40 },
        { title: 'Числитель / знаменатель', weight: 15, align: 'right' },
        { title: 'Значение', weight: 12, align: 'right' },
        { title: 'Целевое значение', weight: 12, align: 'right' },
        { title: 'Оценка', weight: 16 },
      ],
      rows: ind.items.map((i, k) => [
        i.number ?? String(k + 1),
        i.name,
        i.denominator === null ? num(i.numerator) : `${num(i.numerator)} / ${num(i.denominator)}`,
        indicatorValue(i.value, i.unit),
        indicatorValue(i.target, i.unit),
        i.statusName,
      ]),
    },
  ];
  if (ind.children.length) {
    const shown = ind.items.filter((i) => i.unit === 'percent').slice(0, 8);
    blocks.push({
      kind: 'table',
      caption: `Показатели по составу (${childNames[ind.childKind].toLowerCase()}: значение, %)`,
      columns: [{ title: childNames[ind.childKind], weight: 30 }, ...shown.map((i) => ({ title: `№ ${i.number ?? i.code}`, weight: 70 / Math.max(shown.length, 1), align: 'right' as const }))],
      rows: ind.children.map((c) => [c.name, ...shown.map((i) => pct(c.values[i.code]?.value ?? null))]),
    });
    for (const i of shown.filter((x) => x.number).slice(0, 6)) {
      blocks.push({
        kind: 'chart',
        title: `Показатель ${i.number}. ${i.name}`,
        unit: '%',
        bars: ind.children.map((c) => ({ name: c.name, value: c.values[i.code]?.value ?? null, target: c.values[i.code]?.target ?? null })),
      });
    }
  }
  return blocks;
}

export function annualReportLayout(r: AnnualReport): ReportDocument {
  const s = r.sections;
  const sections: ReportSection[] = [];

  sections.push({
    key: 'summary',
    title: s.summary,
    blocks: [
      {
        kind: 'facts',
        items: [
          { label: 'Уровень', value: `${childNames[r.level.kind]}: ${r.level.name}` },
          ...(r.level.parents.length ? [{ label: 'Входит в', value: r.level.parents.join(', ') }] : []),
          { label: 'Отчётный период', value: `${r.year} год` },
          { label: 'Организаций', value: num(r.summary.organizations) },
          { label: 'Работников (на конец периода)', value: num(r.summary.staff) },
          { label: 'из них педагогических работников', value: num(r.summary.pedagogical) },
          { label: 'из них управленческих кадров', value: num(r.summary.managerial) },
          { label: 'Молодых специалистов', value: num(r.summary.youngSpecialists) },
        ],
      },
    ],
  });

  sections.push({ key: 'indicators', title: s.indicators, blocks: indicatorBlocks(r.indicators) });

  const rm = r.roadmaps;
  const roadmapBlocks: ReportBlock[] = [];
  if (rm.items.length) {
    roadmapBlocks.push({
      kind: 'paragraph',
      text: `Контрольных сроков в ${r.year} году: ${num(rm.totals.occurrences)}; исполнено: ${num(rm.totals.done)}, не требуется: ${num(rm.totals.notApplicable)}, просрочено: ${num(rm.totals.overdue)}, в работе: ${num(rm.totals.open)}. Доля исполненных: ${pct(rm.totals.doneShare)}. Отчётов об исполнении за год: ${num(rm.totals.reports)}.`,
    });
    roadmapBlocks.push({
      kind: 'table',
      caption: 'Исполнение по дорожным картам',
      columns: [
        { title: 'Дорожная карта', weight: 34 },
        { title: 'Уровень, владелец', weight: 18 },
        { title: 'Мероприятий', weight: 8, align: 'right' },
        { title: 'Сроков', weight: 8, align: 'right' },
        { title: 'Исполнено', weight: 8, align: 'right' },
        { title: 'Просрочено', weight: 8, align: 'right' },
        { title: 'В работе', weight: 8, align: 'right' },
        { title: 'Отчётов', weight: 8, align: 'right' },
      ],
      rows: rm.items.map((x) => [x.title, `${x.levelName}; ${x.owner}`, num(x.activities), num(x.occurrences), num(x.done + x.notApplicable), num(x.overdue), num(x.open), num(x.reports)]),
      totals: ['Итого', '', '', num(rm.totals.occurrences), num(rm.totals.done + rm.totals.notApplicable), num(rm.totals.overdue), num(rm.totals.open), num(rm.totals.reports)],
    });
  } else roadmapBlocks.push({ kind: 'note', text: `Дорожных карт, действующих в ${r.year} году, нет.` });
  if (rm.addressed) {
    roadmapBlocks.push({
      kind: 'paragraph',
      text: `Мероприятия региональных и муниципальных дорожных карт, где организация — исполнитель: сроков ${num(rm.addressed.occurrences)}, исполнено ${num(rm.addressed.done)}, просрочено ${num(rm.addressed.overdue)}, в работе ${num(rm.addressed.open)}.`,
    });
  }
  if (rm.overdue.length) {
    roadmapBlocks.push({
      kind: 'table',
      caption: 'Просроченные мероприятия',
      columns: [
        { title: 'Дорожная карта', weight: 25 },
        { title: '№', weight: 6, align: 'center' },
        { title: 'Мероприятие', weight: 36 },
        { title: 'Срок', weight: 13, align: 'center' },
        { title: 'Ответственные', weight: 20 },
      ],
      rows: rm.overdue.map((o) => [o.roadmapTitle, o.number, o.title, ruDay(o.dueOn), o.responsible]),
    });
  }
  sections.push({ key: 'roadmaps', title: s.roadmaps, blocks: roadmapBlocks });

  const ev = r.events;
  sections.push({
    key: 'events',
    title: s.events,
    blocks: [
      {
        kind: 'facts',
        items: [
          { label: 'Проведено мероприятий', value: num(ev.held) },
          { label: 'Запланировано до конца года', value: num(ev.planned) },
          { label: 'Участников (по отчётам и отметкам посещения)', value: num(ev.participants) },
          { label: 'Отчётов о проведении', value: num(ev.reported) },
          { label: 'Работников, посетивших мероприятия', value: num(ev.attendees) },
        ],
      },
      ev.byKind.length
        ? {
            kind: 'table',
            caption: 'Мероприятия по видам',
            columns: [
              { title: 'Вид мероприятия', weight: 50 },
              { title: 'Проведено', weight: 16, align: 'right' },
              { title: 'Запланировано', weight: 17, align: 'right' },
              { title: 'Участников', weight: 17, align: 'right' },
            ],
            rows: ev.byKind.map((k) => [k.label, num(k.held), num(k.planned), num(k.participants)]),
            totals: ['Итого', num(ev.held), num(ev.planned), num(ev.participants)],
          }
        : { kind: 'note', text: `Мероприятий в ${r.year} году не проводилось.` },
    ],
  });

  const c = r.courses;
  sections.push({
    key: 'courses',
    title: s.courses,
    blocks: [
      {
        kind: 'facts',
        items: [
          { label: 'Завершено курсов (зачислений)', value: num(c.completions) },
          { label: 'Работников, завершивших обучение', value: num(c.people) },
          { label: 'из них по программам федерального реестра: курсов / работников', value: `${num(c.federalCompletions)} / ${num(c.federalPeople)}` },
          { label: 'Доля курсов федерального реестра', value: pct(c.federalShare) },
          ...c.byKind.map((k) => ({ label: k.label, value: num(k.completions) })),
        ],
      },
      c.programs.length
        ? {
            kind: 'table',
            caption: 'Программы, по которым завершено обучение',
            columns: [
              { title: 'Программа', weight: 52 },
              { title: 'Вид', weight: 20 },
              { title: 'ФР ДПП', weight: 14, align: 'center' },
              { title: 'Завершили', weight: 14, align: 'right' },
            ],
            rows: c.programs.map((x) => [x.title, x.kindName, x.inFederalRegistry ? (x.registryNumber ?? 'да') : 'нет', num(x.completions)]),
          }
        : { kind: 'note', text: `Завершённых курсов в ${r.year} году нет.` },
    ],
  });

  const m = r.mentoring;
  sections.push({
    key: 'mentoring',
    title: s.mentoring,
    blocks: [
      {
        kind: 'facts',
        items: [
          { label: 'Пар наставничества, действовавших в году', value: num(m.pairs) },
          { label: 'Наставников / наставляемых', value: `${num(m.mentors)} / ${num(m.mentees)}` },
          { label: 'Встреч пар в году', value: num(m.meetings) },
          { label: 'Молодых специалистов на конец периода', value: num(m.youngSpecialists) },
          { label: 'из них с наставником', value: `${num(m.youngSupported)} (${pct(m.youngSupportedShare)})` },
          { label: 'Менторство команд (ШНОР)', value: num(m.teamMentorships) },
          { label: 'Организаций с программой наставничества', value: num(m.organizationsWithProgramme) },
        ],
      },
      {
        kind: 'table',
        caption: 'Пары по формам наставничества',
        columns: [
          { title: 'Форма наставничества', weight: 75 },
          { title: 'Пар', weight: 25, align: 'right' },
        ],
        rows: m.byForm.map((f) => [f.label, num(f.pairs)]),
        totals: ['Итого', num(m.pairs)],
      },
    ],
  });

  const d = r.documents;
  const docBlocks: ReportBlock[] = [];
  if (d.byKind.length) {
    docBlocks.push({
      kind: 'table',
      caption: 'Документы, принятые в году',
      columns: [
        { title: 'Вид документа', weight: 60 },
        { title: 'Всего', weight: 20, align: 'right' },
        { title: 'Утверждены / действуют', weight: 20, align: 'right' },
      ],
      rows: d.byKind.map((k) => [k.label, num(k.total), num(k.inForce)]),
      totals: ['Итого', num(d.total), num(d.byKind.reduce((x, k) => x + k.inForce, 0))],
    });
  } else docBlocks.push({ kind: 'note', text: `Документов, датированных ${r.year} годом, нет.` });
  if (d.agreements.length) {
    docBlocks.push({
      kind: 'table',
      caption: `Соглашения (${num(d.agreementsTotal)})`,
      columns: [
        { title: 'Соглашение', weight: 38 },
        { title: 'Номер, дата', weight: 16 },
        { title: 'Стороны', weight: 32 },
        { title: 'Статус', weight: 14 },
      ],
      rows: d.agreements.map((a) => [a.title, [a.number ? `№ ${a.number}` : '', ruDay(a.docDate)].filter(Boolean).join(' от '), a.parties.join('; ') || a.owner, a.statusName]),
    });
  }
  sections.push({ key: 'documents', title: s.documents, blocks: docBlocks });

  const rc = r.recommendations;
  sections.push({
    key: 'recommendations',
    title: s.recommendations,
    blocks: rc.items.length
      ? [
          { kind: 'paragraph', text: `Выдано адресных рекомендаций: ${num(rc.total)}; на контроле: ${num(rc.open)}; с нарушением срока: ${num(rc.overdue)}.` },
          {
            kind: 'table',
            caption: 'Адресные рекомендации',
            columns: [
              { title: 'Рекомендация', weight: 25 },
              { title: 'Адресат', weight: 21 },
              { title: 'Кем выдана', weight: 20 },
              { title: 'Срок', weight: 13, align: 'center' },
              { title: 'Статус', weight: 13 },
              { title: 'Ответ', weight: 18 },
            ],
            rows: rc.items.map((x) => [x.title, x.addresseeName, x.issuerName, ruDay(x.dueDate), x.overdue ? `${x.statusName} (срок нарушен)` : x.statusName, x.response ?? '—']),
          },
        ]
      : [{ kind: 'note', text: `Адресных рекомендаций за ${r.year} год нет.` }],
  });

  return {
    title: ['Ежегодный отчёт', `о функционировании системы научно-методического сопровождения педагогических работников и управленческих кадров ${levelGenitive[r.level.kind]}`, `${r.level.name} за ${r.year} год`],
    meta: [asOfLine(r), `Сформирован ${ruDay(r.generatedAt)} по данным информационной системы`],
    sections,
    fileName: `Отчёт-${safeName(r.level.name)}-${r.year}`,
  };
}

export function systemPassportLayout(p: SystemPassport): ReportDocument {
  const s = p.sections;
  const countTable = (caption: string, first: string, rows: { label: string; count: number }[], extra?: (x: { label: string; count: number }) => string): ReportBlock => ({
    kind: 'table',
    caption,
    columns: extra
      ? [
          { title: first, weight: 60 },
          { title: 'Количество', weight: 20, align: 'right' },
          { title: 'Доля', weight: 20, align: 'right' },
        ]
      : [
          { title: first, weight: 75 },
          { title: 'Количество', weight: 25, align: 'right' },
        ],
    rows: rows.map((x) => (extra ? [x.label, num(x.count), extra(x)] : [x.label, num(x.count)])),
  });
  const ofStaff = (x: { count: number }) => pct(p.staff.total ? Math.round((x.count / p.staff.total) * 1000) / 10 : null);
  const sections: ReportSection[] = [
    {
      key: 'staff',
      title: s.staff,
      blocks: [
        {
          kind: 'facts',
          items: [
            { label: 'Педагогических работников и управленческих кадров', value: num(p.staff.total) },
            { label: 'Молодых специалистов', value: `${num(p.staff.youngSpecialists)} (${pct(p.staff.youngShare)})` },
            { label: 'Доля женщин', value: pct(p.staff.womenShare) },
          ],
        },
        countTable('По категориям', 'Категория', p.staff.byCategory, ofStaff),
        countTable('По возрасту', 'Возрастная группа', p.staff.byAge, ofStaff),
        countTable('По квалификационным категориям', 'Квалификационная категория', p.staff.byQualification, ofStaff),
      ],
    },
    {
      key: 'programs',
      title: s.programs,
      blocks: [
        {
          kind: 'facts',
          items: [
            { label: 'Программ в каталоге организаций системы', value: num(p.programs.total) },
            { label: 'из них в федеральном реестре', value: `${num(p.programs.federal)} (${pct(p.programs.federalShare)})` },
            ...p.programs.byKind.map((k) => ({ label: k.label, value: num(k.count) })),
            { label: `Программ, по которым завершено обучение в ${p.year} году`, value: `${num(p.programs.studied)} (федерального реестра: ${num(p.programs.studiedFederal)})` },
            { label: 'Доля завершённых курсов федерального реестра', value: pct(p.programs.federalCompletionShare) },
          ],
        },
      ],
    },
    {
      key: 'infrastructure',
      title: s.infrastructure,
      blocks: [
        {
          kind: 'facts',
          items: [
            { label: 'Организаций — субъектов системы', value: num(p.infrastructure.organizations) },
            { label: 'ЦНППМ', value: num(p.infrastructure.cnppm) },
            { label: 'Муниципальных методических служб', value: num(p.infrastructure.methodologicalServices) },
          ],
        },
        countTable('Организации по типам', 'Тип организации', p.infrastructure.byKind),
        countTable('Организации по функциям в системе', 'Функция', p.infrastructure.byFunction),
        countTable('Инновационные и стажировочные площадки', 'Вид площадки', p.infrastructure.sites),
        countTable('Профессиональные сообщества', 'Вид сообщества', p.infrastructure.communities),
      ],
    },
    {
      key: 'engagement',
      title: s.engagement,
      blocks: [
        {
          kind: 'table',
          caption: `Участие работников в деятельности системы в ${p.year} году`,
          columns: [
            { title: 'Форма участия', weight: 60 },
            { title: 'Работников', weight: 20, align: 'right' },
            { title: 'Доля от всех', weight: 20, align: 'right' },
          ],
          rows: p.engagement.map((e) => [e.label, num(e.count), pct(e.share)]),
        },
      ],
    },
    {
      key: 'resources',
      title: s.resources,
      blocks: [
        {
          kind: 'facts',
          items: [
            { label: 'Ресурсов в навигаторе образовательных ресурсов', value: num(p.resources.resources) },
            { label: 'Практик в банке (опубликовано)', value: num(p.resources.practicesPublished) },
            { label: `из них опубликовано в ${p.year} году`, value: num(p.resources.practicesPublishedInYear) },
          ],
        },
        ...(p.resources.resourceTopics.length ? [countTable('Навигатор ресурсов по темам', 'Тема', p.resources.resourceTopics.map((t) => ({ label: t.topic, count: t.count })))] : []),
      ],
    },
    { key: 'results', title: s.results, blocks: indicatorBlocks(p.results).filter((b) => b.kind !== 'chart') },
  ];
  const kindName = p.level.kind === 'region' ? 'региональной' : 'муниципальной';
  return {
    title: ['Паспорт', `${kindName} системы научно-методического сопровождения педагогических работников и управленческих кадров`, `${p.level.name}, ${p.year} год`],
    meta: [asOfLine(p), `Сформирован ${ruDay(p.generatedAt)} по данным информационной системы`],
    sections,
    fileName: `Паспорт-${safeName(p.level.name)}-${p.year}`,
  };
}
