import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { competencies, competencyGroups, competencyCatalogRevisions, labourFunctions, type competencyAudiences } from './competencies.schema.js';
import { canEditCompetencyCatalog, type Actor } from '../../lib/access.js';
import { AppError, forbidden, invalid, notFound, staleVersion } from '../../lib/errors.js';
import { recordAudit } from '../audit/audit.service.js';

/**
 * The competency catalog: groups and competencies linked to the labour functions of the standard
 * «Педагог». One catalog for the installation (so results stay comparable), edited by regional
 * administrators; every edit is a numbered revision with a snapshot of the whole catalog (ADR 0009).
 */

export type CompetencyAudience = (typeof competencyAudiences)[number];
type GroupRow = typeof competencyGroups.$inferSelect;
type CompetencyRow = typeof competencies.$inferSelect;

export interface CompetencyView {
  id: string;
  groupId: string;
  code: string;
  name: string;
  description: string | null;
  labourFunctionCodes: string[];
  position: number;
  retired: boolean;
  version: number;
}
export interface GroupView {
  id: string;
  code: string;
  name: string;
  description: string | null;
  audience: CompetencyAudience;
  position: number;
  retired: boolean;
  version: number;
  competencies: CompetencyView[];
}
/** What a revision stores: the live catalog (retired entries left out). */
export interface CatalogSnapshot {
  groups: GroupView[];
}

const competencyView = (c: CompetencyRow): CompetencyView => ({
  id: c.id,
  groupId: c.groupId,
  code: c.code,
  name: c.name,
  description: c.description,
  labourFunctionCodes: c.labourFunctionCodes,
  position: c.position,
  retired: c.retiredRevision !== null,
  version: c.version,
});

const groupView = (g: GroupRow, members: CompetencyRow[]): GroupView => ({
  id: g.id,
  code: g.code,
  name: g.name,
  description: g.description,
  audience: g.audience,
  position: g.position,
  retired: g.retiredRevision !== null,
  version: g.version,
  competencies: members.map(competencyView),
});

async function currentGroups(db: Db, includeRetired: boolean): Promise<GroupView[]> {
  const groups = await db
    .select()
    .from(competencyGroups)
    .where(includeRetired ? undefined : isNull(competencyGroups.retiredRevision))
    .orderBy(asc(competencyGroups.position), asc(competencyGroups.code));
  const rows = await db
    .select()
    .from(competencies)
    .where(includeRetired ? undefined : isNull(competencies.retiredRevision))
    .orderBy(asc(competencies.position), asc(competencies.code));
  return groups.map((g) =>
    groupView(
      g,
      rows.filter((c) => c.groupId === g.id),
    ),
  );
}

async function latestRevision(db: Db) {
  const [r] = await db
    .select({ number: competencyCatalogRevisions.number, summary: competencyCatalogRevisions.summary, createdAt: competencyCatalogRevisions.createdAt })
    .from(competencyCatalogRevisions)
    .orderBy(desc(competencyCatalogRevisions.number))
    .limit(1);
  return r;
}

const revisionView = (r: { number: number; summary: string; createdAt: Date }) => ({ number: r.number, summary: r.summary, createdAt: r.createdAt.toISOString() });

/** The catalog now (or as it stood at `revision`), with the labour functions of the standard. */
export async function getCatalog(db: Db, actor: Actor, q: { revision?: number; includeRetired?: boolean }) {
  const functions = await db.select().from(labourFunctions).orderBy(asc(labourFunctions.position));
  let groups: GroupView[];
  let revision: { number: number; summary: string; createdAt: Date };
  if (q.revision !== undefined) {
    const [r] = await db.select().from(competencyCatalogRevisions).where(eq(competencyCatalogRevisions.number, q.revision));
    if (!r) throw notFound('Редакция справочника компетенций');
    revision = r;
    groups = (r.snapshot as CatalogSnapshot).groups;
  } else {
    revision = await latestRevision(db);
    groups = await currentGroups(db, q.includeRetired ?? false);
  }
  return {
    revision: revisionView(revision),
    labourFunctions: functions.map((f) => ({ code: f.code, name: f.name, generalizedCode: f.generalizedCode, generalizedName: f.generalizedName, standardCode: f.standardCode })),
    groups,
    canEdit: canEditCompetencyCatalog(actor),
  };
}

export async function listCatalogRevisions(db: Db) {
  const rows = await db
    .select({ number: competencyCatalogRevisions.number, summary: competencyCatalogRevisions.summary, createdAt: competencyCatalogRevisions.createdAt, createdBy: competencyCatalogRevisions.createdBy })
    .from(competencyCatalogRevisions)
    .orderBy(desc(competencyCatalogRevisions.number));
  return { items: rows.map(revisionView) };
}

// ───────────── for other modules ─────────────

export interface CompetencyRef {
  id: string;
  code: string;
  name: string;
  groupId: string;
  groupCode: string;
  groupName: string;
  retired: boolean;
}

