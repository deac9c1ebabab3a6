import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { documents, documentStatusChanges, documentParties, documentActivityLinks, documentOrganizationLinks, type documentKinds, type documentLevels } from './documents.schema.js';
import { organizations } from '../organizations/organizations.schema.js';
import { territories } from '../territories/territories.schema.js';
import { users } from '../auth/auth.schema.js';
import { canAdministerOrganization, levelRecordVisible, organizationVisible, roadmapVisible, type Actor } from '../../lib/access.js';
import { AppError, forbidden, invalid, notFound, staleVersion } from '../../lib/errors.js';
import { keysetAfter, keysetOrder, pageFrom, type KeysetSort } from '../../lib/paging.js';
import { escapeLike, searchWords } from '../../lib/search.js';
import { documentTransitions, type DocumentStatus } from '../../../common/dictionaries.js';
import { recordAudit } from '../audit/audit.service.js';
import { filesMeta, readStoredFile, storeFiles, type UploadedFile } from '../files/files.service.js';
import { loadActivity } from '../roadmaps/roadmap-execution.service.js';

/**
 * Normative documents (ADR 0019): orders, regulations, agreements with their parties, local acts.
 * A document is issued by an organization (its owner) and read by the roadmap rule; the owner's
 * administrators edit it, move it through draft → approved → in force → superseded, attach its
 * file and link it as evidence to roadmap activities and organizations.
 */

export type DocumentKind = (typeof documentKinds)[number];
export type DocumentLevel = (typeof documentLevels)[number];

export interface DocumentInput {
  kind: DocumentKind;
  title: string;
  number?: string | null;
  docDate?: string | null;
  validFrom?: string | null;
  summary?: string | null;
  ownerOrganizationId: string;
  level?: DocumentLevel;
  parties?: { organizationId?: string | null; name?: string | null }[];
}

export interface DocumentQuery {
  q?: string;
  kind?: DocumentKind;
  status?: DocumentStatus;
  level?: DocumentLevel;
  territoryId?: string;
  ownerOrganizationId?: string;
  activityId?: string;
  linkedOrganizationId?: string;
  limit: number;
  cursor?: string;
}

type DocumentRow = typeof documents.$inferSelect;
const ownerCols = { id: organizations.id, shortName: organizations.shortName, territoryId: organizations.territoryId, path: organizations.path, kind: organizations.kind };
type Owner = { id: string; shortName: string; territoryId: string; path: string[]; kind: string };

const visible = (actor: Actor) => levelRecordVisible(actor, { level: documents.level, territoryId: documents.territoryId, ownerOrganizationId: documents.ownerOrganizationId });

/** Bodies that issue documents for their whole territory; any other owner issues local acts. */
const territoryBodies = ['ministry', 'development_institute', 'cnppm', 'coko', 'municipal_authority', 'methodological_service'];

// ───────────── reading ─────────────

const docSort: KeysetSort = { keys: [sql`coalesce(${documents.docDate}::text, '')`, sql`${documents.id}`], desc: true };

function documentFilter(actor: Actor, q: Omit<DocumentQuery, 'limit' | 'cursor'>): SQL | undefined {
  return and(
    visible(actor),
    q.kind ? eq(documents.kind, q.kind) : undefined,
    q.status ? eq(documents.status, q.status) : undefined,
    q.level ? eq(documents.level, q.level) : undefined,
    q.territoryId ? sql`${documents.territoryId} IN (SELECT id FROM territories WHERE ${q.territoryId} = ANY(path))` : undefined,
    q.ownerOrganizationId ? eq(documents.ownerOrganizationId, q.ownerOrganizationId) : undefined,
    q.activityId ? sql`${documents.id} IN (SELECT document_id FROM document_activity_links WHERE activity_id = ${q.activityId})` : undefined,
    q.linkedOrganizationId
      ? sql`(${documents.id} IN (SELECT document_id FROM document_organization_links WHERE organization_id = ${q.linkedOrganizationId})
            OR ${documents.id} IN (SELECT document_id FROM document_parties WHERE organization_id = ${q.linkedOrganizationId}))`
      : undefined,
    ...searchWords(q.q).map((w) => sql`(${documents.title} ILIKE ${'%' + escapeLike(w) + '%'} OR ${documents.number} ILIKE ${escapeLike(w) + '%'})`),
  );
}

