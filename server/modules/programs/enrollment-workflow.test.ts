import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { availableActions, enrollmentActions, transition, type EnrollmentStatus, type Party } from './enrollment-workflow.js';
import { enrollmentStatuses } from './programs.schema.js';

describe('enrollment workflow', () => {
  it('goes requested → approved → enrolled → completed in a cohort with seats', () => {
    expect(transition('cohort', 'requested', 'approve', ['employer'], false)).toEqual({ ok: true, to: 'approved' });
    expect(transition('cohort', 'approved', 'enroll', ['provider'], false)).toEqual({ ok: true, to: 'enrolled' });
    expect(transition('cohort', 'enrolled', 'complete', ['provider'], false)).toEqual({ ok: true, to: 'completed' });
  });

  it('puts an approved request on the waitlist when the cohort is full, and waits for a seat', () => {
    expect(transition('cohort', 'requested', 'approve', ['employer'], true)).toEqual({ ok: true, to: 'waitlisted' });
    expect(transition('cohort', 'waitlisted', 'approve', ['employer'], true)).toEqual({ ok: false, reason: 'no_seats' });
    expect(transition('cohort', 'waitlisted', 'approve', ['employer'], false)).toEqual({ ok: true, to: 'approved' });
  });

  it('lets the person withdraw but not approve themself; a course taken elsewhere is approved straight to completed', () => {
    expect(transition('cohort', 'requested', 'approve', ['person'], false)).toEqual({ ok: false, reason: 'not_party' });
    expect(transition('cohort', 'requested', 'drop', ['person'], false)).toEqual({ ok: true, to: 'dropped' });
    expect(transition('external', 'requested', 'approve', ['employer'], false)).toEqual({ ok: true, to: 'completed' });
    expect(transition('external', 'requested', 'enroll', ['employer', 'provider'], false)).toEqual({ ok: false, reason: 'not_allowed' });
    expect(availableActions('cohort', 'approved', ['person'])).toEqual(['drop']);
  });

  it('never leaves a final status and never lets nobody act', () => {
    const status = fc.constantFrom(...enrollmentStatuses);
    const action = fc.constantFrom(...enrollmentActions);
    const parties = fc.subarray<Party>(['person', 'employer', 'provider']);
    fc.assert(
      fc.property(fc.constantFrom('cohort', 'external' as const), status, action, parties, fc.boolean(), (kind, s: EnrollmentStatus, a, p, full) => {
        const t = transition(kind as 'cohort' | 'external', s, a, p, full);
        if (['completed', 'dropped', 'rejected'].includes(s)) expect(t.ok).toBe(false);
        if (p.length === 0) expect(t.ok).toBe(false);
        if (t.ok) expect(availableActions(kind as 'cohort' | 'external', s, p)).toContain(a);
      }),
    );
  });
});
