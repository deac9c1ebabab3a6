import { describe, expect, it, beforeAll } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { count, eq, sql, type SQL } from 'drizzle-orm';
import { openDatabase, queryRows } from '../../db/client.js';
import { youngSql } from '../staff/staff.service.js';
import { competencies, organizations, roleAssignments, staff, staffPositions, territories, tutorAssignments, users } from '../../db/schema.js';
import { organizationKindCodes, subjects } from '../../../common/dictionaries.js';
import { isValidSnils } from '../../../common/snils.js';
import { verifyPassword } from '../auth/password.js';
import { demoSizes, demoTotals, generateDemo, generateDemoRegion, planDemo, apportion, type DemoChunk, type DemoSize } from './demo-generator.js';
import { femaleNames, maleNames, patronymic, regionName, surnameFor, surnames, transliterate } from './demo-names.js';
import { demoPassword, isDatabaseEmpty, loadDemo } from './demo.service.js';
import type { CatalogCompetency } from './demo-learning.js';

type Row = Record<string, any>;
const TODAY = '2025-11-23';

function collect(size: DemoSize, seed = 1, today = TODAY, catalog?: CatalogCompetency[]) {
  const chunks: DemoChunk[] = [];
  for (const chunk of generateDemo(size, seed, { today, catalog })) chunks.push(chunk);
  const rows = (table: DemoChunk['table']) => chunks.filter((c) => c.table === table).flatMap((c) => c.rows) as Row[];
  return { chunks, rows, territories: rows('territories'), organizations: rows('organizations'), staff: rows('staff'), positions: rows('staff_positions') };
}

const share = <T>(list: T[], test: (x: T) => boolean) => list.filter(test).length / list.length;
const groupBy = (rows: Row[], key: string) => {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const group = groups.get(row[key]);
    if (group) group.push(row);
    else groups.set(row[key], [row]);
  }
  return groups;
};
const ageOn = (birthDate: string, today = TODAY) => {
  const [y, m, d] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
};

describe('demo names', () => {
  it('has enough distinct names and surnames', () => {
    expect(new Set(maleNames).size).toBe(maleNames.length);
    expect(new Set(femaleNames).size).toBe(femaleNames.length);
    expect(new Set(surnames).size).toBe(surnames.length);
    expect(maleNames.length).toBeGreaterThanOrEqual(150);
    expect(femaleNames.length).toBeGreaterThanOrEqual(150);
    expect(surnames.length).toBeGreaterThanOrEqual(300);
  });

  it('forms patronymics, regular and irregular', () => {
    const cases: [string, string, string][] = [
      ['Иван', 'Иванович', 'Ивановна'],
      ['Андрей', 'Андреевич', 'Андреевна'],
      ['Николай', 'Николаевич', 'Николаевна'],
      ['Геннадий', 'Геннадьевич', 'Геннадьевна'],
      ['Юрий', 'Юрьевич', 'Юрьевна'],
      ['Дмитрий', 'Дмитриевич', 'Дмитриевна'],
      ['Игорь', 'Игоревич', 'Игоревна'],
      ['Илья', 'Ильич', 'Ильинична'],
      ['Никита', 'Никитич', 'Никитична'],
      ['Кузьма', 'Кузьмич', 'Кузьминична'],
      ['Лев', 'Львович', 'Львовна'],
      ['Павел', 'Павлович', 'Павловна'],
      ['Пётр', 'Петрович', 'Петровна'],
      ['Михаил', 'Михайлович', 'Михайловна'],
      ['Яков', 'Яковлевич', 'Яковлевна'],
      ['Рамиль', 'Рамилевич', 'Рамилевна'],
    ];
    for (const [father, son, daughter] of cases) {
      expect(patronymic(father, 'male')).toBe(son);
      expect(patronymic(father, 'female')).toBe(daughter);
    }
    for (const father of maleNames) {
      expect(patronymic(father, 'male')).toMatch(/(ович|евич|ич)$/);
      expect(patronymic(father, 'female')).toMatch(/(овна|евна|ична)$/);
    }
  });

  it('gives women the feminine surname and keeps invariable ones', () => {
    expect(surnameFor('Иванов', 'female')).toBe('Иванова');
    expect(surnameFor('Соловьёв', 'female')).toBe('Соловьёва');
    expect(surnameFor('Ильин', 'female')).toBe('Ильина');
    expect(surnameFor('Достоевский', 'female')).toBe('Достоевская');
    expect(surnameFor('Трубецкой', 'female')).toBe('Трубецкая');
    expect(surnameFor('Толстой', 'female')).toBe('Толстая');
    for (const same of ['Белых', 'Черных', 'Шевчук', 'Шевченко', 'Ким', 'Цой', 'Акопян', 'Карпович']) expect(surnameFor(same, 'female')).toBe(same);
    expect(surnameFor('Иванов', 'male')).toBe('Иванов');
  });

  it('transliterates for e-mail addresses', () => {
    expect(transliterate('Соловьёва')).toBe('soloveva');
    expect(transliterate('Щукина')).toBe('shchukina');
    expect(transliterate('Юлия')).toBe('yuliya');
    expect(transliterate('Великий Устюг')).toBe('velikiy-ustyug');
  });

  it('names 89 distinct regions, the first being the demo region', () => {
    const names = Array.from({ length: 89 }, (_, i) => regionName(i));
    expect(new Set(names.map((n) => n.name)).size).toBe(89);
    expect(names[0]).toMatchObject({ name: 'Северо-Камский край', genitive: 'Северо-Камского края', abbreviation: 'СКК' });
    expect(names.filter((n) => n.kind === 'область').length).toBeGreaterThan(40);
  });
});