function listView(d: DocumentRow, ownerName: string, territoryName: string, fileName: string | null) {
  return {
    id: d.id,
    kind: d.kind,
    title: d.title,
    number: d.number,
    docDate: d.docDate,
    status: d.status,
    level: d.level,
    ownerOrganizationId: d.ownerOrganizationId,
    ownerName,
    territoryId: d.territoryId,
    territoryName,
    fileName,
    supersededById: d.supersededById,
    version: d.version,
  };
}
export type DocumentListItem = ReturnType<typeof listView>;

export async function findDocuments(db: Db, actor: Actor, q: DocumentQuery) {
  const where = documentFilter(actor, q);
  const rows = await db
    .select({ d: documents, ownerName: organizations.shortName, territoryName: territories.name, fileName: sql<string | null>`(SELECT name FROM stored_files WHERE id = ${documents.fileId})` })
    .from(documents)
    .innerJoin(organizations, eq(organizations.id, documents.ownerOrganizationId))
    .innerJoin(territories, eq(territories.id, documents.territoryId))
    .where(and(where, keysetAfter(docSort, q.cursor)))
    .orderBy(keysetOrder(docSort))
    .limit(q.limit + 1);
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(documents).where(where);
  const page = pageFrom(rows, q.limit, (r) => [r.d.docDate ?? '', r.d.id]);
  return { items: page.items.map((r) => listView(r.d, r.ownerName, r.territoryName, r.fileName)), nextCursor: page.nextCursor, total };
}

/** A document with its owner; 404 outside the read rule, 403 on 'write' for those who do not
 *  administer the owner. */
async function loadDocument(db: Db, actor: Actor, id: string, mode: 'read' | 'write' = 'read') {
  const [row] = await db
    .select({ document: documents, owner: ownerCols, territoryName: territories.name })
    .from(documents)
    .innerJoin(organizations, eq(organizations.id, documents.ownerOrganizationId))
    .innerJoin(territories, eq(territories.id, documents.territoryId))
    .where(and(eq(documents.id, id), visible(actor)));
  if (!row) throw notFound('Документ');
  if (mode === 'write' && !canAdministerOrganization(actor, row.owner)) throw forbidden('Изменять документ могут администраторы организации, издавшей его');
  return row;
}
type LoadedDocument = Awaited<ReturnType<typeof loadDocument>>;
const auditPlace = (l: { owner: Owner }) => ({ territoryIds: [l.owner.territoryId], organizationIds: l.owner.path });

