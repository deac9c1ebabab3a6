// Demo bank of practices and the registries beside it (ADR 0018): deterministic, proportional to
// each region's people, inserted in bulk — one selection query and a few INSERTs per region.

import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { bulkInsert } from '../../db/bulk-insert.js';
import { practices, practiceAuthors, practiceFiles, practiceExperts, practiceReviews, practiceDisseminations, practiceHistory } from '../practices/practices.schema.js';
import { educationalResources, innovationSites } from '../registries/registries.schema.js';
import { practiceSearchText } from '../practices/practices.service.js';
import { reviewAverage } from '../practices/practice-workflow.js';
import { practiceCriterionCodes, type PracticeDecision, type PracticeLevel, type PracticeStatus, type ResourceAudience } from '../../../common/practices.js';
import { Random } from './demo-generator.js';

/** One practice per this many people of a region (the demo region: about 80). */
const PEOPLE_PER_PRACTICE = 100;

const pedagogicalTitles = [
  'Формирование функциональной грамотности на уроках предмета «{s}» через систему практико-ориентированных заданий',
  'Технология «перевёрнутый класс» в преподавании предмета «{s}»',
  'Проектная деятельность обучающихся по предмету «{s}»: от идеи до защиты',
  'Формирующее оценивание на уроках предмета «{s}»: листы самооценки и критериальные таблицы',
  'Использование ресурсов ФГИС «Моя школа» и РЭШ при изучении предмета «{s}»',
  'Смысловое чтение как основа успешности обучающихся по предмету «{s}»',
  'Система подготовки к государственной итоговой аттестации по предмету «{s}» в малокомплектной школе',
  'Кейс-метод на уроках предмета «{s}» для развития критического мышления',
  'Интегрированные уроки с краеведческим содержанием по предмету «{s}»',
  'Индивидуальные образовательные траектории одарённых обучающихся по предмету «{s}»',
];
const preschoolTitles = [
  'Образовательный терренкур «Тропинками родного края» для детей старшего дошкольного возраста',
  'Развитие речи дошкольников средствами театрализованной деятельности',
  'Лэпбук как средство познавательного развития дошкольников',
  'Ранняя профориентация дошкольников: «Город профессий»',
];
const managerialTitles = [
  'Внутришкольная система профессионального роста педагогов на основе диагностики дефицитов',
  'Модель наставничества «педагог — молодой специалист» в общеобразовательной организации',
  'Управление качеством образования в школе с низкими образовательными результатами',
  'Методический совет как площадка горизонтального обучения педагогов',
  'Сетевое взаимодействие школ муниципалитета по реализации программ углублённого изучения предметов',
  'Система внутренней оценки качества образования: от данных к управленческим решениям',
  'Профилактика профессионального выгорания педагогического коллектива',
];
const resultPhrases = [
  'Доля обучающихся, выполнивших задания на функциональную грамотность, выросла на 18 %.',
  'Качество знаний по итогам года повысилось с 52 до 64 %.',
  'Все молодые специалисты школы остались работать во втором году.',
  'Практика представлена на муниципальном и региональном уровнях, тиражирована в трёх школах округа.',
  'Число участников олимпиад и конкурсов увеличилось вдвое.',
];
const keywordPool = ['функциональная грамотность', 'наставничество', 'ФГОС', 'проектная деятельность', 'цифровые ресурсы', 'оценивание', 'ГИА', 'сетевое взаимодействие', 'молодой специалист', 'читательская грамотность'];
const eventTitles = [
  'Региональная научно-практическая конференция «Современная школа: практики развития»',
  'Муниципальный методический фестиваль «Панорама педагогических идей»',
  'Августовское совещание педагогических работников',
  'Вебинар ЦНППМ «Лучшие практики педагогов региона»',
  'Педагогические чтения «Учитель для школы будущего»',
];
const expertComments: Record<PracticeDecision, string[]> = {
  publish: ['Практика актуальна, результаты подтверждены, материалы пригодны для тиражирования.', 'Рекомендуется к публикации и представлению на региональном уровне.'],
  revise: ['Необходимо дополнить описание результатов количественными показателями и приложить методические материалы.', 'Уточнить этапы реализации и условия тиражирования.'],
  reject: ['Описание не содержит признаков практики: представлен единичный конспект урока без результатов.'],
};

const PRIMARY = 'Начальные классы';

