import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { suggestItems, targetsOf, GROWTH_MARGIN, type ProgramOption, type Score, type SuggestInput } from './learning-plan-suggest.js';

const TODAY = '2026-11-23';
const score = (code: string, value: number, threshold = 60): Score => ({
  competencyId: `c-${code}`,
  code,
  name: `Компетенция ${code}`,
  score: value,
  threshold,
  measuredOn: '2026-10-01',
  assessmentId: 'a1',
  assessmentTitle: 'Диагностика',
});
const program = (id: string, competencies: string[], over: Partial<ProgramOption> = {}): ProgramOption => ({
  id,
  title: `Программа ${id}`,
  hours: 36,
  format: 'distance',
  providerName: 'ЦНППМ',
  inFederalRegistry: false,
  registryNumber: null,
  audienceCategory: 'all',
  subjects: [],
  competencyIds: competencies.map((c) => `c-${c}`),
  nextCohort: null,
  ...over,
});
const input = (over: Partial<SuggestInput>): SuggestInput => ({
  today: TODAY,
  person: { staffCategory: 'pedagogical', subjects: ['Математика'] },
  scores: [],
  programs: [],
  mentors: [],
  internshipSites: [],
  associationHost: null,
  ...over,
});

describe('drafting a learning plan', () => {
  it('orders targets: deficits by gap, then the growth zone; ignores comfortable scores', () => {
    const t = targetsOf([score('A', 55), score('B', 30), score('C', 65), score('D', 90)]);
    expect(t.map((x) => [x.code, x.deficit])).toEqual([
      ['B', true],
      ['A', true],
      ['C', false],
    ]);
  });

  it('ranks programmes: federal registry first, then fit, fewer hours, the earlier cohort; each explained', () => {
    const suggestions = suggestItems(
      input({
        scores: [score('МТ.01', 40), score('ПР.01', 50)],
        programs: [
          program('long', ['МТ.01'], { hours: 72, nextCohort: { id: 'k1', startsOn: '2027-01-10', endsOn: '2027-01-30', seatsLeft: 5 } }),
          program('short', ['МТ.01'], { hours: 24 }),
          program('registry', ['МТ.01'], { inFederalRegistry: true, registryNumber: '1234', hours: 108 }),
          program('both', ['МТ.01', 'ПР.01'], { hours: 72 }),
          program('manager', ['МТ.01'], { hours: 16, audienceCategory: 'managerial' }),
        ],
      }),
    );
    const courses = suggestions.filter((s) => s.kind === 'course');
    // for МТ.01 (the larger gap): registry, then «both» (covers two deficits), then the shorter one
    expect(courses.slice(0, 3).map((s) => s.programId)).toEqual(['registry', 'both', 'short']);
    expect(courses[0]).toMatchObject({ recommended: true, inFederalRegistry: true, competencyIds: ['c-МТ.01'] });
    expect(courses[0].explanation).toMatch(/^Закрывает дефицит МТ\.01 «Компетенция МТ\.01» \(40 % при пороге 60 %\)\..*федеральный реестр № 1234/);
    expect(courses[1]).toMatchObject({ competencyIds: ['c-МТ.01', 'c-ПР.01'] });
    expect(courses[1].explanation).toMatch(/^Закрывает дефициты МТ\.01 .*, ПР\.01 /);
    // a programme is suggested once
    expect(new Set(courses.map((s) => s.programId)).size).toBe(courses.length);
    expect(suggestions.map((s) => s.rank)).toEqual(suggestions.map((_, i) => i + 1));
  });

  it('adds an internship, a mentor, an association and self-education for every target', () => {
    const suggestions = suggestItems(
      input({
        scores: [score('КМ.02', 45)],
        mentors: [{ competencyId: 'c-КМ.02', staffId: 'm1', fullName: 'Петрова Анна Ивановна', organizationName: 'СОШ № 3', score: 92 }],
        internshipSites: [{ organizationId: 'o1', name: 'Лицей № 1' }],
        associationHost: { organizationId: 'o2', name: 'ЦРО' },
      }),
    );
    expect(suggestions.map((s) => [s.kind, s.form])).toEqual([
      ['internship', 'non_formal'],
      ['mentoring', 'informal'],
      ['association', 'non_formal'],
      ['self_education', 'informal'],
    ]);
    expect(suggestions[0].recommended).toBe(true);
    expect(suggestions[1]).toMatchObject({ mentorStaffId: 'm1', explanation: expect.stringMatching(/наставник показал 92 %/) });
    expect(suggestions.every((s) => s.deadline > TODAY && s.explanation.startsWith('Закрывает дефицит КМ.02'))).toBe(true);
  });

  it('suggests nothing for a person without deficits or growth zone', () => {
    expect(suggestItems(input({ scores: [score('A', 95), score('B', 80)], programs: [program('p', ['A', 'B'])] }))).toEqual([]);
  });

  // ── property: over random scores and programmes ──

  const codes = ['НП.01', 'ПР.01', 'МТ.01', 'МТ.02', 'ПП.02', 'КМ.01', 'ЦК.01', 'ФГ.01'];
  const arbScores = fc.uniqueArray(fc.record({ code: fc.constantFrom(...codes), value: fc.integer({ min: 0, max: 100 }), threshold: fc.integer({ min: 30, max: 90 }) }), { selector: (s) => s.code, maxLength: codes.length });
  const arbPrograms = fc.array(
    fc.record({
      competencies: fc.uniqueArray(fc.constantFrom(...codes), { minLength: 1, maxLength: 4 }),
      registry: fc.boolean(),
      hours: fc.constantFrom(16, 24, 36, 72, 108, 144, 250),
      start: fc.option(fc.integer({ min: 1, max: 300 })),
      audience: fc.constantFrom('all', 'pedagogical', 'managerial' as const),
    }),
    { maxLength: 25 },
  );
  const build = (scores: { code: string; value: number; threshold: number }[], programs: { competencies: string[]; registry: boolean; hours: number; start: number | null; audience: 'all' | 'pedagogical' | 'managerial' }[], extras: boolean) =>
    input({
      scores: scores.map((s) => score(s.code, s.value, s.threshold)),
      programs: programs.map((p, i) =>
        program(`p${i}`, p.competencies, {
          inFederalRegistry: p.registry,
          hours: p.hours,
          audienceCategory: p.audience,
          nextCohort: p.start === null ? null : { id: `k${i}`, startsOn: `2027-${String(1 + (p.start % 12)).padStart(2, '0')}-01`, endsOn: '2027-12-31', seatsLeft: 3 },
        }),
      ),
      internshipSites: extras ? [{ organizationId: 'site', name: 'Лицей' }] : [],
      associationHost: extras ? { organizationId: 'mms', name: 'ЦРО' } : null,
    });

  it('never ranks an item for a competency without a deficit ahead of one with a deficit; every deficit gets one', () => {
    fc.assert(
      fc.property(arbScores, arbPrograms, fc.boolean(), (scores, programs, extras) => {
        const data = build(scores, programs, extras);
        const suggestions = suggestItems(data);
        const deficits = new Set(data.scores.filter((s) => s.score < s.threshold).map((s) => s.competencyId));
        const growth = new Set(data.scores.filter((s) => s.score >= s.threshold && s.score < s.threshold + GROWTH_MARGIN).map((s) => s.competencyId));
        // the flag tells the truth
        for (const s of suggestions) expect(s.addressesDeficit).toBe(s.competencyIds.some((c) => deficits.has(c)));
        // once an item addresses no deficit, none after it does
        const firstWithout = suggestions.findIndex((s) => !s.addressesDeficit);
        if (firstWithout >= 0) expect(suggestions.slice(firstWithout).every((s) => !s.addressesDeficit)).toBe(true);
        // every deficit has at least one suggestion, and a recommended one
        for (const d of deficits) {
          expect(suggestions.some((s) => s.competencyIds.includes(d))).toBe(true);
          expect(suggestions.some((s) => s.recommended && s.competencyIds[0] === d)).toBe(true);
        }
        // nothing for comfortable competencies: each item's lead is a deficit or in the growth zone
        for (const s of suggestions) expect(deficits.has(s.competencyIds[0]) || growth.has(s.competencyIds[0])).toBe(true);
        // ranks are 1..n; programmes appear once
        expect(suggestions.map((s) => s.rank)).toEqual(suggestions.map((_, i) => i + 1));
        const programIds = suggestions.flatMap((s) => (s.programId ? [s.programId] : []));
        expect(new Set(programIds).size).toBe(programIds.length);
        // under one lead, registry programmes come before the others — among those that address a
        // deficit, and among those that do not (a course closing a deficit goes first regardless)
        for (const lead of new Set(suggestions.map((s) => s.competencyIds[0]))) {
          for (const closes of [true, false]) {
            const flags = suggestions.filter((s) => s.kind === 'course' && s.competencyIds[0] === lead && s.addressesDeficit === closes).map((s) => s.inFederalRegistry);
            expect(flags).toEqual([...flags].sort((a, b) => Number(b) - Number(a)));
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});
