import { and, eq, isNull, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { organizations } from '../organizations/organizations.schema.js';
import { territories } from '../territories/territories.schema.js';
import { adminRoles, organizationVisible, canAdministerOrganization, type Actor } from '../../lib/access.js';
import { AppError, forbidden, invalid, type FieldError } from '../../lib/errors.js';
import { listZipEntries } from '../../lib/upload-check.js';
import { readRoadmapIsolated } from '../../lib/office-worker.js';
import type { OrganizationKind } from '../../../common/dictionaries.js';
import { readRoadmapText, RoadmapFormatError, type ParsedRoadmap } from './roadmap-reader.js';
import { parseDeadline, type DeadlineKind, type Occurrence, type Period } from './deadline-parser.js';
import { collectDefinitions, recognizeExecutors, classifyExecutor, normalizeName, type ExecutorMention } from './executors.js';
import { compareSnapshots, matchActivities, snapshotOf, type ActivityContent, type ExecutorContent, type SectionContent, type SnapshotActivity } from './roadmap-content.js';
import { loadRoadmap, latestSnapshot, type LoadedRoadmap, type RoadmapLevel } from './roadmaps.service.js';

/**
 * From a document to roadmap content: reading the upload, placing the roadmap (owner, level,
 * territory, period), linking executors to organizations, parsing deadlines, and the preview the
 * user edits before saving. Nothing here writes.
 */

// ───────────── reading the upload ─────────────

export interface RoadmapSource {
  file?: { name: string; data: Buffer };
  text?: string;
}

/** Reads a DOCX/XLSX (after the same pre-check as every upload, in the parsing worker) or pasted text. */
export async function readRoadmapSource(src: RoadmapSource): Promise<{ parsed: ParsedRoadmap; sourceFileName: string | null }> {
  try {
    if (src.file) {
      const expect = officeKind(src.file.name, src.file.data);
      // The pre-check and the reader run in the parsing worker, with its memory and time limits.
      const parsed = await readRoadmapIsolated(src.file.data, expect);
      return { parsed, sourceFileName: src.file.name.split(/[\\/]/).pop()!.slice(0, 255) };
    }
    if (src.text?.trim()) return { parsed: readRoadmapText(src.text), sourceFileName: null };
  } catch (err) {
    if (err instanceof RoadmapFormatError) throw new AppError(422, 'bad_roadmap', err.message);
    throw err;
  }
  throw new AppError(422, 'no_file', 'Выберите файл DOCX или XLSX с таблицей дорожной карты либо вставьте таблицу текстом');
}

/** By the name, else by the parts inside the archive (a file saved without an extension). */
function officeKind(name: string, data: Buffer): 'docx' | 'xlsx' {
  if (/\.xlsx$/i.test(name)) return 'xlsx';
  if (/\.docx$/i.test(name)) return 'docx';
  try {
    return listZipEntries(data, 5_000).some((e) => e.name === 'xl/workbook.xml') ? 'xlsx' : 'docx';
  } catch {
    return 'docx'; // the pre-flight check then says what is wrong with it
  }
}

// ───────────── placement ─────────────

export interface Placement {
  level: RoadmapLevel;
  owner: { id: string; shortName: string; kind: string; territoryId: string; path: string[] };
  territory: { id: string; name: string; kind: 'region' | 'municipality'; path: string[] };
  existing: LoadedRoadmap | null;
}

export interface PlacementInput {
  ownerOrganizationId?: string;
  level?: RoadmapLevel;
  roadmapId?: string;
}

/** The owner's kind says the level unless the user says otherwise: the ministry owns the regional
 *  roadmap, the education authority the municipal one, any other organization its own. */
const levelOfOwner = (kind: string): RoadmapLevel => (kind === 'ministry' ? 'regional' : kind === 'municipal_authority' ? 'municipal' : 'organization');

async function territoryOf(db: Db, id: string) {
  const [t] = await db.select({ id: territories.id, name: territories.name, kind: territories.kind, path: territories.path }).from(territories).where(eq(territories.id, id));
  return t;
}

/** Whose roadmap this is. An amendment takes it from the roadmap; a new one from the form or, by
 *  default, from the governing body the actor administers. The actor must administer the owner. */
export async function resolvePlacement(db: Db, actor: Actor, input: PlacementInput): Promise<Placement> {
  if (input.roadmapId) {
    const existing = await loadRoadmap(db, actor, input.roadmapId, 'write');
    return { level: existing.roadmap.level, owner: existing.owner, territory: await territoryOf(db, existing.roadmap.territoryId), existing };
  }
  if (!actor.roles.some((r) => adminRoles.includes(r.role))) {
    throw forbidden('Загружать дорожные карты могут администраторы региона, муниципалитета или организации');
  }
  const ownerId = input.ownerOrganizationId ?? (await defaultOwnerId(db, actor));
  const [owner] = await db
    .select({ id: organizations.id, shortName: organizations.shortName, kind: organizations.kind, territoryId: organizations.territoryId, path: organizations.path })
    .from(organizations)
    .where(and(eq(organizations.id, ownerId), isNull(organizations.archivedAt), organizationVisible(actor, organizations)));
  if (!owner) throw invalid([{ field: 'ownerOrganizationId', message: 'Организация не найдена' }]);
  if (!canAdministerOrganization(actor, owner)) throw forbidden('Дорожную карту может сохранить только администратор организации-владельца');
  const territory = await territoryOf(db, owner.territoryId);
  const level = input.level ?? levelOfOwner(owner.kind);
  if ((level === 'regional' && territory.kind !== 'region') || (level === 'municipal' && territory.kind !== 'municipality')) {
    throw invalid([{ field: 'level', message: level === 'regional' ? 'Региональную дорожную карту ведёт организация регионального уровня' : 'Муниципальную дорожную карту ведёт организация муниципалитета' }]);
  }
  return { level, owner, territory, existing: null };
}

/** The governing body of the highest territory the actor administers, else their organization. */
async function defaultOwnerId(db: Db, actor: Actor): Promise<string> {
  const territoryIds = actor.roles.flatMap((r) => (r.territoryId && adminRoles.includes(r.role) ? [r.territoryId] : []));
  if (territoryIds.length) {
    const [body] = await queryRows<{ id: string }>(
      db,
      sql`SELECT o.id FROM organizations o JOIN territories t ON t.id = o.territory_id
          WHERE o.territory_id = ANY(${sql.param(territoryIds)}::uuid[]) AND o.kind IN ('ministry', 'municipal_authority') AND o.archived_at IS NULL
          ORDER BY cardinality(t.path), o.short_name LIMIT 1`,
    );
    if (body) return body.id;
  }
  const own = actor.roles.find((r) => r.organizationId && adminRoles.includes(r.role));
  if (own?.organizationId) return own.organizationId;
  throw invalid([{ field: 'ownerOrganizationId', message: 'Укажите организацию — владельца дорожной карты' }]);
}

// ───────────── linking executors ─────────────

export interface ExecutorView extends ExecutorContent {
  organizationName: string | null;
  /** How the link was made: by the organization's name, by its kind («Министерство» → the region's
   *  ministry, «МОУО» → each municipality's authority), a group of organizations, or not at all. */
  match: 'name' | 'kind' | 'group' | null;
}

interface Candidate {
  id: string;
  kind: OrganizationKind;
  short_name: string;
  full_name: string;
  territory_id: string;
  territory_kind: 'region' | 'municipality';
}

const REGIONAL_KINDS: OrganizationKind[] = ['ministry', 'development_institute', 'cnppm', 'coko'];

/** Organizations the executors may be linked to: those the importer sees in the roadmap's region. */
async function loadCandidates(db: Db, actor: Actor, territory: Placement['territory']): Promise<Candidate[]> {
  const visible = organizationVisible(actor, { id: sql`o.id`, territoryId: sql`o.territory_id` });
  return queryRows<Candidate>(
    db,
    sql`SELECT o.id, o.kind, o.short_name, o.full_name, o.territory_id, t.kind AS territory_kind
        FROM organizations o JOIN territories t ON t.id = o.territory_id
        WHERE o.archived_at IS NULL AND t.path @> ARRAY[${territory.path[0]}]::uuid[] AND ${visible}
        ORDER BY o.short_name`,
  );
}

/** Links mentions to organizations in the context of one roadmap. */
class ExecutorLinker {
  constructor(
    private readonly candidates: Candidate[],
    private readonly placement: Pick<Placement, 'level' | 'territory'>,
  ) {}

  link(m: ExecutorMention): ExecutorView[] {
    const unlinked: ExecutorView = { text: m.text, organizationId: null, organizationName: null, kinds: [], match: null };
    const names = [m.text, m.fullName].filter((x): x is string => !!x).map(normalizeName);
    const byName = this.candidates.filter((c) => names.includes(normalizeName(c.short_name)) || names.includes(normalizeName(c.full_name)));
    if (byName.length === 1) return [this.view(m.text, byName[0], 'name')];
    const cls = m.class;
    if (cls.type === 'group') return [{ ...unlinked, kinds: cls.kinds, match: 'group' }];
    if (cls.type !== 'organization') return [unlinked];
    const ofKind = this.candidates.filter((c) => c.kind === cls.kind);
    if (REGIONAL_KINDS.includes(cls.kind)) {
      const regional = ofKind.filter((c) => c.territory_kind === 'region');
      return regional.length === 1 ? [this.view(m.text, regional[0], 'kind')] : [unlinked];
    }
    // A municipal body named in a regional roadmap means every municipality's one.
    if (this.placement.level === 'regional') {
      const each = ofKind.filter((c) => c.territory_kind === 'municipality');
      return each.length ? each.map((c) => this.view(m.text, c, 'kind')) : [unlinked];
    }
    const local = ofKind.filter((c) => c.territory_id === this.placement.territory.id);
    return local.length === 1 ? [this.view(m.text, local[0], 'kind')] : [unlinked];
  }

  private view(text: string, c: Candidate, match: ExecutorView['match']): ExecutorView {
    return { text, organizationId: c.id, organizationName: c.short_name, kinds: [], match };
  }
}

// ───────────── the preview ─────────────

export interface PreviewActivity {
  number: string;
  group: string | null;
  title: string;
  responsibleText: string;
  coExecutorsText: string | null;
  responsible: ExecutorView[];
  coExecutors: ExecutorView[];
  deadline: { text: string; kind: DeadlineKind; occurrences: Occurrence[]; note: string | null };
  expectedResult: string;
  extra: Record<string, string> | null;
}

const yearNow = () => new Date().getFullYear();

/** Builds the editable preview of a parsed document for its placement. */
export async function previewRoadmap(db: Db, actor: Actor, parsed: ParsedRoadmap, placement: Placement, opts: { periodFrom?: number; periodTo?: number; sourceFileName: string | null }) {
  const warnings = [...parsed.warnings];
  const existing = placement.existing?.roadmap;
  const period: Period = {
    from: opts.periodFrom ?? parsed.periodFrom ?? existing?.periodFrom ?? yearNow(),
    to: opts.periodTo ?? parsed.periodTo ?? existing?.periodTo ?? opts.periodFrom ?? parsed.periodFrom ?? yearNow(),
  };
  if (period.to < period.from) throw invalid([{ field: 'periodTo', message: 'Год окончания периода раньше года начала' }]);
  if (parsed.periodFrom === null && opts.periodFrom === undefined && !existing) {
    warnings.push(`Период дорожной карты не найден в названии документа («на 2021-2024 гг.»): принят ${period.from}–${period.to} год, уточните его`);
  }

  const all = parsed.sections.flatMap((s) => s.activities);
  if (!all.length) throw new AppError(422, 'bad_roadmap', 'В таблице дорожной карты не найдено ни одного мероприятия');
  const defs = collectDefinitions(all.flatMap((a) => [a.responsibleText, a.coExecutorsText ?? '']));
  const linker = new ExecutorLinker(await loadCandidates(db, actor, placement.territory), placement);
  const link = (cell: string | null) => recognizeExecutors(cell ?? '', defs).flatMap((m) => linker.link(m));
  const unlinked = new Map<string, string[]>();
  const unknownDeadlines: string[] = [];

  const sections = parsed.sections.map((s) => ({
    number: s.number,
    title: s.title,
    activities: s.activities.map((a): PreviewActivity => {
      const responsible = link(a.responsibleText);
      const coExecutors = link(a.coExecutorsText);
      for (const e of [...responsible, ...coExecutors]) {
        if (e.match === null && classifyExecutor(e.text).type !== 'association') unlinked.set(e.text, [...(unlinked.get(e.text) ?? []), a.number]);
      }
      const d = parseDeadline(a.deadlineText, period);
      if (d.kind === 'unknown') unknownDeadlines.push(`Мероприятие ${a.number || '(без номера)'}: срок «${a.deadlineText}» не распознан — укажите контрольные даты вручную`);
      return {
        number: a.number,
        group: a.group,
        title: a.title,
        responsibleText: a.responsibleText,
        coExecutorsText: a.coExecutorsText,
        responsible,
        coExecutors,
        deadline: { text: d.text, kind: d.kind, occurrences: d.occurrences, note: d.note ?? null },
        expectedResult: a.expectedResult,
        extra: a.extra ?? null,
      };
    }),
  }));
  warnings.push(...unknownDeadlines);
  for (const [text, numbers] of unlinked) {
    warnings.push(`Исполнитель «${text}» (мероприятия ${[...new Set(numbers)].join(', ')}) не найден среди организаций: сохранён как текст, связь можно указать вручную`);
  }

  let comparison = null;
  if (placement.existing) {
    const current = await latestSnapshot(db, placement.existing.roadmap.id);
    comparison = compareWithCurrent(current.activities, sections);
  }
  return {
    title: parsed.title ?? existing?.title ?? '',
    level: placement.level,
    ownerOrganizationId: placement.owner.id,
    ownerOrganizationName: placement.owner.shortName,
    territoryId: placement.territory.id,
    territoryName: placement.territory.name,
    periodFrom: period.from,
    periodTo: period.to,
    periodText: parsed.periodText,
    approvedBy: parsed.approvedBy,
    columns: parsed.columns,
    sourceFileName: opts.sourceFileName,
    sections,
    warnings,
    roadmapId: placement.existing?.roadmap.id ?? null,
    comparison,
  };
}
export type RoadmapPreview = Awaited<ReturnType<typeof previewRoadmap>>;

/** What saving these sections as a new revision would change; new activities have no id yet. */
function compareWithCurrent(current: SnapshotActivity[], sections: { number: string; title: string; activities: PreviewActivity[] }[]) {
  const incoming = sections.flatMap((s) => s.activities.map((a) => ({ s, a })));
  const ids = matchActivities(current, incoming.map((x) => x.a));
  const after = incoming.map(({ s, a }, i) => snapshotOf(ids[i] ?? `new:${i}`, s, { ...a, deadlineText: a.deadline.text }));
  const c = compareSnapshots(current, after);
  return { ...c, added: c.added.map((a) => ({ ...a, activityId: null })) };
}

// ───────────── content posted back for saving ─────────────

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
}

