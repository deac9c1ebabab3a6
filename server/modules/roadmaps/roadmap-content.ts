/**
 * The content of a roadmap revision and how two revisions compare. Pure functions: the services
 * load and store, this decides which activity of an amended document is which old one.
 */
import type { DeadlineKind, Occurrence } from './deadline-parser.js';
import type { OrganizationKind } from '../../../common/dictionaries.js';

export interface ExecutorContent {
  text: string;
  organizationId: string | null;
  /** For a group executor («ОО»): the kinds of organizations it addresses in the roadmap's territory. */
  kinds: OrganizationKind[];
}

/** One activity as saved: the document's wording plus what was recognized in it. */
export interface ActivityContent {
  number: string;
  group: string | null;
  title: string;
  responsibleText: string;
  coExecutorsText: string | null;
  deadlineText: string;
  deadlineKind: DeadlineKind;
  deadlineNote: string | null;
  occurrences: Occurrence[];
  scheduleManual: boolean;
  expectedResult: string;
  extra: Record<string, string> | null;
  responsible: ExecutorContent[];
  coExecutors: ExecutorContent[];
  parentActivityId?: string | null;
}

export interface SectionContent {
  number: string;
  title: string;
  activities: ActivityContent[];
}

/** An activity as a revision recorded it (the snapshot keeps the wording, not the links). */
export interface SnapshotActivity {
  activityId: string;
  sectionNumber: string;
  sectionTitle: string;
  number: string;
  group: string | null;
  title: string;
  responsibleText: string;
  coExecutorsText: string | null;
  deadlineText: string;
  expectedResult: string;
}

export const comparedFields = ['section', 'number', 'group', 'title', 'responsible', 'coExecutors', 'deadline', 'expectedResult'] as const;
export type ComparedField = (typeof comparedFields)[number];

export interface ActivityChange {
  activityId: string;
  number: string;
  title: string;
  changes: { field: ComparedField; before: string | null; after: string | null }[];
}

export interface Comparison {
  added: SnapshotActivity[];
  removed: SnapshotActivity[];
  changed: ActivityChange[];
}

const normText = (s: string) =>
  s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/\s+/g, ' ')
    .replace(/[.;,\s]+$/, '')
    .trim();
const normNumber = (s: string) => s.replace(/\s+/g, '').replace(/\.+$/, '');

export function snapshotOf(
  activityId: string,
  section: { number: string; title: string },
  a: Pick<ActivityContent, 'number' | 'group' | 'title' | 'responsibleText' | 'coExecutorsText' | 'deadlineText' | 'expectedResult'>,
): SnapshotActivity {
  return {
    activityId,
    sectionNumber: section.number,
    sectionTitle: section.title,
    number: a.number,
    group: a.group,
    title: a.title,
    responsibleText: a.responsibleText,
    coExecutorsText: a.coExecutorsText,
    deadlineText: a.deadlineText,
    expectedResult: a.expectedResult,
  };
}

/**
 * Which existing activity each incoming one continues (null: a new activity). In order of
 * confidence: the same number and wording; the same wording under a new number (renumbered by the
 * amendment); the same number with new wording (edited). Each existing activity is taken once.
 */
export function matchActivities(existing: { activityId: string; number: string; title: string }[], incoming: { number: string; title: string }[]): (string | null)[] {
  const result: (string | null)[] = incoming.map(() => null);
  const taken = new Set<string>();
  const pass = (key: (a: { number: string; title: string }) => string | null) => {
    const byKey = new Map<string, string[]>();
    for (const e of existing) {
      const k = key(e);
      if (k === null || taken.has(e.activityId)) continue;
      byKey.set(k, [...(byKey.get(k) ?? []), e.activityId]);
    }
    incoming.forEach((a, i) => {
      if (result[i] !== null) return;
      const k = key(a);
      const candidates = k === null ? undefined : byKey.get(k)?.filter((id) => !taken.has(id));
      if (candidates?.length) {
        result[i] = candidates[0];
        taken.add(candidates[0]);
      }
    });
  };
  pass((a) => `${normNumber(a.number)}|${normText(a.title)}`);
  pass((a) => (normText(a.title) ? normText(a.title) : null));
  pass((a) => (normNumber(a.number) ? normNumber(a.number) : null));
  return result;
}

const fieldValue: Record<ComparedField, (a: SnapshotActivity) => string | null> = {
  section: (a) => [a.sectionNumber, a.sectionTitle].filter(Boolean).join(' ') || null,
  number: (a) => a.number,
  group: (a) => a.group,
  title: (a) => a.title,
  responsible: (a) => a.responsibleText,
  coExecutors: (a) => a.coExecutorsText,
  deadline: (a) => a.deadlineText,
  expectedResult: (a) => a.expectedResult,
};

const same = (a: string | null, b: string | null) => normText(a ?? '') === normText(b ?? '');

/** Added, removed and changed activities between two revisions, by the activities' stable ids.
 *  Wording is compared whitespace- and case-insensitively: re-typing is not a change. */
export function compareSnapshots(before: SnapshotActivity[], after: SnapshotActivity[]): Comparison {
  const old = new Map(before.map((a) => [a.activityId, a]));
  const kept = new Set(after.map((a) => a.activityId));
  const changed: ActivityChange[] = [];
  const added: SnapshotActivity[] = [];
  for (const a of after) {
    const b = old.get(a.activityId);
    if (!b) {
      added.push(a);
      continue;
    }
    const changes = comparedFields
      .filter((f) => !same(fieldValue[f](b), fieldValue[f](a)))
      .map((field) => ({ field, before: fieldValue[field](b), after: fieldValue[field](a) }));
    if (changes.length) changed.push({ activityId: a.activityId, number: a.number, title: a.title, changes });
  }
  return { added, removed: before.filter((b) => !kept.has(b.activityId)), changed };
}
