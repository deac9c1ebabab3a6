import { sql, type SQL } from 'drizzle-orm';

/**
 * Execution status of a control window. Only `done` and `not_applicable` are stored; the others
 * follow from today's date whenever they are read, so a status is never stale.
 */
export const occurrenceStatuses = ['planned', 'due_soon', 'overdue', 'done', 'not_applicable'] as const;
export type OccurrenceStatus = (typeof occurrenceStatuses)[number];

/** «Срок подходит»: the control date is within this many days. */
export const DUE_SOON_DAYS = 14;

export { todayIso } from '../../lib/dates.js';

/**
 * The status of occurrence `o` (an SQL alias of activity_occurrences). With `completedBy` (a
 * condition on the report alias `sr`, e.g. «sr.organization_id = X») it is the status of those
 * executors' part: their completing report counts as done while other executors go on.
 */
export function occurrenceStatusSql(o: string, today: string, completedBy?: SQL): SQL {
  const a = sql.raw(o);
  const own = completedBy
    ? sql`WHEN EXISTS (SELECT 1 FROM progress_reports sr WHERE sr.occurrence_id = ${a}.id AND sr.completes AND ${completedBy}) THEN 'done'`
    : sql``;
  return sql`(CASE WHEN ${a}.status IS NOT NULL THEN ${a}.status ${own}
    WHEN ${a}.due_on < ${today}::date THEN 'overdue'
    WHEN ${a}.due_on <= ${today}::date + ${DUE_SOON_DAYS}::int THEN 'due_soon'
    ELSE 'planned' END)`;
}

/** An activity's status over its occurrences: the most pressing one wins (overdue, due soon,
 *  planned), then done; not applicable only when nothing else is left; null without dates. */
export const statusRank: Record<OccurrenceStatus, number> = { overdue: 1, due_soon: 2, planned: 3, done: 4, not_applicable: 5 };

export function summaryStatus(statuses: OccurrenceStatus[]): OccurrenceStatus | null {
  let best: OccurrenceStatus | null = null;
  for (const s of statuses) if (best === null || statusRank[s] < statusRank[best]) best = s;
  return best;
}

/** The same in SQL, over a set of status expressions: min of the ranks, back to the name. */
export function rankSql(status: SQL): SQL {
  return sql`(CASE ${status} WHEN 'overdue' THEN 1 WHEN 'due_soon' THEN 2 WHEN 'planned' THEN 3 WHEN 'done' THEN 4 ELSE 5 END)`;
}
export const statusOfRank = (rank: number | null): OccurrenceStatus | null =>
  rank === null ? null : ((Object.entries(statusRank).find(([, r]) => r === Number(rank))?.[0] as OccurrenceStatus | undefined) ?? null);