/** Typed control dates in order, without repeats. */
const uniqueOccurrences = (list: Occurrence[]) =>
  [...new Map(list.map((o) => [`${o.from}|${o.to}`, o])).values()].sort((x, y) => x.from.localeCompare(y.from) || x.to.localeCompare(y.to));
const sameOccurrences = (a: Occurrence[], b: Occurrence[]) => a.length === b.length && a.every((o, i) => o.from === b[i].from && o.to === b[i].to);
const joinTexts = (es: ExecutorInput[]) => [...new Set(es.map((e) => e.text.trim()).filter(Boolean))].join(', ');

/**
 * Turns the (edited) preview into content to store: every linked organization must be one the
 * actor sees; deadlines are parsed again for the period, and control dates typed by hand win over
 * the parsed ones (kept as a manual schedule).
 */
export async function normalizeContent(db: Db, actor: Actor, input: ContentInput): Promise<SectionContent[]> {
  if (input.periodTo < input.periodFrom) throw invalid([{ field: 'periodTo', message: 'Год окончания периода раньше года начала' }]);
  if (!input.sections.some((s) => s.activities.length)) throw invalid([{ field: 'sections', message: 'В дорожной карте нет ни одного мероприятия' }]);
  const period = { from: input.periodFrom, to: input.periodTo };
  const orgIds = [
    ...new Set(input.sections.flatMap((s) => s.activities.flatMap((a) => [...a.responsible, ...(a.coExecutors ?? [])].flatMap((e) => (e.organizationId ? [e.organizationId] : []))))),
  ];
  const visible = new Set(
    orgIds.length
      ? (await db.select({ id: organizations.id }).from(organizations).where(and(sql`${organizations.id} = ANY(${sql.param(orgIds)}::uuid[])`, organizationVisible(actor, organizations)))).map((o) => o.id)
      : [],
  );
  const errors: FieldError[] = [];
  const executors = (list: ExecutorInput[], path: string): ExecutorContent[] =>
    list.map((e, k) => {
      if (e.organizationId && !visible.has(e.organizationId)) errors.push({ field: `${path}.${k}.organizationId`, message: 'Организация не найдена' });
      const cls = classifyExecutor(e.text);
      const kinds = e.organizationId ? [] : (e.kinds ?? (cls.type === 'group' ? cls.kinds : []));
      return { text: e.text.trim(), organizationId: e.organizationId ?? null, kinds };
    });
  const sections = input.sections.map((s, i) => ({
    number: s.number.trim(),
    title: s.title.trim(),
    activities: s.activities.map((a, j): ActivityContent => {
      const path = `sections.${i}.activities.${j}`;
      const parsed = parseDeadline(a.deadline.text, period);
      const manual = a.deadline.occurrences !== undefined && !sameOccurrences(a.deadline.occurrences, parsed.occurrences);
      const occurrences = manual ? uniqueOccurrences(a.deadline.occurrences!) : parsed.occurrences;
      occurrences.forEach((o, k) => {
        if (o.from > o.to) errors.push({ field: `${path}.deadline.occurrences.${k}`, message: 'Начало периода позже контрольной даты' });
      });
      const single = occurrences.length === 1 && occurrences[0].from === occurrences[0].to;
      return {
        number: a.number.trim().replace(/\.+$/, ''),
        group: a.group?.trim() || null,
        title: a.title.trim(),
        responsibleText: a.responsibleText?.trim() || joinTexts(a.responsible),
        coExecutorsText: a.coExecutorsText?.trim() || joinTexts(a.coExecutors ?? []) || null,
        deadlineText: a.deadline.text.trim(),
        deadlineKind: manual && parsed.kind === 'unknown' ? (single ? 'date' : 'window') : parsed.kind,
        deadlineNote: parsed.note ?? null,
        occurrences,
        scheduleManual: manual,
        expectedResult: a.expectedResult.trim(),
        extra: a.extra && Object.keys(a.extra).length ? a.extra : null,
        responsible: executors(a.responsible, `${path}.responsible`),
        coExecutors: executors(a.coExecutors ?? [], `${path}.coExecutors`),
      };
    }),
  }));
  if (errors.length) throw invalid(errors);
  return sections;
}

/** The preview as content input: what a direct import (without an edit step) saves. */
export function previewAsInput(p: RoadmapPreview): ContentInput {
  return {
    periodFrom: p.periodFrom,
    periodTo: p.periodTo,
    sections: p.sections.map((s) => ({
      number: s.number,
      title: s.title,
      activities: s.activities.map((a) => ({ ...a, deadline: { text: a.deadline.text } })),
    })),
  };
}
