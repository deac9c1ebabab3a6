// Shapes of the roadmaps API (server/modules/roadmaps/roadmaps.api.ts), as the UI reads them.
import type { OrganizationKind, RoadmapLevelCode, occurrenceStatusLabels, deadlineKinds } from '../../../../common/dictionaries';

export type RoadmapLevel = RoadmapLevelCode;
export type OccurrenceStatus = keyof typeof occurrenceStatusLabels;
export type DeadlineKind = keyof typeof deadlineKinds;

export interface Occurrence {
  from: string;
  to: string;
}

export interface ParsedDeadline {
  text: string;
  kind: DeadlineKind;
  occurrences: Occurrence[];
  note?: string | null;
}

// ───────────── import preview ─────────────

export interface ExecutorPreview {
  text: string;
  organizationId: string | null;
  organizationName: string | null;
  kinds: OrganizationKind[];
  match: 'name' | 'kind' | 'group' | null;
}

export interface PreviewActivity {
  number: string;
  group: string | null;
  title: string;
  responsibleText: string;
  coExecutorsText: string | null;
  responsible: ExecutorPreview[];
  coExecutors: ExecutorPreview[];
  deadline: { text: string; kind: DeadlineKind; occurrences: Occurrence[]; note: string | null };
  expectedResult: string;
  extra: Record<string, string> | null;
}

