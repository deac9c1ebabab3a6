// Demo documents, vacancies and diplomas, derived from the loaded territories, organizations and
// staff by set-based SQL (one statement per kind, no per-row queries), so a country-sized load
// costs a few statements. Everything is decided by hashes of the generated ids: the same seed
// gives the same data (dates are relative to the day of loading).

import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { subjects } from '../../../common/dictionaries.js';

/** A deterministic number 0…2^28 from a text: the first 7 hex digits of its MD5. */
const h = (expr: ReturnType<typeof sql>) => sql`(('x' || left(md5(${expr}), 7))::bit(28)::int)`;
/** A deterministic uuid from a text, with the version 4 and variant bits set (the API validates ids). */
const uid = (expr: ReturnType<typeof sql>) => sql`(overlay(overlay(md5(${expr}) placing '4' from 13) placing '8' from 17)::uuid)`;

/** The profile of a pedagogical diploma that covers each subject by the rule of ADR 0019. */
export const demoProfiles: Record<(typeof subjects)[number], string> = {
  'Русский язык': 'Русский язык и литература',
  Литература: 'Русский язык и литература',
  Математика: 'Математика',
  Алгебра: 'Математика',
  Геометрия: 'Математика',
  Информатика: 'Информатика',
  Физика: 'Физика',
  Химия: 'Химия',
  Биология: 'Биология',
  География: 'География',
  История: 'История',
  Обществознание: 'История и обществознание',
  'Английский язык': 'Иностранный язык (английский)',
  'Немецкий язык': 'Иностранный язык (немецкий)',
  'Французский язык': 'Иностранный язык (французский)',
  'Физическая культура': 'Физическая культура',
  ОБЗР: 'Безопасность жизнедеятельности',
  Музыка: 'Музыка',
  'Изобразительное искусство': 'Изобразительное искусство',
  'Труд (технология)': 'Технология',
  'Начальные классы': 'Начальное образование',
  'Родной язык': 'Родной язык и литература',
};

/** Specialties that cover no school subject: the diplomas of those who teach outside their field. */
export const demoOtherSpecialties = ['Экономика', 'Психология', 'Менеджмент', 'Дошкольное образование', 'Социальная работа'];

/** Share of teachers (in tenths) whose diplomas are on record; the others rely on the school's mark. */
const EDUCATION_ON_RECORD = 7;

export async function loadDocumentsAndStaffingDemo(db: Db): Promise<void> {
  await loadEducation(db);
  await loadVacancies(db);
  await loadDocuments(db);
}

async function loadEducation(db: Db) {
  const teaching = sql`p.staff_category = 'pedagogical' AND cardinality(p.subjects) > 0 AND p.end_date IS NULL AND ${h(sql`p.staff_id::text || 'edu'`)} % 10 < ${EDUCATION_ON_RECORD}`;
  const profiles = Object.entries(demoProfiles);
  // a diploma per covered profile of the positions marked as matching…
  await db.execute(sql`INSERT INTO staff_education (id, staff_id, level, institution, specialty, qualification, graduation_year)
    SELECT ${uid(sql`d.staff_id::text || d.specialty`)}, d.staff_id, 'higher', 'Государственный педагогический университет', d.specialty, 'Учитель', d.year
    FROM (SELECT DISTINCT p.staff_id, 'Педагогическое образование (профиль «' || pr.profile || '»)' AS specialty, s.profession_start_year AS year
          FROM staff_positions p JOIN staff s ON s.id = p.staff_id CROSS JOIN LATERAL unnest(p.subjects) AS subj(subject)
          JOIN unnest(${sql.param(profiles.map((p) => p[0]))}::text[], ${sql.param(profiles.map((p) => p[1]))}::text[]) AS pr(subject, profile) ON pr.subject = subj.subject
          WHERE ${teaching} AND p.education_matches_subject) d`);
  // …and a diploma outside any subject for the people with a position marked as not matching
  await db.execute(sql`INSERT INTO staff_education (id, staff_id, level, institution, specialty, qualification, graduation_year)
    SELECT ${uid(sql`d.staff_id::text || 'other'`)}, d.staff_id, 'higher', 'Государственный университет',
      (${sql.param(demoOtherSpecialties)}::text[])[1 + ${h(sql`d.staff_id::text || 'spec'`)} % ${demoOtherSpecialties.length}], NULL, d.year
    FROM (SELECT DISTINCT p.staff_id, s.profession_start_year AS year FROM staff_positions p JOIN staff s ON s.id = p.staff_id
          WHERE ${teaching} AND p.education_matches_subject = false) d`);
}