/** Competencies by id (retired ones too: old results refer to them). */
export async function competenciesByIds(db: Db, ids: string[]): Promise<Map<string, CompetencyRef>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ c: competencies, groupCode: competencyGroups.code, groupName: competencyGroups.name })
    .from(competencies)
    .innerJoin(competencyGroups, eq(competencyGroups.id, competencies.groupId))
    .where(inArray(competencies.id, [...new Set(ids)]));
  return new Map(rows.map(({ c, groupCode, groupName }) => [c.id, { id: c.id, code: c.code, name: c.name, groupId: c.groupId, groupCode, groupName, retired: c.retiredRevision !== null }]));
}

/** The live catalog as references, in catalog order. */
export async function liveCompetencies(db: Db): Promise<CompetencyRef[]> {
  const rows = await db
    .select({ c: competencies, groupCode: competencyGroups.code, groupName: competencyGroups.name })
    .from(competencies)
    .innerJoin(competencyGroups, eq(competencyGroups.id, competencies.groupId))
    .where(and(isNull(competencies.retiredRevision), isNull(competencyGroups.retiredRevision)))
    .orderBy(asc(competencyGroups.position), asc(competencies.position), asc(competencies.code));
  return rows.map(({ c, groupCode, groupName }) => ({ id: c.id, code: c.code, name: c.name, groupId: c.groupId, groupCode, groupName, retired: false }));
}

export async function currentCatalogRevision(db: Db): Promise<number> {
  return (await latestRevision(db)).number;
}

// ───────────── edits ─────────────

export interface GroupInput {
  code: string;
  name: string;
  description?: string | null;
  audience?: CompetencyAudience;
  position?: number;
}
export interface CompetencyInput {
  groupId: string;
  code: string;
  name: string;
  description?: string | null;
  labourFunctionCodes?: string[];
  position?: number;
}

function requireEditor(actor: Actor) {
  if (!canEditCompetencyCatalog(actor)) throw forbidden('Справочник компетенций изменяют администраторы региона');
}

/** Audit entries of the catalog belong to the regions the editor administers. */
const auditPlace = (actor: Actor) => ({ territoryIds: actor.roles.flatMap((r) => (r.role === 'regional_admin' && r.territoryId ? [r.territoryId] : [])) });

/** Runs one catalog edit as the next revision: serialized, so numbers never collide; the change
 *  gets the new number, then the whole live catalog is stored as that revision's snapshot. */
async function asRevision<T>(db: Db, actor: Actor, change: (tx: Db, revision: number) => Promise<{ result: T; summary: string }>): Promise<T> {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    await t.execute(sql`SELECT pg_advisory_xact_lock(hashtext('competency_catalog'))`);
    const [{ n }] = await queryRows<{ n: number }>(t, sql`SELECT coalesce(max(number), 0)::int + 1 AS n FROM competency_catalog_revisions`);
    const { result, summary } = await change(t, n);
    const snapshot: CatalogSnapshot = { groups: await currentGroups(t, false) };
    await t.insert(competencyCatalogRevisions).values({ number: n, summary, snapshot, createdBy: actor.userId });
    return result;
  });
}

async function checkLabourFunctions(db: Db, codes: string[]) {
  if (!codes.length) return;
  const known = new Set((await db.select({ code: labourFunctions.code }).from(labourFunctions)).map((r) => r.code));
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length) throw invalid([{ field: 'labourFunctionCodes', message: `Нет такой трудовой функции в профессиональном стандарте: ${unknown.join(', ')}` }]);
}

const duplicateCode = (code: string) =>
  new AppError(409, 'duplicate_code', `Код «${code}» уже занят (коды не используются повторно, даже исключённые)`, { fields: [{ field: 'code', message: 'Код уже занят' }] });

async function liveGroup(db: Db, id: string) {
  const [g] = await db.select().from(competencyGroups).where(eq(competencyGroups.id, id));
  if (!g || g.retiredRevision !== null) throw invalid([{ field: 'groupId', message: 'Группа компетенций не найдена или исключена' }]);
  return g;
}

export async function createCompetencyGroup(db: Db, actor: Actor, input: GroupInput) {
  requireEditor(actor);
  return asRevision(db, actor, async (t, revision) => {
    const [dup] = await t.select({ id: competencyGroups.id }).from(competencyGroups).where(eq(competencyGroups.code, input.code));
    if (dup) throw duplicateCode(input.code);
    const [{ next }] = await queryRows<{ next: number }>(t, sql`SELECT coalesce(max(position), 0)::int + 1 AS next FROM competency_groups`);
    const [g] = await t
      .insert(competencyGroups)
      .values({ code: input.code, name: input.name, description: input.description ?? null, audience: input.audience ?? 'all', position: input.position ?? next, introducedRevision: revision })
      .returning();
    const view = groupView(g, []);
    await recordAudit(t, actor, { action: 'competency_group.create', entity: 'competency_group', entityId: g.id, ...auditPlace(actor), after: view });
    return { result: view, summary: `Добавлена группа «${g.name}»` };
  });
}

