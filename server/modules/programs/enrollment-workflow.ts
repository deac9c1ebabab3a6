import type { enrollmentStatuses } from './programs.schema.js';

/**
 * The life of an enrollment as a pure state machine (ADR 0011). Who may act:
 * `person` — the enrolled person; `employer` — an administrator of the person; `provider` — an
 * administrator of the organization that owns the programme.
 */

export type EnrollmentStatus = (typeof enrollmentStatuses)[number];
export const enrollmentActions = ['approve', 'reject', 'enroll', 'complete', 'drop'] as const;
export type EnrollmentAction = (typeof enrollmentActions)[number];
export type EnrollmentKind = 'cohort' | 'external';
export type Party = 'person' | 'employer' | 'provider';

/** Seats are held by these statuses; the waitlist waits for them. */
export const seatHolding: readonly EnrollmentStatus[] = ['approved', 'enrolled', 'completed'];

type Rule = { to: EnrollmentStatus | 'approved_or_waitlisted'; by: Party[] };

const cohortRules: Partial<Record<EnrollmentStatus, Partial<Record<EnrollmentAction, Rule>>>> = {
  requested: {
    approve: { to: 'approved_or_waitlisted', by: ['employer'] },
    reject: { to: 'rejected', by: ['employer'] },
    drop: { to: 'dropped', by: ['person', 'employer'] },
  },
  waitlisted: {
    approve: { to: 'approved', by: ['employer', 'provider'] },
    reject: { to: 'rejected', by: ['employer'] },
    drop: { to: 'dropped', by: ['person', 'employer', 'provider'] },
  },
  approved: {
    enroll: { to: 'enrolled', by: ['employer', 'provider'] },
    drop: { to: 'dropped', by: ['person', 'employer', 'provider'] },
  },
  enrolled: {
    complete: { to: 'completed', by: ['employer', 'provider'] },
    drop: { to: 'dropped', by: ['person', 'employer', 'provider'] },
  },
};

const externalRules: Partial<Record<EnrollmentStatus, Partial<Record<EnrollmentAction, Rule>>>> = {
  requested: {
    approve: { to: 'completed', by: ['employer'] },
    reject: { to: 'rejected', by: ['employer'] },
    drop: { to: 'dropped', by: ['person', 'employer'] },
  },
};

export type Transition = { ok: true; to: EnrollmentStatus } | { ok: false; reason: 'not_allowed' | 'not_party' | 'no_seats' };

/** The status an action leads to for these parties, or why it cannot be taken. Approving a
 *  request on a full cohort puts it on the waitlist; a waitlisted one is approved only into a free seat. */
export function transition(kind: EnrollmentKind, status: EnrollmentStatus, action: EnrollmentAction, parties: Party[], cohortFull: boolean): Transition {
  const rule = (kind === 'cohort' ? cohortRules : externalRules)[status]?.[action];
  if (!rule) return { ok: false, reason: 'not_allowed' };
  if (!rule.by.some((p) => parties.includes(p))) return { ok: false, reason: 'not_party' };
  if (rule.to === 'approved_or_waitlisted') return { ok: true, to: cohortFull ? 'waitlisted' : 'approved' };
  if (status === 'waitlisted' && action === 'approve' && cohortFull) return { ok: false, reason: 'no_seats' };
  return { ok: true, to: rule.to };
}

/** The actions the parties may take now (for the UI's buttons). */
export function availableActions(kind: EnrollmentKind, status: EnrollmentStatus, parties: Party[]): EnrollmentAction[] {
  const rules = (kind === 'cohort' ? cohortRules : externalRules)[status] ?? {};
  return (Object.entries(rules) as [EnrollmentAction, Rule][]).filter(([, r]) => r.by.some((p) => parties.includes(p))).map(([a]) => a);
}