async function loadVacancies(db: Db) {
  // about a third of schools report vacancies, more in bigger schools (one per 25 teachers, at least one)
  await db.execute(sql`INSERT INTO vacancies (id, organization_id, territory_id, position, subject, hours, open_since, comment)
    SELECT ${uid(sql`o.id::text || 'vacancy' || g::text`)}, o.id, o.territory_id,
      CASE WHEN subj = 'Начальные классы' THEN 'Учитель начальных классов' ELSE 'Учитель' END, subj,
      (ARRAY[18, 18, 9, 27, 12, 24])[1 + ${h(sql`o.id::text || 'hours' || g::text`)} % 6],
      CURRENT_DATE - (${h(sql`o.id::text || 'since' || g::text`)} % 400),
      CASE WHEN ${h(sql`o.id::text || 'note' || g::text`)} % 4 = 0 THEN 'Предоставляется служебное жильё' END
    FROM (SELECT o.id, o.territory_id, count(DISTINCT p.staff_id) AS teachers FROM organizations o JOIN staff_positions p ON p.organization_id = o.id
          WHERE o.kind = 'school' AND p.staff_category = 'pedagogical' AND ${h(sql`o.id::text || 'vacancies'`)} % 100 < 35 GROUP BY o.id, o.territory_id) o
    CROSS JOIN LATERAL generate_series(1, 1 + (o.teachers / 25)::int) AS g
    CROSS JOIN LATERAL (SELECT (${sql.param([...subjects])}::text[])[1 + ${h(sql`o.id::text || 'subject' || g::text`)} % ${subjects.length}] AS subj) s`);
}

/** A document number and a date within the last years, from a hash. */
const number = (key: ReturnType<typeof sql>, prefix: string) => sql`${prefix}::text || (1 + ${h(sql`${key} || 'no'`)} % 900)::text`;
const dateWithin = (key: ReturnType<typeof sql>, days: number, after = sql`0`) => sql`CURRENT_DATE - ${after} - (${h(sql`${key} || 'date'`)} % ${days})`;