export async function getDocument(db: Db, actor: Actor, id: string) {
  const loaded = await loadDocument(db, actor, id);
  const d = loaded.document;
  const activityVisible = roadmapVisible(actor, { level: sql`r.level`, territoryId: sql`r.territory_id`, ownerOrganizationId: sql`r.owner_organization_id` });
  const related = (where: SQL) =>
    db.select({ id: documents.id, kind: documents.kind, title: documents.title, number: documents.number, docDate: documents.docDate, status: documents.status }).from(documents).where(and(where, visible(actor)));
  const [parties, activityLinks, organizationLinks, history, files, supersededBy, supersedes] = await Promise.all([
    db.select().from(documentParties).where(eq(documentParties.documentId, id)).orderBy(asc(documentParties.position)),
    queryRows<{ id: string; activity_id: string; number: string; title: string; roadmap_id: string; roadmap_title: string; note: string | null }>(
      db,
      sql`SELECT l.id, l.activity_id, a.number, a.title, r.id AS roadmap_id, r.title AS roadmap_title, l.note
          FROM document_activity_links l JOIN roadmap_activities a ON a.id = l.activity_id JOIN roadmaps r ON r.id = a.roadmap_id
          WHERE l.document_id = ${id} AND ${activityVisible} ORDER BY r.title, a.position`,
    ),
    db
      .select({ id: documentOrganizationLinks.id, organizationId: documentOrganizationLinks.organizationId, organizationName: organizations.shortName, purpose: documentOrganizationLinks.purpose })
      .from(documentOrganizationLinks)
      .innerJoin(organizations, eq(organizations.id, documentOrganizationLinks.organizationId))
      .where(eq(documentOrganizationLinks.documentId, id))
      .orderBy(asc(organizations.shortName)),
    db
      .select({ fromStatus: documentStatusChanges.fromStatus, toStatus: documentStatusChanges.toStatus, comment: documentStatusChanges.comment, changedAt: documentStatusChanges.changedAt, changedBy: users.displayName })
      .from(documentStatusChanges)
      .leftJoin(users, eq(users.id, documentStatusChanges.changedBy))
      .where(eq(documentStatusChanges.documentId, id))
      .orderBy(asc(documentStatusChanges.changedAt), asc(documentStatusChanges.id)),
    filesMeta(db, d.fileId ? [d.fileId] : []),
    d.supersededById ? related(eq(documents.id, d.supersededById)) : Promise.resolve([]),
    related(eq(documents.supersededById, id)),
  ]);
  const canEdit = canAdministerOrganization(actor, loaded.owner);
  return {
    ...listView(d, loaded.owner.shortName, loaded.territoryName, files[0]?.name ?? null),
    validFrom: d.validFrom,
    summary: d.summary,
    file: files[0] ?? null,
    parties: parties.map((p) => ({ organizationId: p.organizationId, name: p.name })),
    activityLinks: activityLinks.map((l) => ({ id: l.id, activityId: l.activity_id, number: l.number, title: l.title, roadmapId: l.roadmap_id, roadmapTitle: l.roadmap_title, note: l.note })),
    organizationLinks,
    history: history.map((h) => ({ ...h, changedAt: h.changedAt.toISOString() })),
    supersededBy: supersededBy[0] ?? null,
    supersedes,
    canEdit,
    allowedStatuses: canEdit ? documentTransitions[d.status] : [],
  };
}
export type DocumentDetail = Awaited<ReturnType<typeof getDocument>>;

// ───────────── writing ─────────────

async function loadOwner(db: Db, actor: Actor, id: string): Promise<Owner & { territoryKind: string }> {
  const [owner] = await db
    .select({ ...ownerCols, territoryKind: territories.kind })
    .from(organizations)
    .innerJoin(territories, eq(territories.id, organizations.territoryId))
    .where(eq(organizations.id, id));
  if (!owner || !canAdministerOrganization(actor, owner)) {
    throw invalid([{ field: 'ownerOrganizationId', message: 'Издателем документа может быть только организация, которую вы администрируете' }]);
  }
  return owner;
}

/** The level a document of this owner takes: a regional or municipal body issues for its
 *  territory, any other organization — its local acts. An explicit level must fit the owner. */
export function levelFor(owner: { kind: string; territoryKind: string }, wanted?: DocumentLevel): DocumentLevel {
  const territoryLevel: DocumentLevel = owner.territoryKind === 'region' ? 'regional' : 'municipal';
  if (!wanted) return territoryBodies.includes(owner.kind) ? territoryLevel : 'organization';
  if (wanted !== 'organization' && wanted !== territoryLevel) {
    throw invalid([{ field: 'level', message: `Организация ${owner.territoryKind === 'region' ? 'региона' : 'муниципалитета'} издаёт ${territoryLevel === 'regional' ? 'региональные' : 'муниципальные'} документы или документы организации` }]);
  }
  return wanted;
}