export interface SnapshotActivity {
  activityId: string | null;
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

export type ComparedField = 'section' | 'number' | 'group' | 'title' | 'responsible' | 'coExecutors' | 'deadline' | 'expectedResult';

export interface ActivityChange {
  activityId: string;
  number: string;
  title: string;
  changes: { field: ComparedField; before: string | null; after: string | null }[];
}

export interface ComparisonLists {
  added: SnapshotActivity[];
  removed: SnapshotActivity[];
  changed: ActivityChange[];
}

export interface RoadmapPreview {
  title: string;
  level: RoadmapLevel;
  ownerOrganizationId: string;
  ownerOrganizationName: string;
  territoryId: string;
  territoryName: string;
  periodFrom: number;
  periodTo: number;
  periodText: string | null;
  approvedBy: string | null;
  columns: string[];
  sourceFileName: string | null;
  sections: { number: string; title: string; activities: PreviewActivity[] }[];
  warnings: string[];
  roadmapId: string | null;
  comparison: ComparisonLists | null;
  saved: { roadmapId: string; revisionNumber: number } | null;
}

/** What POST /api/roadmaps and /revisions take: the preview after editing. */
export interface ExecutorInput {
  text: string;
  organizationId?: string | null;
  kinds?: OrganizationKind[];
}

export interface ActivityInput {
  number: string;
  group?: string | null;
  title: string;
  responsibleText?: string | null;
  coExecutorsText?: string | null;
  responsible: ExecutorInput[];
  coExecutors?: ExecutorInput[];
  deadline: { text: string; occurrences?: Occurrence[] };
  expectedResult: string;
  extra?: Record<string, string> | null;
}

export interface ContentInput {
  periodFrom: number;
  periodTo: number;
  sections: { number: string; title: string; activities: ActivityInput[] }[];
  approvedBy?: string | null;
  columns?: string[];
  sourceFileName?: string | null;
}

export interface RoadmapCreateInput extends ContentInput {
  title: string;
  ownerOrganizationId?: string;
  level?: RoadmapLevel;
}

export interface RevisionCreateInput extends ContentInput {
  title?: string;
  version?: number;
}

// ───────────── roadmaps ─────────────

export interface RoadmapListItem {
  id: string;
  title: string;
  level: RoadmapLevel;
  ownerOrganizationId: string;
  ownerOrganizationName: string;
  territoryId: string;
  territoryName: string;
  periodFrom: number;
  periodTo: number;
  approvedBy: string | null;
  parentRoadmapId: string | null;
  revisionNumber: number;
  activityCount: number;
  overdueCount: number;
  archived: boolean;
  version: number;
  updatedAt: string;
}

export interface Revision {
  id: string;
  number: number;
  kind: 'initial' | 'amendment' | 'cascade';
  approvedBy: string | null;
  sourceFileName: string | null;
  createdAt: string;
  createdByName: string | null;
  added: number;
  removed: number;
  changed: number;
}

export interface Roadmap extends RoadmapListItem {
  columns: string[];
  sections: { id: string; number: string; title: string; activityCount: number }[];
  revisions: Revision[];
  statusCounts: Record<OccurrenceStatus, number>;
  parent: { id: string; title: string } | null;
  children: { id: string; title: string; territoryId: string; territoryName: string; ownerOrganizationName: string }[];
  canEdit: boolean;
}

// ───────────── execution ─────────────

export interface OccurrenceView extends Occurrence {
  id: string;
  status: OccurrenceStatus;
  statusNote: string | null;
  version: number;
}

export interface Executor {
  text: string;
  organizationId: string | null;
  organizationName: string | null;
  kinds: string[];
}

export interface Activity {
  id: string;
  roadmapId: string;
  sectionId: string;
  sectionNumber: string;
  sectionTitle: string;
  number: string;
  group: string | null;
  title: string;
  responsibleText: string;
  coExecutorsText: string | null;
  responsible: Executor[];
  coExecutors: Executor[];
  deadline: { text: string; kind: DeadlineKind; note: string | null; manual: boolean };
  expectedResult: string;
  status: OccurrenceStatus | null;
  occurrences: OccurrenceView[];
  reportCount: number;
  parentActivityId: string | null;
  version: number;
}

export interface ReportFile {
  id: string;
  name: string;
  mime: string;
  size: number;
}

export interface ProgressReport {
  id: string;
  activityId: string;
  occurrenceId: string | null;
  organizationId: string;
  organizationName: string;
  text: string;
  links: string[];
  completes: boolean;
  authorName: string;
  createdAt: string;
  files: ReportFile[];
}

export interface ActivityCard extends Activity {
  roadmapTitle: string;
  roadmapLevel: RoadmapLevel;
  extra: Record<string, string> | null;
  removed: boolean;
  reports: ProgressReport[];
  parent: { activityId: string; number: string; title: string; roadmapId: string; roadmapTitle: string } | null;
  children: { activityId: string; roadmapId: string; roadmapTitle: string; territoryId: string; territoryName: string; status: OccurrenceStatus | null }[];
  history: {
    revisionNumber: number;
    approvedBy: string | null;
    createdAt: string;
    change: 'added' | 'changed' | 'removed';
    changes: { field: string; before: string | null; after: string | null }[];
  }[];
  reportingOrganizations: { id: string; name: string }[];
  canEdit: boolean;
}

export interface TimelineActivity {
  id: string;
  number: string;
  title: string;
  responsibleText: string;
  deadlineText: string;
  status: OccurrenceStatus | null;
  occurrences: OccurrenceView[];
}

export interface Timeline {
  roadmapId: string;
  from: string;
  to: string;
  today: string;
  sections: { id: string; number: string; title: string; activities: TimelineActivity[] }[];
}

interface RevisionRef {
  id: string;
  number: number;
  kind: string;
  approvedBy: string | null;
  sourceFileName: string | null;
  createdAt: string;
}

export interface Comparison extends ComparisonLists {
  from: RevisionRef;
  to: RevisionRef;
}

export interface RollupCell {
  territoryId: string;
  childActivityId: string | null;
  childRoadmapId: string | null;
  status: OccurrenceStatus | null;
  total: number;
  done: number;
  overdue: number;
  dueSoon: number;
  reports: number;
  lastReportAt: string | null;
}

export interface Rollup {
  roadmapId: string;
  municipalities: { territoryId: string; name: string; roadmapId: string | null }[];
  activities: { activityId: string; number: string; title: string; cells: RollupCell[] }[];
}

export interface Deadline extends Occurrence {
  occurrenceId: string;
  status: OccurrenceStatus;
  activityId: string;
  number: string;
  title: string;
  deadlineText: string;
  roadmapId: string;
  roadmapTitle: string;
  organizationId: string;
  organizationName: string;
}

export interface DeadlineSummary {
  overdue: number;
  dueSoon: number;
  items: Deadline[];
}