async function loadDocuments(db: Db) {
  const insert = (select: ReturnType<typeof sql>) =>
    db.execute(sql`INSERT INTO documents (id, kind, title, number, doc_date, valid_from, status, level, owner_organization_id, territory_id, summary) ${select}`);
  // the ministry: the current regulation of the regional system and its order, and the order it replaced
  await insert(sql`SELECT ${uid(sql`o.id::text || v.key`)}, v.kind, v.title, ${number(sql`o.id::text || v.key`, '01-')}, ${dateWithin(sql`o.id::text || v.key`, 60, sql`v.age`)},
      ${dateWithin(sql`o.id::text || v.key`, 60, sql`v.age`)}, v.status, 'regional', o.id, o.territory_id, v.summary
    FROM organizations o CROSS JOIN (VALUES
      ('order-2021', 'order', 'Об утверждении положения о региональной системе научно-методического сопровождения педагогических работников и управленческих кадров', 'superseded', 1500, NULL),
      ('order-rsnms', 'order', 'О региональной системе научно-методического сопровождения педагогических работников и управленческих кадров (в новой редакции)', 'in_force', 400, 'Утверждает положение о РСНМС и состав её субъектов'),
      ('regulation-rsnms', 'regulation', 'Положение о региональной системе научно-методического сопровождения педагогических работников и управленческих кадров', 'in_force', 400, NULL),
      ('order-roadmap', 'order', 'Об утверждении комплекса мер (дорожной карты) по развитию системы научно-методического сопровождения', 'in_force', 300, NULL),
      ('order-mentoring', 'order', 'Об утверждении регионального положения о наставничестве педагогических работников', 'approved', 20, NULL)
    ) AS v(key, kind, title, status, age, summary)
    WHERE o.kind = 'ministry'`);
  await db.execute(sql`UPDATE documents d SET superseded_by_id = ${uid(sql`d.owner_organization_id::text || 'order-rsnms'`)}
    WHERE d.id = ${uid(sql`d.owner_organization_id::text || 'order-2021'`)}`);
  // agreements of the institute with each municipal authority of its region
  await insert(sql`SELECT ${uid(sql`i.id::text || m.id::text || 'agreement'`)}, 'agreement',
      'Соглашение о сотрудничестве в сфере научно-методического сопровождения педагогических работников (' || t.name || ')',
      ${number(sql`m.id::text`, 'С-')}, ${dateWithin(sql`m.id::text || 'agreement'`, 500)}, NULL,
      CASE WHEN ${h(sql`m.id::text || 'signed'`)} % 10 < 8 THEN 'in_force' ELSE 'draft' END, 'regional', i.id, i.territory_id, NULL
    FROM organizations i JOIN territories t ON t.parent_id = i.territory_id JOIN organizations m ON m.territory_id = t.id AND m.kind = 'municipal_authority'
    WHERE i.kind = 'development_institute'`);
  await db.execute(sql`INSERT INTO document_parties (id, document_id, organization_id, name, position)
    SELECT ${uid(sql`i.id::text || m.id::text || 'party' || p.pos::text`)}, ${uid(sql`i.id::text || m.id::text || 'agreement'`)}, p.org, o.short_name, p.pos
    FROM organizations i JOIN territories t ON t.parent_id = i.territory_id JOIN organizations m ON m.territory_id = t.id AND m.kind = 'municipal_authority'
    CROSS JOIN LATERAL (VALUES (i.id, 0), (m.id, 1)) AS p(org, pos)
    JOIN organizations o ON o.id = p.org
    WHERE i.kind = 'development_institute'`);
  // each municipal authority: the order on the municipal system and the appointment of its coordinator
  await insert(sql`SELECT ${uid(sql`o.id::text || v.key`)}, 'order', v.title, ${number(sql`o.id::text || v.key`, 'ОД-')}, ${dateWithin(sql`o.id::text || v.key`, 300)}, NULL,
      CASE WHEN ${h(sql`o.id::text || v.key || 's'`)} % 10 < 9 THEN 'in_force' ELSE 'draft' END, 'municipal', o.id, o.territory_id, NULL
    FROM organizations o CROSS JOIN (VALUES
      ('mun-system', 'Об организации муниципальной системы научно-методического сопровождения педагогических работников'),
      ('mun-coordinator', 'О назначении муниципального координатора научно-методического сопровождения')
    ) AS v(key, title)
    WHERE o.kind = 'municipal_authority'`);
  // most schools: a local act appointing the person responsible, linked to the school as evidence;
  // some also a regulation on mentoring
  await insert(sql`SELECT ${uid(sql`o.id::text || v.key`)}, 'local_act', v.title, ${number(sql`o.id::text || v.key`, '')}, ${dateWithin(sql`o.id::text || v.key`, 365)}, NULL,
      'in_force', 'organization', o.id, o.territory_id, NULL
    FROM organizations o CROSS JOIN (VALUES
      ('school-responsible', 'О назначении ответственного за научно-методическое сопровождение педагогических работников', 60),
      ('school-mentoring', 'Об утверждении положения о наставничестве', 30)
    ) AS v(key, title, share)
    WHERE o.kind = 'school' AND ${h(sql`o.id::text || v.key`)} % 100 < v.share`);
  await db.execute(sql`INSERT INTO document_organization_links (id, document_id, organization_id, purpose)
    SELECT ${uid(sql`d.id::text || 'link'`)}, d.id, d.owner_organization_id, 'Ответственный за научно-методическое сопровождение назначен локальным актом'
    FROM documents d JOIN organizations o ON o.id = d.owner_organization_id
    WHERE d.kind = 'local_act' AND d.id = ${uid(sql`o.id::text || 'school-responsible'`)}`);
  await db.execute(sql`INSERT INTO document_status_changes (id, document_id, from_status, to_status, changed_at)
    SELECT ${uid(sql`d.id::text || 'history'`)}, d.id, NULL, d.status, coalesce(d.doc_date::timestamptz, now()) FROM documents d`);
}