/** Parties: an organization of the registry the actor sees (its short name is kept) or a name. */
async function checkParties(db: Db, actor: Actor, parties: NonNullable<DocumentInput['parties']>) {
  const ids = parties.flatMap((p) => (p.organizationId ? [p.organizationId] : []));
  const found = ids.length
    ? await db
        .select({ id: organizations.id, shortName: organizations.shortName })
        .from(organizations)
        .where(and(inArray(organizations.id, ids), organizationVisible(actor, { id: organizations.id, territoryId: organizations.territoryId })))
    : [];
  return parties.map((p, i) => {
    if (p.organizationId) {
      const org = found.find((o) => o.id === p.organizationId);
      if (!org) throw invalid([{ field: `parties.${i}.organizationId`, message: 'Организация не найдена или недоступна' }]);
      return { organizationId: org.id, name: p.name?.trim() || org.shortName };
    }
    if (!p.name?.trim()) throw invalid([{ field: `parties.${i}.name`, message: 'Укажите наименование стороны или выберите организацию' }]);
    return { organizationId: null, name: p.name.trim() };
  });
}

async function writeParties(db: Db, documentId: string, parties: { organizationId: string | null; name: string }[]) {
  await db.delete(documentParties).where(eq(documentParties.documentId, documentId));
  if (parties.length) await db.insert(documentParties).values(parties.map((p, position) => ({ documentId, ...p, position })));
}

function checkDates(input: { docDate?: string | null; validFrom?: string | null }) {
  if (input.docDate && input.validFrom && input.validFrom < input.docDate) throw invalid([{ field: 'validFrom', message: 'Дата вступления в силу не может быть раньше даты документа' }]);
}

export async function createDocument(db: Db, actor: Actor, input: DocumentInput) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const owner = await loadOwner(t, actor, input.ownerOrganizationId);
    const level = levelFor(owner, input.level);
    checkDates(input);
    const parties = await checkParties(t, actor, input.parties ?? []);
    const [d] = await t
      .insert(documents)
      .values({
        kind: input.kind,
        title: input.title,
        number: input.number ?? null,
        docDate: input.docDate ?? null,
        validFrom: input.validFrom ?? null,
        summary: input.summary ?? null,
        level,
        ownerOrganizationId: owner.id,
        territoryId: owner.territoryId,
        createdBy: actor.userId,
      })
      .returning();
    await writeParties(t, d.id, parties);
    await t.insert(documentStatusChanges).values({ documentId: d.id, fromStatus: null, toStatus: 'draft', changedBy: actor.userId });
    const after = await getDocument(t, actor, d.id);
    await recordAudit(t, actor, { action: 'document.create', entity: 'document', entityId: d.id, ...auditPlace({ owner }), after });
    return after;
  });
}

/** A document in force or superseded is a historical record: it is changed by issuing another one. */
function assertEditable(d: DocumentRow) {
  if (d.status === 'in_force' || d.status === 'superseded') {
    throw new AppError(409, 'document_locked', 'Действующий или утративший силу документ не изменяется: издайте новый документ и отметьте, что он заменяет этот');
  }
}

export async function updateDocument(db: Db, actor: Actor, id: string, input: Partial<Omit<DocumentInput, 'ownerOrganizationId' | 'level'>> & { version: number }) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const loaded = await loadDocument(t, actor, id, 'write');
    const d = loaded.document;
    if (d.version !== input.version) throw staleVersion();
    assertEditable(d);
    const next = { docDate: input.docDate === undefined ? d.docDate : input.docDate, validFrom: input.validFrom === undefined ? d.validFrom : input.validFrom };
    checkDates(next);
    const parties = input.parties ? await checkParties(t, actor, input.parties) : null;
    const before = await getDocument(t, actor, id);
    await t
      .update(documents)
      .set({
        kind: input.kind ?? d.kind,
        title: input.title ?? d.title,
        number: input.number === undefined ? d.number : input.number,
        docDate: next.docDate,
        validFrom: next.validFrom,
        summary: input.summary === undefined ? d.summary : input.summary,
        version: d.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(documents.id, id));
    if (parties) await writeParties(t, id, parties);
    const after = await getDocument(t, actor, id);
    await recordAudit(t, actor, { action: 'document.update', entity: 'document', entityId: id, ...auditPlace(loaded), before, after });
    return after;
  });
}

