/**
 * Suggested mentors for a young specialist without one (ADR 0016). Pure: the service collects the
 * candidates (visible people of the mentee's municipalities with a shared subject) in one query.
 */

/** A mentor takes this many mentees at once unless their capacity is set. */
export const DEFAULT_MENTOR_CAPACITY = 2;
/** Years in the profession a mentor of a young specialist has at least. */
export const MENTOR_MIN_YEARS = 5;
/** Candidates shown for each young specialist. */
export const SUGGESTIONS_PER_MENTEE = 3;

export interface SuggestMentee {
  staffId: string;
  organizationIds: string[];
  municipalityIds: string[];
  subjects: string[];
}

export interface SuggestCandidate {
  staffId: string;
  fullName: string;
  organizationIds: string[];
  organizationNames: string[];
  municipalityIds: string[];
  subjects: string[];
  yearsInProfession: number | null;
  qualificationCategory: string | null;
  /** Mentees at once (default when unset). */
  capacity: number;
  /** Open pairs (suggested, confirmed, active) the candidate already mentors. */
  load: number;
}

export interface RankedCandidate extends SuggestCandidate {
  rank: number;
  scope: 'organization' | 'municipality';
  sharedSubjects: string[];
  free: number;
  reason: string;
}

const categoryOrder: Record<string, number> = { highest: 0, first: 1 };
const categoryNames: Record<string, string> = { highest: 'высшая категория', first: 'первая категория' };

function years(n: number): string {
  const d = n % 10;
  const dd = n % 100;
  const w = dd >= 11 && dd <= 14 ? 'лет' : d === 1 ? 'год' : d >= 2 && d <= 4 ? 'года' : 'лет';
  return `${n} ${w}`;
}

/** Ranks the candidates for one mentee: a shared subject and free capacity are required; the same
 *  organization comes before the same municipality; then the higher qualification category, more
 *  free places, longer experience, the name. Others are left out. */
export function rankMentorCandidates(mentee: SuggestMentee, candidates: SuggestCandidate[], limit = SUGGESTIONS_PER_MENTEE): RankedCandidate[] {
  const ranked: Omit<RankedCandidate, 'rank'>[] = [];
  for (const c of candidates) {
    if (c.staffId === mentee.staffId) continue;
    const free = c.capacity - c.load;
    if (free <= 0) continue;
    if ((c.yearsInProfession ?? 0) < MENTOR_MIN_YEARS) continue;
    const sharedSubjects = c.subjects.filter((s) => mentee.subjects.includes(s));
    if (!sharedSubjects.length) continue;
    const scope = c.organizationIds.some((o) => mentee.organizationIds.includes(o))
      ? 'organization'
      : c.municipalityIds.some((m) => mentee.municipalityIds.includes(m))
        ? 'municipality'
        : null;
    if (!scope) continue;
    const parts = [
      `${sharedSubjects.length > 1 ? 'те же предметы' : 'тот же предмет'} (${sharedSubjects.join(', ')})`,
      scope === 'organization' ? 'та же организация' : `тот же муниципалитет (${c.organizationNames.join(', ')})`,
      `свободно мест: ${free} из ${c.capacity}`,
      c.yearsInProfession != null ? `стаж ${years(c.yearsInProfession)}` : null,
      c.qualificationCategory && categoryNames[c.qualificationCategory] ? categoryNames[c.qualificationCategory] : null,
    ].filter(Boolean);
    const reason = parts.join('; ');
    ranked.push({ ...c, scope, sharedSubjects, free, reason: reason.charAt(0).toUpperCase() + reason.slice(1) });
  }
  ranked.sort(
    (a, b) =>
      (a.scope === 'organization' ? 0 : 1) - (b.scope === 'organization' ? 0 : 1) ||
      (categoryOrder[a.qualificationCategory ?? ''] ?? 2) - (categoryOrder[b.qualificationCategory ?? ''] ?? 2) ||
      b.free - a.free ||
      (b.yearsInProfession ?? 0) - (a.yearsInProfession ?? 0) ||
      a.fullName.localeCompare(b.fullName, 'ru') ||
      a.staffId.localeCompare(b.staffId),
  );
  return ranked.slice(0, limit).map((c, i) => ({ ...c, rank: i + 1 }));
}

/** The workflow of a pair, one place: which action moves which status where. */
export type MentorshipStatus = 'suggested' | 'confirmed' | 'active' | 'completed' | 'cancelled';
export type MentorshipAction = 'confirm' | 'start' | 'complete' | 'cancel';

export function nextStatus(status: MentorshipStatus, action: MentorshipAction, startsOn: string, today: string): MentorshipStatus | null {
  switch (action) {
    case 'confirm':
      // a pair confirmed on or after its start date is in effect at once
      return status === 'suggested' ? (startsOn <= today ? 'active' : 'confirmed') : null;
    case 'start':
      return status === 'confirmed' ? 'active' : null;
    case 'complete':
      return status === 'active' ? 'completed' : null;
    case 'cancel':
      return status === 'suggested' || status === 'confirmed' || status === 'active' ? 'cancelled' : null;
  }
}