describe('generateDemo', () => {
  let demo: ReturnType<typeof collect>;
  beforeAll(() => {
    demo = collect(demoSizes.demo);
  });

  it('is deterministic: the same seed gives the same rows, ids included', () => {
    const again = collect(demoSizes.demo);
    expect(again.chunks).toEqual(demo.chunks);
    const other = collect(demoSizes.small, 2);
    expect(other.staff[0].id).not.toBe(collect(demoSizes.small, 1).staff[0].id);
  });

  it('adds a region at a later position that shares no ids, INN or СНИЛС with the first', () => {
    const first = collect(demoSizes.small);
    const added: DemoChunk[] = [...generateDemoRegion(demoSizes.small, 1, 1, { today: TODAY })];
    const rows = (table: DemoChunk['table']) => added.filter((c) => c.table === table).flatMap((c) => c.rows) as Row[];
    expect(rows('territories')[0]).toMatchObject({ kind: 'region', name: regionName(1).name, code: '02' });
    const disjoint = (a: Row[], b: Row[], key: string) => {
      const taken = new Set(a.map((x) => x[key]).filter((v) => v != null));
      expect(b.map((r) => r[key]).filter((v) => taken.has(v)), key).toEqual([]);
    };
    disjoint(first.territories, rows('territories'), 'id');
    disjoint(first.organizations, rows('organizations'), 'id');
    disjoint(first.organizations, rows('organizations'), 'inn');
    disjoint(first.staff, rows('staff'), 'id');
    disjoint(first.staff, rows('staff'), 'snils');
    disjoint(first.staff, rows('staff'), 'email');
    expect(rows('staff').every((p) => p.snils == null || isValidSnils(p.snils))).toBe(true);
  });

  it('streams in foreign-key order with bounded chunks', () => {
    expect(demo.chunks.map((c) => c.table).slice(0, 2)).toEqual(['territories', 'organizations']);
    for (let i = 2; i < demo.chunks.length; i += 2) {
      expect([demo.chunks[i].table, demo.chunks[i + 1].table]).toEqual(['staff', 'staff_positions']);
      const ids = new Set(demo.chunks[i].rows.map((r) => r.id));
      expect(demo.chunks[i + 1].rows.every((p) => ids.has(p.staffId))).toBe(true);
    }
    expect(Math.max(...demo.chunks.map((c) => c.rows.length))).toBeLessThan(5000);
  });

  it('produces the demo region at the expected scale', () => {
    expect(demo.territories).toHaveLength(11);
    expect(demo.organizations.length).toBeGreaterThanOrEqual(280);
    expect(demo.organizations.length).toBeLessThanOrEqual(320);
    expect(demo.staff.length).toBeGreaterThanOrEqual(7600);
    expect(demo.staff.length).toBeLessThanOrEqual(8400);
    expect(demoTotals(demoSizes.demo)).toEqual({ territories: demo.territories.length, organizations: demo.organizations.length, staff: demo.staff.length });
    const kinds = new Set(demo.organizations.map((o) => o.kind));
    for (const kind of organizationKindCodes) expect(kinds, kind).toContain(kind);
    const schools = demo.organizations.filter((o) => o.kind === 'school').length;
    expect(schools / demo.organizations.length).toBeGreaterThan(0.5);
    expect(schools / demo.organizations.length).toBeLessThan(0.65);
  });

  it('plans a country of 89 regions, ~2,500 municipalities, ~40,000 organizations, ~1.1 million people', () => {
    const totals = demoTotals(demoSizes.national);
    expect(planDemo(demoSizes.national)).toHaveLength(89);
    expect(totals.territories - 89).toBeGreaterThan(2300);
    expect(totals.territories - 89).toBeLessThan(2700);
    expect(totals.organizations).toBeGreaterThan(38_000);
    expect(totals.organizations).toBeLessThan(42_000);
    expect(totals.staff).toBeGreaterThan(1_050_000);
    expect(totals.staff).toBeLessThan(1_150_000);
  });

  it('builds the territory tree', () => {
    const [region, ...municipalities] = demo.territories;
    expect(region).toMatchObject({ kind: 'region', name: 'Северо-Камский край', parentId: null, path: [region.id] });
    for (const m of municipalities) {
      expect(m).toMatchObject({ kind: 'municipality', parentId: region.id, path: [region.id, m.id] });
      expect(m.name).toMatch(/ (городской округ|муниципальный округ|муниципальный район)$/);
    }
    expect(new Set(demo.territories.map((t) => t.name)).size).toBe(11);
  });

  it('links organizations to their founders and territories', () => {
    const byId = new Map(demo.organizations.map((o) => [o.id, o]));
    const territoryIds = new Set(demo.territories.map((t) => t.id));
    for (const o of demo.organizations) {
      expect(territoryIds.has(o.territoryId)).toBe(true);
      const parent = o.parentId ? byId.get(o.parentId) : undefined;
      expect(o.path).toEqual([...(parent?.path ?? []), o.id]);
      if (['school', 'kindergarten', 'additional_education', 'methodological_service'].includes(o.kind)) {
        expect(parent).toMatchObject({ kind: 'municipal_authority', territoryId: o.territoryId });
      }
      if (o.kind === 'cnppm') expect(parent?.kind).toBe('development_institute');
      if (['ministry', 'development_institute', 'municipal_authority'].includes(o.kind)) expect(o.parentId).toBeNull();
    }
    expect(demo.organizations.find((o) => o.kind === 'ministry')!.fullName).toBe('Министерство образования Северо-Камского края');
  });

  it('gives organizations realistic names, addresses, valid INNs and fitting functions', () => {
    const innOk = (inn: string) => {
      const w = [2, 4, 10, 3, 5, 9, 4, 6, 8];
      const sum = w.reduce((a, k, i) => a + k * Number(inn[i]), 0);
      return /^\d{10}$/.test(inn) && (sum % 11) % 10 === Number(inn[9]);
    };
    expect(demo.organizations.every((o) => innOk(o.inn))).toBe(true);
    expect(new Set(demo.organizations.map((o) => o.inn)).size).toBe(demo.organizations.length);
    for (const o of demo.organizations) expect(o.address).toMatch(/^\d{6}, Северо-Камский край, .+, (ул\.|пр\.|б-р) [^,]+, д\. \d+$/);
    const schools = demo.organizations.filter((o) => o.kind === 'school');
    for (const s of schools) {
      expect(s.shortName).toMatch(/^М[АБК]ОУ «.+» (г\. \S+|(с\.|пос\.|д\.) .+)$/);
      expect(s.fullName).toMatch(/^Муниципальное (автономное|бюджетное|казенное) общеобразовательное учреждение «/);
    }
    expect(schools.some((s) => /«Гимназия № \d+»/.test(s.shortName))).toBe(true);
    expect(schools.some((s) => /«Средняя общеобразовательная школа № \d+» г\. /.test(s.shortName))).toBe(true);
    expect(schools.some((s) => /«Основная общеобразовательная школа» (с\.|пос\.|д\.) /.test(s.shortName))).toBe(true);
    const low = share(schools, (s) => s.lowResultsSchool);
    expect(low).toBeGreaterThan(0.06);
    expect(low).toBeLessThan(0.1);
    expect(schools.some((s) => s.innovationSite && s.functions.includes('innovation'))).toBe(true);
    const fn = (kind: string) => demo.organizations.find((o) => o.kind === kind)!.functions;
    expect(fn('ministry')).toEqual(['governance', 'monitoring']);
    expect(fn('cnppm')).toEqual(expect.arrayContaining(['diagnostics', 'upskilling', 'tutoring', 'methodological_support']));
    expect(fn('methodological_service')).toEqual(expect.arrayContaining(['methodological_support', 'networking']));
  });

  it('sizes schools like real ones: town schools bigger than village ones', () => {
    const people = new Map<string, number>();
    for (const p of demo.positions) people.set(p.organizationId, (people.get(p.organizationId) ?? 0) + 1);
    const schools = demo.organizations.filter((o) => o.kind === 'school');
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];
    const urban = schools.filter((s) => / г\. \S+$/.test(s.shortName)).map((s) => people.get(s.id) ?? 0);
    const rural = schools.filter((s) => !/ г\. \S+$/.test(s.shortName)).map((s) => people.get(s.id) ?? 0);
    expect(median(urban)).toBeGreaterThanOrEqual(40);
    expect(median(urban)).toBeLessThanOrEqual(120);
    expect(median(rural)).toBeGreaterThanOrEqual(10);
    expect(median(rural)).toBeLessThanOrEqual(25);
  });

  it('gives every school a director and one to four managerial deputies', () => {
    const schoolIds = new Set(demo.organizations.filter((o) => o.kind === 'school').map((o) => o.id));
    const bySchool = groupBy(demo.positions.filter((p) => schoolIds.has(p.organizationId)), 'organizationId');
    expect(bySchool.size).toBe(schoolIds.size);
    for (const positions of bySchool.values()) {
      const own = positions.filter((p) => p.title === 'Директор');
      const deputies = positions.filter((p) => p.title.startsWith('Заместитель директора'));
      expect(own).toHaveLength(1);
      expect(deputies.length).toBeGreaterThanOrEqual(1);
      expect(deputies.length).toBeLessThanOrEqual(4);
      expect([...own, ...deputies].every((p) => p.staffCategory === 'managerial')).toBe(true);
    }
  });

  it('fills positions with matching subjects and categories', () => {
    const known = new Set<string>(subjects);
    for (const p of demo.positions) {
      expect(p.subjects.every((s: string) => known.has(s))).toBe(true);
      expect(p.endDate).toBeNull();
      expect(p.startDate <= TODAY).toBe(true);
    }
    const math = demo.positions.filter((p) => p.title === 'Учитель математики');
    expect(math.length).toBeGreaterThan(100);
    expect(math.every((p) => p.subjects.includes('Математика') && p.staffCategory === 'pedagogical')).toBe(true);
    expect(demo.positions.filter((p) => p.title === 'Учитель начальных классов').every((p) => p.subjects.join() === 'Начальные классы')).toBe(true);
    const judged = demo.positions.filter((p) => p.educationMatchesSubject !== null);
    expect(share(judged, (p) => p.educationMatchesSubject)).toBeGreaterThan(0.85);
    expect(share(judged, (p) => p.educationMatchesSubject)).toBeLessThan(0.91);
  });

  it('links every person to generated organizations and their territories', () => {
    const orgs = new Map(demo.organizations.map((o) => [o.id, o]));
    const regionId = demo.territories[0].id;
    const positionsOf = groupBy(demo.positions, 'staffId');
    for (const s of demo.staff) {
      const own = positionsOf.get(s.id) ?? [];
      expect(own.length).toBeGreaterThan(0);
      expect(s.organizationIds.every((id: string) => orgs.has(id))).toBe(true);
      expect([...s.organizationIds].sort()).toEqual([...new Set(own.map((p) => p.organizationId))].sort());
      expect(s.territoryIds).toContain(regionId);
      for (const p of own) {
        expect(p.territoryId).toBe(orgs.get(p.organizationId)!.territoryId);
        expect(s.territoryIds).toContain(p.territoryId);
      }
    }
    const second = share(demo.staff, (s) => s.organizationIds.length > 1);
    expect(second).toBeGreaterThan(0.02);
    expect(second).toBeLessThan(0.045);
  });

  it('has valid, unique СНИЛС for about 90% of people', () => {
    const numbers = demo.staff.map((s) => s.snils).filter(Boolean);
    expect(numbers.length / demo.staff.length).toBeGreaterThan(0.87);
    expect(numbers.length / demo.staff.length).toBeLessThan(0.93);
    expect(numbers.every(isValidSnils)).toBe(true);
    expect(numbers.every((n) => /^\d{3}-\d{3}-\d{3} \d{2}$/.test(n))).toBe(true);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('writes names in the person’s gender', () => {
    const male = new Set(maleNames);
    const female = new Set(femaleNames);
    const masculineSurnames = new Set(surnames);
    const feminineSurnames = new Set(surnames.map((s) => surnameFor(s, 'female')));
    for (const s of demo.staff) {
      if (s.sex === 'female') {
        expect(female.has(s.name)).toBe(true);
        expect(s.patronymic).toMatch(/(овна|евна|ична)$/);
        expect(feminineSurnames.has(s.surname)).toBe(true);
        expect(s.surname).not.toMatch(/(ов|ев|ёв|ин|ын|ский|цкий)$/);
      } else {
        expect(male.has(s.name)).toBe(true);
        expect(s.patronymic).toMatch(/(ович|евич|ич)$/);
        expect(masculineSurnames.has(s.surname)).toBe(true);
      }
    }
    expect(demo.staff.some((s) => s.sex === 'female' && /(ова|ева|ина)$/.test(s.surname))).toBe(true);
    expect(demo.staff.some((s) => s.sex === 'female' && /(ская|цкая)$/.test(s.surname))).toBe(true);
  });

  it('has realistic ages, sexes, experience and categories', () => {
    const ages = demo.staff.map((s) => ageOn(s.birthDate));
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(21);
    expect(Math.max(...ages)).toBeLessThanOrEqual(75);
    expect(share(ages, (a) => a < 35)).toBeGreaterThan(0.2);
    expect(share(ages, (a) => a < 35)).toBeLessThan(0.26);
    expect(share(ages, (a) => a >= 60)).toBeGreaterThan(0.14);
    expect(share(ages, (a) => a >= 60)).toBeLessThan(0.2);

    const kindOf = new Map(demo.organizations.map((o) => [o.id, o.kind]));
    const inSchools = demo.staff.filter((s) => ['school', 'kindergarten'].includes(kindOf.get(s.organizationIds[0])));
    expect(share(inSchools, (s) => s.sex === 'female')).toBeGreaterThan(0.84);
    expect(share(inSchools, (s) => s.sex === 'female')).toBeLessThan(0.9);

    const year = Number(TODAY.slice(0, 4));
    for (const s of demo.staff) {
      expect(s.professionStartYear - Number(s.birthDate.slice(0, 4))).toBeGreaterThanOrEqual(21);
      expect(s.professionStartYear).toBeLessThanOrEqual(year);
    }
    const recent = demo.staff.filter((s) => year - s.professionStartYear < 3);
    expect(recent.length / demo.staff.length).toBeGreaterThan(0.06);
    expect(recent.length / demo.staff.length).toBeLessThan(0.1);
    expect(share(recent, (s) => ageOn(s.birthDate) < 35)).toBeGreaterThan(0.9);

    const categories = demo.staff.map((s) => s.qualificationCategory).filter((c) => c !== null);
    for (const c of ['none', 'conformity', 'first', 'highest']) {
      expect(share(categories, (x) => x === c)).toBeGreaterThan(0.1);
      expect(share(categories, (x) => x === c)).toBeLessThan(0.4);
    }
  });

  it('gives unique example.ru e-mails and Russian mobile numbers', () => {
    const emails = demo.staff.map((s) => s.email);
    expect(new Set(emails).size).toBe(emails.length);
    for (const e of emails) expect(e).toMatch(/^[a-z-]+\.[a-z]+\.\d+@[a-z0-9-]+\.example\.ru$/);
    for (const s of demo.staff) expect(s.phone).toMatch(/^\+7 9\d{2} \d{3}-\d{2}-\d{2}$/);
  });

  it('apportions exactly, minimums first', () => {
    expect(apportion([1, 1, 1], 10, 0)).toEqual([4, 3, 3]);
    expect(apportion([3, 1], 10, [1, 5])).toEqual([4, 6]);
    expect(apportion([5, 1, 1], 100, 2).reduce((a, b) => a + b)).toBe(100);
  });
});

describe('generateDemo: the learning chain', () => {
  let catalog: CatalogCompetency[];
  let demo: ReturnType<typeof collect>;
  beforeAll(async () => {
    const database = await openDatabase({ pglite: new PGlite() });
    catalog = await database.db.select({ id: competencies.id, code: competencies.code, name: competencies.name }).from(competencies);
    await database.close();
    demo = collect(demoSizes.demo, 1, TODAY, catalog);
  }, 120_000);

  it('is deterministic and leaves the people of the older generator as they were', () => {
    const again = collect(demoSizes.small, 1, TODAY, catalog);
    expect(again.chunks).toEqual(collect(demoSizes.small, 1, TODAY, catalog).chunks);
    expect(again.staff).toEqual(collect(demoSizes.small).staff);
    expect(Math.max(...demo.chunks.map((c) => c.rows.length))).toBeLessThan(5000);
  });

  it('writes rows after the rows they refer to', () => {
    const seen = new Set<string>();
    const firstOf = (table: string) => demo.chunks.findIndex((c) => c.table === table);
    expect(firstOf('programs')).toBeGreaterThan(firstOf('organizations'));
    expect(firstOf('cohorts')).toBeGreaterThan(firstOf('programs'));
    expect(firstOf('assessment_results')).toBeGreaterThan(firstOf('assessments'));
    expect(firstOf('users')).toBeGreaterThan(firstOf('staff'));
    // every referenced person, plan, enrollment, user was written in an earlier chunk
    for (const chunk of demo.chunks) {
      const refs: Record<string, string[]> = {
        assessment_results: ['staffId'],
        enrollments: ['staffId', 'cohortId'],
        learning_plans: ['staffId', 'tutorUserId'],
        learning_plan_items: ['planId', 'enrollmentId', 'cohortId', 'mentorStaffId'],
        tutor_assignments: ['tutorUserId', 'staffId'],
        users: ['staffId'],
      };
      for (const key of refs[chunk.table] ?? []) for (const row of chunk.rows) if (row[key]) expect(seen.has(row[key] as string), `${chunk.table}.${key}`).toBe(true);
      for (const row of chunk.rows) if (row.id) seen.add(row.id as string);
    }
  });

  it('has about 150 programmes on real topics, ~40% in the federal registry, with groups', () => {
    const programs = demo.rows('programs');
    expect(programs.length).toBeGreaterThanOrEqual(140);
    expect(programs.length).toBeLessThanOrEqual(150);
    expect(new Set(programs.map((p) => p.title)).size).toBe(programs.length);
    expect(share(programs, (p) => p.inFederalRegistry)).toBeGreaterThan(0.3);
    expect(share(programs, (p) => p.inFederalRegistry)).toBeLessThan(0.5);
    expect(programs.every((p) => (p.inFederalRegistry ? /^\d{2}-\d{4}-\d{4}$/.test(p.registryNumber) : p.registryNumber === null))).toBe(true);
    expect(new Set(programs.filter((p) => p.registryNumber).map((p) => p.registryNumber)).size).toBe(programs.filter((p) => p.registryNumber).length);
    for (const p of programs) {
      if (p.kind === 'upskilling') expect(p.hours >= 16 && p.hours <= 72).toBe(true);
      else expect(p.hours >= 250 && p.hours <= 520).toBe(true);
      expect(p.annotation).toMatch(/Содержание: .+Объём — \d+ ч/);
    }
    for (const topic of ['ФГОС', 'грамотност', 'Инклюзивн', 'Цифров', 'Управление качеством образования']) expect(programs.some((p) => p.title.includes(topic)), topic).toBe(true);
    const providers = new Set(programs.map((p) => p.providerOrganizationId));
    const kinds = new Set(demo.organizations.filter((o) => providers.has(o.id)).map((o) => o.kind));
    expect(kinds).toContain('cnppm');
    expect(kinds).toContain('development_institute');
    const linked = new Set(demo.rows('program_competencies').map((c) => c.programId));
    expect(programs.every((p) => linked.has(p.id))).toBe(true);
    const cohorts = demo.rows('cohorts');
    expect(cohorts.length).toBeGreaterThan(programs.length * 1.5);
    expect(cohorts.some((c) => c.endsOn < TODAY) && cohorts.some((c) => c.startsOn <= TODAY && c.endsOn >= TODAY) && cohorts.some((c) => c.startsOn > TODAY)).toBe(true);
  });

  it('diagnoses 40–60% of the pedagogical staff with a realistic spread of scores', () => {
    const assessments = demo.rows('assessments');
    expect(assessments.map((a) => a.tool).sort()).toEqual(['federal', 'regional', 'regional', 'regional', 'regional', 'regional']);
    expect(assessments.some((a) => a.targetLowResultsSchools)).toBe(true);
    const results = demo.rows('assessment_results');
    const pedagogical = new Set(demo.positions.filter((p) => p.staffCategory === 'pedagogical').map((p) => p.staffId));
    const diagnosed = new Set(results.map((r) => r.staffId));
    const diagnosedShare = [...pedagogical].filter((id) => diagnosed.has(id)).length / pedagogical.size;
    expect(diagnosedShare).toBeGreaterThan(0.4);
    expect(diagnosedShare).toBeLessThan(0.6);
    const scores = results.map((r) => r.score as number);
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    const sd = Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / scores.length);
    expect(mean).toBeGreaterThan(58);
    expect(mean).toBeLessThan(72);
    expect(sd).toBeGreaterThan(10);
    expect(sd).toBeLessThan(20);
    expect(scores.every((x) => x >= 0 && x <= 100)).toBe(true);
    // teachers of low-results schools score lower
    const lowSchools = new Set(demo.organizations.filter((o) => o.lowResultsSchool).map((o) => o.id));
    const lowPeople = new Set(demo.positions.filter((p) => lowSchools.has(p.organizationId)).map((p) => p.staffId));
    const avg = (xs: Row[]) => xs.reduce((a, r) => a + r.score, 0) / xs.length;
    const regional = results.filter((r) => r.assessmentId === assessments.find((a) => a.tool === 'regional')!.id);
    expect(avg(regional.filter((r) => lowPeople.has(r.staffId)))).toBeLessThan(avg(regional.filter((r) => !lowPeople.has(r.staffId))) - 4);
    // a realistic share has deficits: under the procedure's threshold
    const thresholds = new Map(demo.rows('assessment_competencies').map((c) => [`${c.assessmentId}/${c.competencyId}`, c.threshold as number]));
    const withDeficit = new Set(results.filter((r) => r.score < thresholds.get(`${r.assessmentId}/${r.competencyId}`)!).map((r) => r.staffId));
    expect(withDeficit.size / diagnosed.size).toBeGreaterThan(0.4);
    expect(withDeficit.size / diagnosed.size).toBeLessThan(0.9);
  });

  it('has plans at every stage, items in every status, enrollments in every status with certificates', () => {
    const plans = demo.rows('learning_plans');
    const byStatus = groupBy(plans, 'status');
    for (const s of ['draft', 'agreed', 'in_progress', 'completed']) expect(byStatus.get(s)?.length ?? 0, s).toBeGreaterThan(20);
    expect(plans.filter((p) => p.status !== 'draft').every((p) => p.tutorUserId && p.tutorAgreedAt && p.personAgreedAt)).toBe(true);
    const open = plans.filter((p) => p.status !== 'completed').map((p) => p.staffId);
    expect(new Set(open).size).toBe(open.length);
    const items = demo.rows('learning_plan_items');
    for (const s of ['planned', 'submitted', 'accepted', 'returned']) expect(items.some((i) => i.status === s), s).toBe(true);
    const planStatus = new Map(plans.map((p) => [p.id, p.status]));
    expect(items.filter((i) => planStatus.get(i.planId) === 'completed').every((i) => i.status === 'accepted')).toBe(true);
    expect(items.some((i) => planStatus.get(i.planId) === 'in_progress' && i.status === 'planned' && i.deadline < TODAY)).toBe(true);
    expect(new Set(items.map((i) => i.kind))).toEqual(new Set(['course', 'internship', 'mentoring', 'association', 'self_education']));
    const enrollments = demo.rows('enrollments');
    for (const s of ['requested', 'waitlisted', 'approved', 'enrolled', 'completed', 'dropped', 'rejected']) expect(enrollments.some((e) => e.status === s), s).toBe(true);
    const completed = enrollments.filter((e) => e.status === 'completed');
    expect(completed.every((e) => e.certificateNumber && e.certificateDate && e.completedOn <= TODAY)).toBe(true);
    expect(new Set(completed.map((e) => e.certificateNumber)).size).toBe(completed.length);
    // no one holds two live places in one group
    const live = enrollments.filter((e) => e.cohortId && !['dropped', 'rejected'].includes(e.status)).map((e) => `${e.staffId}/${e.cohortId}`);
    expect(new Set(live).size).toBe(live.length);
  });

  it('shows the effect of completed plans: most of their deficits closed at the next diagnostic', () => {
    const results = demo.rows('assessment_results');
    const thresholds = new Map(demo.rows('assessment_competencies').map((c) => [`${c.assessmentId}/${c.competencyId}`, c.threshold as number]));
    const byStaff = groupBy(results, 'staffId');
    let later = 0;
    let closed = 0;
    for (const plan of demo.rows('learning_plans').filter((p) => p.status === 'completed')) {
      for (const d of plan.deficits as { competencyId: string; measuredOn: string }[]) {
        const next = (byStaff.get(plan.staffId) ?? []).find((r) => r.competencyId === d.competencyId && r.measuredOn > d.measuredOn);
        if (!next) continue;
        later++;
        if (next.score >= thresholds.get(`${next.assessmentId}/${next.competencyId}`)!) closed++;
      }
    }
    expect(later).toBeGreaterThan(50);
    expect(closed / later).toBeGreaterThan(0.6);
  });

  it('gives every municipality people diagnosed, with plans and with federal-registry courses completed', () => {
    const registry = new Set(demo.rows('programs').filter((p) => p.inFederalRegistry).map((p) => p.id));
    const plans = new Set(demo.rows('learning_plans').filter((p) => p.status !== 'draft').map((p) => p.staffId));
    const diagnosed = new Set(demo.rows('assessment_results').map((r) => r.staffId));
    const completedRegistry = new Set(demo.rows('enrollments').filter((e) => e.status === 'completed' && registry.has(e.programId)).map((e) => e.staffId));
    for (const m of demo.territories.slice(1)) {
      const people = demo.staff.filter((s) => s.territoryIds.includes(m.id)).map((s) => s.id as string);
      const shareOf = (set: Set<string>) => people.filter((id) => set.has(id)).length / people.length;
      expect(shareOf(diagnosed), m.name).toBeGreaterThan(0.2);
      expect(shareOf(plans), m.name).toBeGreaterThan(0.03);
      expect(shareOf(completedRegistry), m.name).toBeGreaterThan(0.01);
    }
  });

  it('carries years of history at the national volume: ≈ 3 results, ≈ 1 plan, ≈ 3 enrollments per person', () => {
    const volume = demoSizes.national.learning!;
    const run = collect({ ...demoSizes.region, municipalitiesPerRegion: 4, organizationsPerRegion: 120, staffPerRegion: 3_000, learning: volume }, 1, TODAY, catalog);
    const perPerson = (table: DemoChunk['table']) => run.rows(table).length / run.staff.length;
    expect(perPerson('assessment_results')).toBeGreaterThan(2.2);
    expect(perPerson('assessment_results')).toBeLessThan(3.4);
    expect(perPerson('learning_plans')).toBeGreaterThan(0.8);
    expect(perPerson('learning_plans')).toBeLessThan(1.2);
    expect(perPerson('enrollments')).toBeGreaterThan(2.4);
    expect(perPerson('enrollments')).toBeLessThan(3.4);
    // earlier years: completed plans with accepted items, certificates, no diagnostics then
    const year = Number(TODAY.slice(0, 4));
    const historic = run.rows('learning_plans').filter((p) => p.createdAt < `${year - 1}-01-01`);
    expect(historic.length).toBeGreaterThan(run.staff.length * 0.5);
    expect(historic.every((p) => p.status === 'completed' && (p.deficits as unknown[]).length === 0 && p.completedAt <= `${TODAY}T23:59:59Z`)).toBe(true);
    expect(run.rows('assessment_results').every((r) => r.measuredOn >= `${year - 1}-01-01`)).toBe(true);
    const completed = run.rows('enrollments').filter((e) => e.status === 'completed');
    expect(new Set(completed.map((e) => e.certificateNumber)).size).toBe(completed.length);
    const live = run.rows('enrollments').filter((e) => e.cohortId && !['dropped', 'rejected'].includes(e.status)).map((e) => `${e.staffId}/${e.cohortId}`);
    expect(new Set(live).size).toBe(live.length);
    const cohorts = new Set(run.rows('cohorts').map((c) => c.id));
    expect(run.rows('enrollments').every((e) => !e.cohortId || cohorts.has(e.cohortId))).toBe(true);
    // the people and their current year's chain do not depend on the history's stream
    expect(run.staff).toEqual(collect({ ...demoSizes.region, municipalitiesPerRegion: 4, organizationsPerRegion: 120, staffPerRegion: 3_000 }).staff);
  });
});