export interface StatusChange {
  version: number;
  status: DocumentStatus;
  supersededById?: string | null;
  comment?: string | null;
}

/** Moves a document along draft → approved → in force → superseded (ADR 0019). */
export async function changeDocumentStatus(db: Db, actor: Actor, id: string, change: StatusChange) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const loaded = await loadDocument(t, actor, id, 'write');
    const d = loaded.document;
    if (d.version !== change.version) throw staleVersion();
    if (!documentTransitions[d.status].includes(change.status)) {
      throw new AppError(409, 'bad_transition', `Из статуса «${statusLabel[d.status]}» нельзя перейти в «${statusLabel[change.status]}»`);
    }
    if (change.status !== 'draft' && change.status !== 'superseded') {
      const missing = [!d.number && { field: 'number', message: 'Укажите номер документа' }, !d.docDate && { field: 'docDate', message: 'Укажите дату документа' }].filter(Boolean) as { field: string; message: string }[];
      if (missing.length) throw invalid(missing, 'Утвердить можно документ с номером и датой');
      if (d.kind === 'agreement') {
        const [{ n }] = await queryRows<{ n: number }>(t, sql`SELECT count(*)::int AS n FROM document_parties WHERE document_id = ${id}`);
        if (n < 2) throw invalid([{ field: 'parties', message: 'У соглашения должно быть не менее двух сторон' }], 'Укажите стороны соглашения');
      }
    }
    let supersededById: string | null = null;
    if (change.status === 'superseded') {
      if (!change.supersededById) throw invalid([{ field: 'supersededById', message: 'Укажите документ, который заменяет этот' }]);
      if (change.supersededById === id) throw invalid([{ field: 'supersededById', message: 'Документ не может заменять сам себя' }]);
      const [replacement] = await t.select({ id: documents.id, status: documents.status }).from(documents).where(and(eq(documents.id, change.supersededById), visible(actor)));
      if (!replacement) throw invalid([{ field: 'supersededById', message: 'Заменяющий документ не найден или недоступен' }]);
      if (replacement.status !== 'approved' && replacement.status !== 'in_force') {
        throw invalid([{ field: 'supersededById', message: 'Заменяющий документ должен быть утверждён или действовать' }]);
      }
      supersededById = replacement.id;
    }
    await t.update(documents).set({ status: change.status, supersededById, version: d.version + 1, updatedAt: new Date() }).where(eq(documents.id, id));
    await t.insert(documentStatusChanges).values({ documentId: id, fromStatus: d.status, toStatus: change.status, comment: change.comment ?? null, changedBy: actor.userId });
    const after = await getDocument(t, actor, id);
    await recordAudit(t, actor, { action: 'document.status', entity: 'document', entityId: id, ...auditPlace(loaded), before: { status: d.status }, after: { status: change.status, supersededById, comment: change.comment ?? null } });
    return after;
  });
}
const statusLabel: Record<DocumentStatus, string> = { draft: 'Проект', approved: 'Утверждён', in_force: 'Действует', superseded: 'Утратил силу' };

/** Attaches (or replaces) the document's file; the upload passes the common checks (type by
 *  content, size, office archive limits). */
export async function attachDocumentFile(db: Db, actor: Actor, id: string, file: UploadedFile, maxBytes: number) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const loaded = await loadDocument(t, actor, id, 'write');
    assertEditable(loaded.document);
    const [stored] = await storeFiles(t, actor, [file], { maxFiles: 1, maxBytes });
    await t.update(documents).set({ fileId: stored.id, version: loaded.document.version + 1, updatedAt: new Date() }).where(eq(documents.id, id));
    // the replaced file belonged to this document alone
    if (loaded.document.fileId) await t.execute(sql`DELETE FROM stored_files WHERE id = ${loaded.document.fileId}`);
    await recordAudit(t, actor, { action: 'document.file', entity: 'document', entityId: id, ...auditPlace(loaded), after: { file: stored } });
    return getDocument(t, actor, id);
  });
}