export async function updateCompetencyGroup(db: Db, actor: Actor, id: string, input: Partial<Omit<GroupInput, 'code'>> & { version: number; retired?: boolean }) {
  requireEditor(actor);
  return asRevision(db, actor, async (t, revision) => {
    const [before] = await t.select().from(competencyGroups).where(eq(competencyGroups.id, id));
    if (!before) throw notFound('Группа компетенций');
    if (before.version !== input.version) throw staleVersion();
    const members = await t.select().from(competencies).where(and(eq(competencies.groupId, id), isNull(competencies.retiredRevision)));
    if (input.retired === true && members.length) {
      throw invalid([{ field: 'retired', message: `В группе ${members.length} действующих компетенций: сначала исключите или перенесите их` }]);
    }
    const retiredRevision = input.retired === undefined ? before.retiredRevision : input.retired ? (before.retiredRevision ?? revision) : null;
    const [after] = await t
      .update(competencyGroups)
      .set({
        name: input.name ?? before.name,
        description: input.description === undefined ? before.description : input.description,
        audience: input.audience ?? before.audience,
        position: input.position ?? before.position,
        retiredRevision,
        version: before.version + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(competencyGroups.id, id), eq(competencyGroups.version, input.version)))
      .returning();
    if (!after) throw staleVersion();
    const view = groupView(after, members);
    await recordAudit(t, actor, { action: 'competency_group.update', entity: 'competency_group', entityId: id, ...auditPlace(actor), before: groupView(before, members), after: view });
    return { result: view, summary: input.retired && !before.retiredRevision ? `Исключена группа «${before.name}»` : `Изменена группа «${after.name}»` };
  });
}

export async function createCompetency(db: Db, actor: Actor, input: CompetencyInput) {
  requireEditor(actor);
  return asRevision(db, actor, async (t, revision) => {
    await liveGroup(t, input.groupId);
    await checkLabourFunctions(t, input.labourFunctionCodes ?? []);
    const [dup] = await t.select({ id: competencies.id }).from(competencies).where(eq(competencies.code, input.code));
    if (dup) throw duplicateCode(input.code);
    const [{ next }] = await queryRows<{ next: number }>(t, sql`SELECT coalesce(max(position), 0)::int + 1 AS next FROM competencies WHERE group_id = ${input.groupId}`);
    const [c] = await t
      .insert(competencies)
      .values({
        groupId: input.groupId,
        code: input.code,
        name: input.name,
        description: input.description ?? null,
        labourFunctionCodes: input.labourFunctionCodes ?? [],
        position: input.position ?? next,
        introducedRevision: revision,
      })
      .returning();
    const view = competencyView(c);
    await recordAudit(t, actor, { action: 'competency.create', entity: 'competency', entityId: c.id, ...auditPlace(actor), after: view });
    return { result: view, summary: `Добавлена компетенция ${c.code} «${c.name}»` };
  });
}

export async function updateCompetency(db: Db, actor: Actor, id: string, input: Partial<Omit<CompetencyInput, 'code'>> & { version: number; retired?: boolean }) {
  requireEditor(actor);
  return asRevision(db, actor, async (t, revision) => {
    const [before] = await t.select().from(competencies).where(eq(competencies.id, id));
    if (!before) throw notFound('Компетенция');
    if (before.version !== input.version) throw staleVersion();
    if ((input.groupId && input.groupId !== before.groupId) || (input.retired === false && before.retiredRevision !== null)) await liveGroup(t, input.groupId ?? before.groupId);
    if (input.labourFunctionCodes) await checkLabourFunctions(t, input.labourFunctionCodes);
    const retiredRevision = input.retired === undefined ? before.retiredRevision : input.retired ? (before.retiredRevision ?? revision) : null;
    const [after] = await t
      .update(competencies)
      .set({
        groupId: input.groupId ?? before.groupId,
        name: input.name ?? before.name,
        description: input.description === undefined ? before.description : input.description,
        labourFunctionCodes: input.labourFunctionCodes ?? before.labourFunctionCodes,
        position: input.position ?? before.position,
        retiredRevision,
        version: before.version + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(competencies.id, id), eq(competencies.version, input.version)))
      .returning();
    if (!after) throw staleVersion();
    const view = competencyView(after);
    await recordAudit(t, actor, { action: 'competency.update', entity: 'competency', entityId: id, ...auditPlace(actor), before: competencyView(before), after: view });
    const summary = input.retired && !before.retiredRevision ? `Исключена компетенция ${before.code} «${before.name}»` : `Изменена компетенция ${after.code} «${after.name}»`;
    return { result: view, summary };
  });
}