describe('loadDemo', () => {
  it('loads the small size into an empty database with the demo accounts', async () => {
    const database = await openDatabase({ pglite: new PGlite() });
    try {
      const { db } = database;
      expect(await isDatabaseEmpty(db)).toBe(true);
      const progress: number[] = [];
      const accounts = await loadDemo(db, { size: demoSizes.small, onProgress: (done) => progress.push(done) });
      expect(await isDatabaseEmpty(db)).toBe(false);

      const expected = collect(demoSizes.small, 1, new Date().toISOString().slice(0, 10));
      const rowsIn = async (table: typeof territories | typeof organizations | typeof staff | typeof staffPositions) => (await db.select({ n: count() }).from(table))[0].n;
      expect(await rowsIn(territories)).toBe(expected.territories.length);
      expect(await rowsIn(organizations)).toBe(expected.organizations.length);
      expect(await rowsIn(staff)).toBe(expected.staff.length);
      expect(await rowsIn(staffPositions)).toBe(expected.positions.length);
      expect(progress.at(-1)).toBe(expected.staff.length);

      const grants = await db
        .select({ login: users.login, displayName: users.displayName, staffId: users.staffId, hash: users.passwordHash, role: roleAssignments.role, territoryId: roleAssignments.territoryId, organizationId: roleAssignments.organizationId })
        .from(users)
        .innerJoin(roleAssignments, eq(roleAssignments.userId, users.id));
      // the generated tutors (tutor-59-001 …) cannot sign in: no password matches their hash
      const generated = grants.filter((g) => g.login.startsWith('tutor-'));
      expect(generated.length).toBeGreaterThan(0);
      expect(generated.every((g) => g.role === 'tutor' && g.hash === '!')).toBe(true);
      const by = Object.fromEntries(grants.filter((g) => !g.login.startsWith('tutor-')).map((g) => [g.login, g]));
      const [region, municipality1, municipality2] = expected.territories;
      expect(Object.keys(by).sort()).toEqual(['expert', 'expert2', 'expert3', 'mentor', 'municipal', 'region', 'school', 'school2', 'teacher', 'tutor']);
      // experts of the region's bank of practices: methodologists of the ЦНППМ or the institute
      for (const login of ['expert', 'expert2', 'expert3']) expect(by[login]).toMatchObject({ role: 'expert', territoryId: region.id, organizationId: null });
      expect(await verifyPassword(by.expert2.hash, demoPassword)).toBe(false);
      expect(by.region).toMatchObject({ role: 'regional_admin', territoryId: region.id, organizationId: null });
      expect(by.municipal).toMatchObject({ role: 'municipal_admin', territoryId: municipality1.id, organizationId: null });
      expect(by.school).toMatchObject({ role: 'organization_admin', territoryId: null });
      expect(by.teacher).toMatchObject({ role: 'teacher', organizationId: by.school.organizationId });
      expect(by.school2).toMatchObject({ role: 'organization_admin' });
      expect(await verifyPassword(by.teacher.hash, demoPassword)).toBe(true);

      const orgs = new Map(expected.organizations.map((o) => [o.id, o]));
      expect(orgs.get(by.school.organizationId!)).toMatchObject({ kind: 'school', territoryId: municipality1.id });
      expect(orgs.get(by.school2.organizationId!)).toMatchObject({ kind: 'school', territoryId: municipality2.id });
      const positionsOf = (login: string) => expected.positions.filter((p) => p.staffId === by[login].staffId);
      expect(positionsOf('school').map((p) => p.title)).toContain('Заместитель директора по учебно-воспитательной работе');
      expect(positionsOf('teacher')).toEqual([expect.objectContaining({ title: 'Учитель математики', organizationId: by.school.organizationId })]);
      expect(positionsOf('municipal')[0].organizationId).toBe(expected.organizations.find((o) => o.kind === 'municipal_authority' && o.territoryId === municipality1.id)!.id);
      const person = expected.staff.find((s) => s.id === by.teacher.staffId)!;
      expect(by.teacher.displayName).toBe(`${person.surname} ${person.name} ${person.patronymic}`);

      expect(positionsOf('expert').map((p) => p.title)).toContain('Методист');

      // the bank of practices in every state, reviewed by the region's experts, and the registries
      const states = await queryRows<{ status: string; n: number; reviewed: number; files: number }>(
        db,
        sql`SELECT p.status, count(*)::int AS n, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM practice_reviews r WHERE r.practice_id = p.id))::int AS reviewed,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM practice_files f WHERE f.practice_id = p.id))::int AS files FROM practices p GROUP BY p.status ORDER BY p.status`,
      );
      expect(states.map((s) => s.status)).toEqual(['published', 'rejected', 'returned', 'submitted', 'under_review']);
      expect(states.find((s) => s.status === 'published')!.reviewed).toBeGreaterThan(0);
      expect(states.find((s) => s.status === 'submitted')!.reviewed).toBe(0);
      const registries = await queryRows<{ resources: number; sites: number; communities: number }>(
        db,
        sql`SELECT (SELECT count(*)::int FROM educational_resources) AS resources, (SELECT count(*)::int FROM innovation_sites) AS sites, (SELECT count(*)::int FROM communities) AS communities`,
      );
      expect(registries[0].resources).toBeGreaterThan(5);
      expect(registries[0].sites).toBeGreaterThan(0);
      expect(registries[0].communities).toBeGreaterThan(0);
      expect(accounts.map((a) => a.login)).toEqual(['region', 'municipal', 'school', 'teacher', 'school2', 'tutor', 'mentor', 'expert']);
      // the mentor: an experienced mathematics teacher of the same school, mentoring the teacher
      expect(by.mentor).toMatchObject({ role: 'mentor', organizationId: by.school.organizationId });
      expect(positionsOf('mentor').map((p) => p.title)).toContain('Учитель математики');
      expect(expected.staff.find((s) => s.id === by.mentor.staffId)!.professionStartYear).toBeLessThanOrEqual(new Date().getFullYear() - 10);
      const pairs = await queryRows<{ mentor_staff_id: string; status: string }>(db, sql`SELECT mentor_staff_id, status FROM mentorships WHERE mentee_staff_id = ${by.teacher.staffId}`);
      expect(pairs).toEqual([{ mentor_staff_id: by.mentor.staffId, status: 'active' }]);
      // mentoring in proportion: programmes in a share of organizations, pairs, some young specialists left for suggestions
      const [m] = await queryRows<{ programmes: number; pairs: number; meetings: number; unpaired_young: number }>(
        db,
        sql`SELECT (SELECT count(*) FROM mentoring_programmes)::int AS programmes, (SELECT count(*) FROM mentorships)::int AS pairs,
              (SELECT count(*) FROM mentorship_meetings)::int AS meetings,
              (SELECT count(*) FROM staff WHERE ${youngSql} AND NOT EXISTS (SELECT 1 FROM mentorships WHERE mentee_staff_id = staff.id))::int AS unpaired_young`,
      );
      expect(m.programmes).toBeGreaterThan(0);
      expect(m.programmes).toBeLessThan(expected.organizations.length);
      expect(m.pairs).toBeGreaterThan(10);
      expect(m.meetings).toBeGreaterThan(m.pairs);
      expect(m.unpaired_young).toBeGreaterThan(0);
      // the tutor of the ЦНППМ accompanies twenty people, the teacher among them
      expect(orgs.get(by.tutor.organizationId!)).toMatchObject({ kind: 'cnppm' });
      expect(positionsOf('tutor').map((p) => p.title)).toContain('Тьютор');
      const tutored = await db.select({ staffId: tutorAssignments.staffId }).from(tutorAssignments).where(eq(tutorAssignments.tutorUserId, (await db.select({ id: users.id }).from(users).where(eq(users.login, 'tutor')))[0].id));
      expect(tutored).toHaveLength(20);
      expect(tutored.map((t) => t.staffId)).toContain(by.teacher.staffId);
      expect(accounts.every((a) => a.displayName && a.scope && a.role)).toBe(true);

      // the teacher: deficits in the latest diagnostic and a plan in progress followed by `tutor`
      const tutorId = (await db.select({ id: users.id }).from(users).where(eq(users.login, 'tutor')))[0].id;
      const q = async <T,>(query: SQL) => ((await db.execute(query)) as unknown as { rows: T[] }).rows;
      const latest = await q<{ code: string; score: number; threshold: number }>(sql`
        SELECT DISTINCT ON (r.competency_id) c.code, r.score, ac.threshold FROM assessment_results r
        JOIN assessment_competencies ac ON ac.assessment_id = r.assessment_id AND ac.competency_id = r.competency_id
        JOIN competencies c ON c.id = r.competency_id
        WHERE r.staff_id = ${by.teacher.staffId} ORDER BY r.competency_id, r.measured_on DESC`);
      expect(latest.filter((l) => l.score < l.threshold).length).toBeGreaterThan(0);
      const teacherPlans = await q<{ status: string; tutor_user_id: string }>(sql`SELECT status, tutor_user_id FROM learning_plans WHERE staff_id = ${by.teacher.staffId}`);
      expect(teacherPlans).toEqual([{ status: 'in_progress', tutor_user_id: tutorId }]);
      // the tutor's people: plans at every stage, reports to review, overdue items
      const stages = await q<{ status: string; n: number }>(sql`SELECT status, count(*)::int AS n FROM learning_plans WHERE tutor_user_id = ${tutorId} GROUP BY status`);
      expect(stages.map((s) => s.status).sort()).toEqual(['agreed', 'completed', 'draft', 'in_progress']);
      const [attention] = await q<{ submitted: number; overdue: number; undiagnosed: number }>(sql`
        SELECT (SELECT count(DISTINCT p.staff_id)::int FROM learning_plan_items i JOIN learning_plans p ON p.id = i.plan_id WHERE p.tutor_user_id = ${tutorId} AND i.status = 'submitted') AS submitted,
               (SELECT count(DISTINCT p.staff_id)::int FROM learning_plan_items i JOIN learning_plans p ON p.id = i.plan_id WHERE p.tutor_user_id = ${tutorId} AND p.status <> 'completed' AND i.status <> 'accepted' AND i.deadline < current_date) AS overdue,
               (SELECT count(*)::int FROM tutor_assignments t WHERE t.tutor_user_id = ${tutorId} AND NOT EXISTS (SELECT 1 FROM assessment_results r WHERE r.staff_id = t.staff_id)) AS undiagnosed`);
      expect(attention.submitted).toBeGreaterThanOrEqual(3);
      expect(attention.overdue).toBeGreaterThanOrEqual(3);
      expect(attention.undiagnosed).toBeGreaterThanOrEqual(1);
      await expect(loadDemo(db, { size: demoSizes.small })).rejects.toThrow(/уже содержит данные/);
    } finally {
      await database.close();
    }
  }, 120_000);

  it('loads the full demo region into PGlite well under a minute', async () => {
    const database = await openDatabase({ pglite: new PGlite() });
    try {
      const started = performance.now();
      await loadDemo(database.db);
      const seconds = (performance.now() - started) / 1000;
      const [{ n }] = await database.db.select({ n: count() }).from(staff);
      console.log(`loadDemo(demo) into in-memory PGlite: ${n} people in ${seconds.toFixed(1)} s`);
      expect(n).toBe(demoTotals(demoSizes.demo).staff);
      expect(seconds).toBeLessThan(60);
    } finally {
      await database.close();
    }
  }, 120_000);
});