export async function readDocumentFile(db: Db, actor: Actor, id: string) {
  const loaded = await loadDocument(db, actor, id);
  const file = loaded.document.fileId ? await readStoredFile(db, loaded.document.fileId) : null;
  if (!file) throw new AppError(404, 'not_found', 'К документу не приложен файл');
  return file;
}

// ───────────── evidence links ─────────────

/** Links the document as evidence to an activity the actor reads (its roadmap's rule). */
export async function linkActivity(db: Db, actor: Actor, id: string, input: { activityId: string; note?: string | null }) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const loaded = await loadDocument(t, actor, id, 'write');
    try {
      await loadActivity(t, actor, input.activityId);
    } catch (e) {
      if (e instanceof AppError && e.status === 404) throw invalid([{ field: 'activityId', message: 'Мероприятие дорожной карты не найдено или недоступно' }]);
      throw e;
    }
    const [link] = await t
      .insert(documentActivityLinks)
      .values({ documentId: id, activityId: input.activityId, note: input.note ?? null, createdBy: actor.userId })
      .onConflictDoNothing()
      .returning();
    if (!link) throw new AppError(409, 'duplicate_link', 'Документ уже связан с этим мероприятием');
    await recordAudit(t, actor, { action: 'document.link_activity', entity: 'document', entityId: id, ...auditPlace(loaded), after: { activityId: input.activityId, note: input.note ?? null } });
    return getDocument(t, actor, id);
  });
}

/** Links the document to an organization the actor sees, with the purpose in words. */
export async function linkOrganization(db: Db, actor: Actor, id: string, input: { organizationId: string; purpose: string }) {
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const loaded = await loadDocument(t, actor, id, 'write');
    const [org] = await t
      .select({ id: organizations.id })
      .from(organizations)
      .where(and(eq(organizations.id, input.organizationId), organizationVisible(actor, { id: organizations.id, territoryId: organizations.territoryId })));
    if (!org) throw invalid([{ field: 'organizationId', message: 'Организация не найдена или недоступна' }]);
    const [link] = await t
      .insert(documentOrganizationLinks)
      .values({ documentId: id, organizationId: org.id, purpose: input.purpose, createdBy: actor.userId })
      .onConflictDoNothing()
      .returning();
    if (!link) throw new AppError(409, 'duplicate_link', 'Документ уже связан с этой организацией');
    await recordAudit(t, actor, { action: 'document.link_organization', entity: 'document', entityId: id, ...auditPlace(loaded), after: { organizationId: org.id, purpose: input.purpose } });
    return getDocument(t, actor, id);
  });
}

/** Removes a link; the document's writers decide (404 when the document is not visible). */
export async function unlink(db: Db, actor: Actor, kind: 'activity' | 'organization', linkId: string) {
  const table = kind === 'activity' ? documentActivityLinks : documentOrganizationLinks;
  return db.transaction(async (tx) => {
    const t = tx as Db;
    const [link] = await t.select().from(table).where(eq(table.id, linkId));
    if (!link) throw notFound('Связь документа');
    let loaded: LoadedDocument;
    try {
      loaded = await loadDocument(t, actor, link.documentId, 'write');
    } catch (e) {
      if (e instanceof AppError && e.status === 404) throw notFound('Связь документа');
      throw e;
    }
    await t.delete(table).where(eq(table.id, linkId));
    await recordAudit(t, actor, { action: `document.unlink_${kind}`, entity: 'document', entityId: link.documentId, ...auditPlace(loaded), before: link });
    return getDocument(t, actor, link.documentId);
  });
}
