// The import preview while the user edits it, and its way back to the API. Pure functions.
import type { ActivityInput, ContentInput, ExecutorInput, ExecutorPreview, Occurrence, ParsedDeadline, PreviewActivity, RoadmapPreview } from '../types';

export interface DraftActivity extends PreviewActivity {
  /** Stable row key: numbers may repeat or be edited. */
  key: string;
  /** Control dates were typed by hand: they are sent and win over the parsed ones. */
  manualDates: boolean;
}

export interface DraftSection {
  number: string;
  title: string;
  activities: DraftActivity[];
}

export function draftSections(preview: RoadmapPreview): DraftSection[] {
  return preview.sections.map((s, si) => ({
    number: s.number,
    title: s.title,
    activities: s.activities.map((a, ai) => ({ ...a, key: `${si}.${ai}`, manualDates: false })),
  }));
}

const executorInput = (e: ExecutorPreview): ExecutorInput => ({ text: e.text, organizationId: e.organizationId, kinds: e.organizationId ? [] : e.kinds });

function activityInput(a: DraftActivity): ActivityInput {
  return {
    number: a.number,
    group: a.group,
    title: a.title,
    responsibleText: a.responsibleText,
    coExecutorsText: a.coExecutorsText,
    responsible: a.responsible.map(executorInput),
    coExecutors: a.coExecutors.map(executorInput),
    // parsed dates are left to the server, which parses again for the period being saved
    deadline: a.manualDates ? { text: a.deadline.text, occurrences: a.deadline.occurrences } : { text: a.deadline.text },
    expectedResult: a.expectedResult,
    extra: a.extra,
  };
}

export const contentInput = (sections: DraftSection[]): ContentInput['sections'] =>
  sections.map((s) => ({ number: s.number, title: s.title, activities: s.activities.map(activityInput) }));

/** Links one wording of an activity to the chosen organizations (none: kept as text, or as the
 *  group of organizations the parser recognized in it). Other wordings keep their place. */
export function relinkExecutors(list: ExecutorPreview[], text: string, organizations: { id: string; name: string }[]): ExecutorPreview[] {
  const at = list.findIndex((e) => e.text === text);
  const old = list.filter((e) => e.text === text);
  const groupKinds = old.find((e) => e.kinds.length)?.kinds ?? [];
  const replaced: ExecutorPreview[] = organizations.length
    ? organizations.map((o) => ({ text, organizationId: o.id, organizationName: o.name, kinds: [], match: 'name' }))
    : [{ text, organizationId: null, organizationName: null, kinds: groupKinds, match: groupKinds.length ? 'group' : null }];
  const rest = list.filter((e) => e.text !== text);
  return [...rest.slice(0, at), ...replaced, ...rest.slice(at)];
}

export const withParsedDeadline = (a: DraftActivity, parsed: ParsedDeadline): DraftActivity => ({
  ...a,
  manualDates: false,
  deadline: { text: parsed.text, kind: parsed.kind, occurrences: parsed.occurrences, note: parsed.note ?? null },
});

export const withManualDates = (a: DraftActivity, occurrences: Occurrence[]): DraftActivity => ({
  ...a,
  manualDates: true,
  deadline: { ...a.deadline, occurrences: [...occurrences].sort((x, y) => x.from.localeCompare(y.from)) },
});

/** «sections.0.activities.3.responsible.0.organizationId: Организация не найдена» →
 *  «Мероприятие 1.4, ответственные исполнители: Организация не найдена». */
export function describeFieldError(sections: DraftSection[], message: string): string {
  const m = /^sections\.(\d+)\.activities\.(\d+)\.?([a-zA-Z]*)[^:]*: (.*)$/.exec(message);
  if (!m) return message;
  const a = sections[Number(m[1])]?.activities[Number(m[2])];
  const where: Record<string, string> = {
    responsible: 'ответственные исполнители',
    coExecutors: 'соисполнители',
    deadline: 'срок исполнения',
    title: 'текст мероприятия',
    expectedResult: 'планируемый результат',
    number: 'номер',
  };
  return `Мероприятие ${a?.number || '(без номера)'}${where[m[3]] ? `, ${where[m[3]]}` : ''}: ${m[4]}`;
}

export const activityTotal = (sections: DraftSection[]) => sections.reduce((n, s) => n + s.activities.length, 0);
