import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { rankMentorCandidates, nextStatus, DEFAULT_MENTOR_CAPACITY, type SuggestCandidate, type SuggestMentee, type MentorshipAction, type MentorshipStatus } from './mentorship-suggest.js';

const mentee: SuggestMentee = { staffId: 'young', organizationIds: ['school-1'], municipalityIds: ['muni-1'], subjects: ['Математика'] };

const candidate = (over: Partial<SuggestCandidate> & { staffId: string }): SuggestCandidate => ({
  fullName: `Наставник ${over.staffId}`,
  organizationIds: ['school-1'],
  organizationNames: ['СОШ № 1'],
  municipalityIds: ['muni-1'],
  subjects: ['Математика'],
  yearsInProfession: 20,
  qualificationCategory: 'first',
  capacity: DEFAULT_MENTOR_CAPACITY,
  load: 0,
  ...over,
});

describe('rankMentorCandidates', () => {
  it('puts the same subject in the same organization first, then the municipality', () => {
    const ranked = rankMentorCandidates(mentee, [
      candidate({ staffId: 'muni', organizationIds: ['school-2'], organizationNames: ['СОШ № 2'], qualificationCategory: 'highest', yearsInProfession: 30 }),
      candidate({ staffId: 'own' }),
    ]);
    expect(ranked.map((c) => [c.staffId, c.scope, c.rank])).toEqual([
      ['own', 'organization', 1],
      ['muni', 'municipality', 2],
    ]);
    expect(ranked[0].reason).toBe('Тот же предмет (Математика); та же организация; свободно мест: 2 из 2; стаж 20 лет; первая категория');
    expect(ranked[1].reason).toContain('тот же муниципалитет (СОШ № 2)');
  });

  it('offers only people with a free place, a shared subject, enough experience and in the same municipality', () => {
    const ranked = rankMentorCandidates(mentee, [
      candidate({ staffId: 'full', load: 2 }),
      candidate({ staffId: 'zero', capacity: 0 }),
      candidate({ staffId: 'physics', subjects: ['Физика'] }),
      candidate({ staffId: 'novice', yearsInProfession: 2 }),
      candidate({ staffId: 'far', organizationIds: ['school-9'], municipalityIds: ['muni-9'] }),
      candidate({ staffId: 'young' }),
      candidate({ staffId: 'ok', load: 1 }),
    ]);
    expect(ranked.map((c) => c.staffId)).toEqual(['ok']);
    expect(ranked[0].free).toBe(1);
  });

  it('within a level prefers the higher category, then more free places, then experience; keeps the top three', () => {
    const ranked = rankMentorCandidates(mentee, [
      candidate({ staffId: 'a', qualificationCategory: 'none', yearsInProfession: 40 }),
      candidate({ staffId: 'b', qualificationCategory: 'highest', load: 1, yearsInProfession: 25 }),
      candidate({ staffId: 'c', qualificationCategory: 'highest', load: 0, yearsInProfession: 10 }),
      candidate({ staffId: 'd', qualificationCategory: 'first', yearsInProfession: 12 }),
      candidate({ staffId: 'e', qualificationCategory: 'first', yearsInProfession: 15 }),
    ]);
    expect(ranked.map((c) => c.staffId)).toEqual(['c', 'b', 'e']);
  });

  it('never ranks a municipality colleague above one of the same organization, nor offers a full mentor (property)', () => {
    const arb = fc.record({
      staffId: fc.uuid(),
      own: fc.boolean(),
      capacity: fc.integer({ min: 0, max: 4 }),
      load: fc.integer({ min: 0, max: 4 }),
      years: fc.integer({ min: 0, max: 40 }),
      category: fc.constantFrom('highest', 'first', 'conformity', null),
    });
    fc.assert(
      fc.property(fc.array(arb, { maxLength: 12 }), (rows) => {
        const ranked = rankMentorCandidates(
          mentee,
          rows.map((r) => candidate({ staffId: r.staffId, organizationIds: r.own ? ['school-1'] : ['school-2'], capacity: r.capacity, load: r.load, yearsInProfession: r.years, qualificationCategory: r.category })),
          50,
        );
        const scopes = ranked.map((c) => c.scope);
        expect(scopes).toEqual([...scopes].sort((x, y) => (x === y ? 0 : x === 'organization' ? -1 : 1)));
        for (const c of ranked) expect(c.load).toBeLessThan(c.capacity);
      }),
    );
  });
});

describe('pair workflow', () => {
  const today = '2026-11-23';
  it('suggested → confirmed (future start) or active (start reached) → completed', () => {
    expect(nextStatus('suggested', 'confirm', '2027-01-10', today)).toBe('confirmed');
    expect(nextStatus('suggested', 'confirm', today, today)).toBe('active');
    expect(nextStatus('confirmed', 'start', '2027-01-10', today)).toBe('active');
    expect(nextStatus('active', 'complete', '2026-09-01', today)).toBe('completed');
  });
  it('refuses the steps out of order and anything after the end', () => {
    const refused: [MentorshipStatus, MentorshipAction][] = [
      ['suggested', 'start'],
      ['suggested', 'complete'],
      ['confirmed', 'confirm'],
      ['active', 'confirm'],
      ['completed', 'cancel'],
      ['completed', 'start'],
      ['cancelled', 'confirm'],
    ];
    for (const [status, action] of refused) expect(nextStatus(status, action, today, today), `${status} ${action}`).toBeNull();
    expect(nextStatus('active', 'cancel', today, today)).toBe('cancelled');
  });
});