/** Puts the subject into a title; «Начальные классы» is a stage, not a subject, and reads as one. */
function subjectTitle(template: string, subject: string | null): string {
  if (subject !== PRIMARY) return template.replace('{s}', subject ?? '');
  return template.replace(/(на уроках )?(?:в преподавании |по |при изучении )?предмет[ауы]? «\{s\}»/, (_m, lessons: string | undefined) => `${lessons ?? ''}в начальных классах`);
}

const levelOfKind: Record<string, PracticeLevel> = { kindergarten: 'preschool', college: 'vocational', additional_education: 'additional' };

interface Candidate {
  staff_id: string;
  full_name: string;
  organization_id: string;
  organization_name: string;
  organization_kind: string;
  territory_id: string;
  title: string;
  subject: string | null;
  category: string;
}

/** A one-page PDF that names the material: small, valid, different for every file. */
function demoPdf(title: string): Buffer {
  const text = title.replace(/[^\x20-\x7e]/g, '?').slice(0, 80);
  const body = `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>>endobj\n4 0 obj<</Length ${text.length + 30}>>stream\nBT /F1 12 Tf 50 780 Td (${text}) Tj ET\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

export async function loadPracticesDemo(db: Db, seed: number, today = new Date()): Promise<void> {
  const regions = await queryRows<{ id: string; people: number }>(
    db,
    sql`SELECT t.id, (SELECT count(*)::int FROM staff s WHERE s.territory_ids @> ARRAY[t.id]) AS people FROM territories t WHERE t.kind = 'region' ORDER BY t.code, t.id`,
  );
  const experts = await queryRows<{ id: string; region_id: string; display_name: string }>(
    db,
    sql`SELECT u.id, ra.territory_id AS region_id, u.display_name FROM users u JOIN role_assignments ra ON ra.user_id = u.id WHERE ra.role = 'expert' ORDER BY u.login`,
  );
  const [regionAdmin] = await queryRows<{ id: string; display_name: string }>(db, sql`SELECT u.id, u.display_name FROM users u WHERE u.login = 'region'`);
  for (const [index, region] of regions.entries()) {
    const r = new Random(seed, 9000 + index);
    const count = Math.max(8, Math.round(region.people / PEOPLE_PER_PRACTICE));
    // one person in eight of the region (by a hash of the id), through the GIN index on territory_ids
    const candidates = await queryRows<Candidate>(
      db,
      sql`SELECT DISTINCT ON (s.id) s.id AS staff_id, concat_ws(' ', s.surname, s.name, s.patronymic) AS full_name, o.id AS organization_id,
            o.short_name AS organization_name, o.kind AS organization_kind, o.territory_id, sp.title, sp.subjects[1] AS subject, sp.staff_category AS category
          FROM staff s JOIN staff_positions sp ON sp.staff_id = s.id AND sp.end_date IS NULL JOIN organizations o ON o.id = sp.organization_id
          WHERE s.territory_ids @> ARRAY[${region.id}]::uuid[] AND md5(s.id::text || ${String(seed)}) < '2'
            AND o.kind IN ('school', 'kindergarten', 'college', 'additional_education')
            AND s.id NOT IN (SELECT staff_id FROM users WHERE staff_id IS NOT NULL)
          ORDER BY s.id, sp.id`,
    );
    candidates.sort((a, b) => (a.staff_id < b.staff_id ? -1 : 1));
    const chosen = r.shuffle(candidates).slice(0, count);
    const regionExperts = experts.filter((e) => e.region_id === region.id);
    await insertPractices(db, r, region.id, chosen, candidates, regionExperts, regionAdmin, today);
    await insertRegistries(db, r, region.id, today);
  }
}

const statusWeights: [PracticeStatus, number][] = [
  ['published', 45],
  ['under_review', 20],
  ['submitted', 15],
  ['returned', 10],
  ['rejected', 10],
];

async function insertPractices(
  db: Db,
  r: Random,
  regionId: string,
  chosen: Candidate[],
  pool: Candidate[],
  experts: { id: string; display_name: string }[],
  admin: { id: string; display_name: string } | undefined,
  today: Date,
) {
  const rows: (typeof practices.$inferInsert)[] = [];
  const authors: (typeof practiceAuthors.$inferInsert)[] = [];
  const assigned: (typeof practiceExperts.$inferInsert)[] = [];
  const reviews: (typeof practiceReviews.$inferInsert)[] = [];
  const history: (typeof practiceHistory.$inferInsert)[] = [];
  const disseminations: (typeof practiceDisseminations.$inferInsert)[] = [];
  const files: { id: string; name: string; hex: string; practiceId: string; position: number }[] = [];
  const day = 86_400_000;
  for (const [n, lead] of chosen.entries()) {
    const id = r.uuid();
    const managerial = lead.category === 'managerial';
    const primary = lead.subject === PRIMARY;
    const level: PracticeLevel = levelOfKind[lead.organization_kind] ?? (primary ? 'primary' : managerial ? 'basic' : r.pick(['basic', 'basic', 'secondary'] as const));
    const subject = managerial || level === 'preschool' ? null : (lead.subject ?? null);
    const template = managerial
      ? r.pick(managerialTitles)
      : level === 'preschool' || !subject
        ? r.pick(preschoolTitles)
        : r.pick(primary ? pedagogicalTitles.filter((t) => !t.includes('итоговой аттестации')) : pedagogicalTitles);
    const title = subjectTitle(template, subject);
    // experts exist in the region of the demo accounts; elsewhere the bank is waiting or published earlier
    // the first five take every state once, so that even a small region shows the whole workflow
    let status = n < statusWeights.length ? statusWeights[n][0] : r.weighted(statusWeights);
    if (!experts.length && status !== 'published') status = 'submitted';
    const submittedAt = new Date(today.getTime() - r.int(20, 540) * day);
    const round = status === 'returned' || !r.chance(0.8) ? 1 : 2;
    const coAuthor = r.chance(0.4) ? pool.find((c) => c.organization_id === lead.organization_id && c.staff_id !== lead.staff_id) : undefined;
    const team = [lead, ...(coAuthor ? [coAuthor] : [])];
    team.forEach((a, position) => authors.push({ practiceId: id, position, staffId: a.staff_id, fullName: a.full_name, organizationName: a.organization_name }));
    const keywords = r.shuffle(keywordPool).slice(0, r.int(2, 4));
    const description = `${title}. Практика реализуется в ${lead.organization_name} с ${submittedAt.getFullYear() - r.int(1, 3)} года. Описаны цель, этапы, формы работы, используемые ресурсы и способы оценки результатов; приведены примеры заданий и рекомендации по переносу в другие организации.`;
    const decided = status === 'published' || status === 'returned' || status === 'rejected';
    const publishedAt = status === 'published' ? new Date(submittedAt.getTime() + r.int(10, 60) * day) : null;
    rows.push({
      id,
      title,
      kind: managerial ? 'managerial' : 'pedagogical',
      subject,
      level,
      description,
      results: r.pick(resultPhrases),
      keywords,
      organizationId: lead.organization_id,
      territoryId: lead.territory_id,
      regionId,
      status,
      round,
      decisionComment: status === 'returned' ? r.pick(expertComments.revise) : status === 'rejected' ? expertComments.reject[0] : null,
      submittedBy: null,
      submittedAt,
      publishedAt,
      searchText: practiceSearchText([title, description, subject, ...keywords, ...team.flatMap((a) => [a.full_name, a.organization_name]), lead.organization_name]),
    });
    history.push({ practiceId: id, status: 'submitted', round: 1, actorName: lead.full_name, at: submittedAt });
    if (status !== 'submitted' && experts.length) {
      const team2 = r.shuffle(experts).slice(0, Math.min(experts.length, r.int(1, 2)));
      team2.forEach((e) => assigned.push({ practiceId: id, expertUserId: e.id, assignedBy: admin?.id ?? null, assignedAt: new Date(submittedAt.getTime() + day) }));
      history.push({ practiceId: id, status: 'under_review', round: 1, actorName: admin?.display_name ?? 'Администратор региона', at: new Date(submittedAt.getTime() + day) });
      const outcome: PracticeDecision = status === 'published' ? 'publish' : status === 'rejected' ? 'reject' : 'revise';
      for (let k = 1; k <= round; k++) {
        // the current round of a practice under review is scored only in part
        const scorers = status === 'under_review' && k === round ? team2.slice(0, r.int(0, team2.length - 1)) : team2;
        const recommendation: PracticeDecision = k < round ? 'revise' : outcome;
        for (const e of scorers) {
          const base = recommendation === 'publish' ? 4 : recommendation === 'revise' ? 3 : 1;
          const scores = Object.fromEntries(practiceCriterionCodes.map((c) => [c, Math.min(5, Math.max(0, base + r.int(-1, 1)))]));
          reviews.push({ practiceId: id, round: k, expertUserId: e.id, expertName: e.display_name, scores, average: reviewAverage(scores), recommendation, comment: r.pick(expertComments[recommendation]) });
        }
        if (k < round) {
          history.push({ practiceId: id, status: 'returned', round: k, comment: r.pick(expertComments.revise), actorName: team2[0].display_name, at: new Date(submittedAt.getTime() + 5 * day) });
          history.push({ practiceId: id, status: 'under_review', round: k + 1, comment: 'Дополнены результаты и методические материалы', actorName: lead.full_name, at: new Date(submittedAt.getTime() + 9 * day) });
        }
      }
      if (decided) history.push({ practiceId: id, status, round, comment: status === 'published' ? null : rows[rows.length - 1].decisionComment, actorName: team2[0].display_name, at: publishedAt ?? new Date(submittedAt.getTime() + 12 * day) });
    } else if (status === 'published') {
      history.push({ practiceId: id, status, round, actorName: 'Экспертный совет', at: publishedAt! });
    }
    if (status === 'published') {
      if (r.chance(0.7)) {
        const names = ['Описание практики.pdf', 'Методические рекомендации.pdf', 'Презентация.pdf'].slice(0, r.int(1, 3));
        names.forEach((name, position) => files.push({ id: r.uuid(), name, hex: demoPdf(`${name} ${id}`).toString('hex'), practiceId: id, position }));
      }
      for (let k = r.int(0, 2); k > 0; k--) {
        const heldOn = new Date(publishedAt!.getTime() + r.int(5, 120) * day).toISOString().slice(0, 10);
        disseminations.push({ practiceId: id, title: r.pick(eventTitles), heldOn, place: lead.organization_name, url: r.chance(0.5) ? 'https://apkpro.ru/' : null });
      }
    }
  }
  await bulkInsert(db, practices, rows as Record<string, unknown>[]);
  await bulkInsert(db, practiceAuthors, authors as Record<string, unknown>[]);
  await bulkInsert(db, practiceExperts, assigned as Record<string, unknown>[]);
  await bulkInsert(db, practiceReviews, reviews as Record<string, unknown>[]);
  await bulkInsert(db, practiceHistory, history as Record<string, unknown>[]);
  await bulkInsert(db, practiceDisseminations, disseminations as Record<string, unknown>[]);
  if (files.length) {
    // bytea is not among bulkInsert's types: the content travels as hex text
    await db.execute(sql`INSERT INTO stored_files (id, name, mime, size, sha256, content)
      SELECT u.id, u.name, 'application/pdf', length(decode(u.hex, 'hex')), encode(sha256(decode(u.hex, 'hex')), 'hex'), decode(u.hex, 'hex')
      FROM unnest(${sql.param(files.map((f) => f.id))}::uuid[], ${sql.param(files.map((f) => f.name))}::text[], ${sql.param(files.map((f) => f.hex))}::text[]) AS u(id, name, hex)`);
    await bulkInsert(db, practiceFiles, files.map((f) => ({ practiceId: f.practiceId, fileId: f.id, position: f.position })));
  }
}

// ───────────── registries ─────────────

const resources: { title: string; url: string; topic: string; audiences: ResourceAudience[]; description: string }[] = [
  { title: 'Единое содержание общего образования', url: 'https://edsoo.ru/', topic: 'Обновлённые ФГОС и ФООП', audiences: ['teachers', 'managers', 'methodologists'], description: 'Федеральные рабочие программы, методические рекомендации, конструктор рабочих программ.' },
  { title: 'Академия Минпросвещения России', url: 'https://apkpro.ru/', topic: 'Повышение квалификации', audiences: ['teachers', 'managers', 'tutors', 'methodologists'], description: 'Федеральный реестр дополнительных профессиональных программ, курсы и диагностика профессиональных компетенций.' },
  { title: 'Российская электронная школа', url: 'https://resh.edu.ru/', topic: 'Цифровые образовательные ресурсы', audiences: ['teachers', 'young_specialists'], description: 'Интерактивные уроки по всем предметам школьной программы.' },
  { title: 'ФГИС «Моя школа»', url: 'https://myschool.edu.ru/', topic: 'Цифровые образовательные ресурсы', audiences: ['teachers', 'managers'], description: 'Верифицированный цифровой образовательный контент и сервисы для педагогов.' },
  { title: 'Федеральный институт педагогических измерений', url: 'https://fipi.ru/', topic: 'Оценка качества образования', audiences: ['teachers', 'methodologists'], description: 'Открытый банк заданий, демоверсии и методические рекомендации по ГИА.' },
  { title: 'Федеральный институт оценки качества образования', url: 'https://fioco.ru/', topic: 'Оценка качества образования', audiences: ['managers', 'methodologists'], description: 'ВПР, исследования функциональной грамотности, материалы для школ с низкими результатами.' },
  { title: 'Банк заданий по функциональной грамотности (ИСРО РАО)', url: 'https://fg.resh.edu.ru/', topic: 'Функциональная грамотность', audiences: ['teachers', 'young_specialists', 'methodologists'], description: 'Задания для формирования и оценки функциональной грамотности обучающихся.' },
  { title: 'Министерство просвещения Российской Федерации', url: 'https://edu.gov.ru/', topic: 'Нормативная база', audiences: ['managers', 'methodologists'], description: 'Нормативные документы, национальный проект «Образование».' },
  { title: 'Портал «Билет в будущее»', url: 'https://bvbinfo.ru/', topic: 'Профориентация', audiences: ['teachers', 'managers'], description: 'Материалы профориентационного минимума для школ.' },
  { title: 'Методические материалы по наставничеству (Академия Минпросвещения)', url: 'https://apkpro.ru/', topic: 'Наставничество', audiences: ['mentors', 'young_specialists', 'managers'], description: 'Целевая модель наставничества, формы и программы наставничества педагогов.' },
  { title: 'Разговоры о важном', url: 'https://razgovor.edsoo.ru/', topic: 'Воспитательная работа', audiences: ['teachers', 'young_specialists'], description: 'Сценарии внеурочных занятий и методические материалы.' },
  { title: 'Открытый банк оценочных средств', url: 'https://fipi.ru/', topic: 'Оценка качества образования', audiences: ['teachers'], description: 'Задания для текущего и итогового контроля по предметам.' },
];

const siteTopics = [
  'Формирование функциональной грамотности обучающихся в условиях обновлённых ФГОС',
  'Модель наставничества для молодых педагогов',
  'Цифровая образовательная среда школы',
  'Инклюзивное образование детей с ограниченными возможностями здоровья',
  'Профориентационная работа в сельской школе',
  'Школа полного дня: интеграция урочной и внеурочной деятельности',
];

async function insertRegistries(db: Db, r: Random, regionId: string, today: Date) {
  const year = today.getFullYear();
  await bulkInsert(
    db,
    educationalResources,
    resources.map((x) => ({ id: r.uuid(), regionId, ...x })),
  );
  // about one organization in twenty-five holds a site status; schools and kindergartens
  const orgs = await queryRows<{ id: string; territory_id: string; kind: string; short_name: string }>(
    db,
    sql`SELECT o.id, o.territory_id, o.kind, o.short_name FROM organizations o JOIN territories t ON t.id = o.territory_id
        WHERE t.path[1] = ${regionId} AND o.kind IN ('school', 'kindergarten', 'college', 'methodological_service', 'cnppm') ORDER BY o.id`,
  );
  const sites = r.shuffle(orgs.filter((o) => o.kind !== 'methodological_service' && o.kind !== 'cnppm')).slice(0, Math.max(3, Math.round(orgs.length / 25)));
  await bulkInsert(
    db,
    innovationSites,
    sites.map((o) => {
      const from = year - r.int(0, 3);
      const status = r.weighted([['active', 70], ['applied', 10], ['suspended', 5], ['closed', 15]] as const);
      return {
        id: r.uuid(),
        organizationId: o.id,
        territoryId: o.territory_id,
        kind: r.chance(0.6) ? 'innovation' : 'internship',
        status,
        topic: r.pick(siteTopics),
        periodFrom: `${from}-09-01`,
        periodTo: `${from + 3}-08-31`,
        orderRef: `Распоряжение министерства образования от ${r.int(10, 28)}.0${r.int(6, 8)}.${from} № ${r.int(100, 900)}`,
      };
    }),
  );
}
