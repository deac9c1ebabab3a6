import { eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { canAdministerPrivacy, canWriteAt, isAdministrator, isPrivacyAdministrator, scopeRootTerritories, uuidParam, type Actor } from '../../lib/access.js';
import { AppError, forbidden, invalid, notFound, staleVersion } from '../../lib/errors.js';
import { todayIso } from '../../lib/dates.js';
import { roles as dictRoles, type Role } from '../../../common/dictionaries.js';
import { recordAudit } from '../audit/audit.service.js';
import { erasedMark, personalDataStores, type Retention, type SubjectLink } from './personal-data-registry.js';
import { defaultLegalBasis, defaultPurpose, destructionActs, legalBases, personalDataBlocks, personalDataConsents, personalDataProcessing, type LegalBasis } from './privacy.schema.js';
import { fullNameCases, type FullName } from '../../lib/russian-names.js';

/** Secrets are never handed out, not even to their owner: they would be keys, not data. */
const withheld = new Set(['password_hash', 'token_hash', 'content']);

const ident = (name: string) => sql.raw(`"${name.replace(/"/g, '""')}"`);

export interface SubjectExport {
  person: { id: string; fullName: string };
  exportedAt: string;
  exportedBy: string;
  /** Every declared store that holds rows about the person, with those rows. */
  stores: { table: string; purpose: string; rows: Record<string, unknown>[] }[];
  /** From the audit: who read, changed or exported the person's card, and when. */
  disclosures: { at: string; login: string | null; action: string }[];
  note: string;
}

/**
 * Everything held on a person, for their request under 152-ФЗ (ADR 0023): the walk follows the
 * registry of stores, so a new table with personal data is exported as soon as it is declared.
 * The person themself or an administrator over them may ask; anyone else gets 404.
 */
export async function exportSubject(db: Db, actor: Actor, staffId: string): Promise<SubjectExport> {
  const found = await personFor(db, actor, staffId, 'self_or_admin');
  const person = { ...found, full_name: [found.surname, found.name, found.patronymic].filter(Boolean).join(' ') };
  const userIds = (await queryRows<{ id: string }>(db, sql`SELECT id FROM users WHERE staff_id = ${staffId}`)).map((u) => u.id);
  const idsFor = (link: SubjectLink) => (link.via === 'staff' ? [staffId] : userIds);

  const stores: SubjectExport['stores'] = [];
  for (const [table, store] of Object.entries(personalDataStores)) {
    const links = (store.subject ?? []).filter((l) => idsFor(l).length > 0);
    if (!links.length) continue;
    const where = sql.join(
      links.map((l) => sql`t.${ident(l.column)} = ANY(${sql.param(idsFor(l))}::uuid[])`),
      sql` OR `,
    );
    const rows = await queryRows<{ row: Record<string, unknown> }>(db, sql`SELECT to_jsonb(t) AS row FROM ${ident(table)} t WHERE ${where}`);
    if (!rows.length) continue;
    stores.push({
      table,
      purpose: store.purpose,
      rows: rows.map(({ row }) => Object.fromEntries(Object.entries(row).filter(([k]) => !withheld.has(k)))),
    });
  }
  const disclosures = await queryRows<{ at: string; login: string | null; action: string }>(
    db,
    sql`SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at, login, action FROM audit_log
        WHERE entity_id = ${staffId} AND (action LIKE '%.read' OR action LIKE '%.export' OR action LIKE '%.update' OR action LIKE '%.create')
        ORDER BY at`,
  );
  await recordAudit(db, actor, {
    action: 'staff.subject_export',
    entity: 'staff',
    entityId: staffId,
    territoryIds: person.territory_ids,
    organizationIds: person.organization_ids,
    after: { stores: stores.map((s) => s.table) },
  });
  return {
    person: { id: person.id, fullName: person.full_name },
    exportedAt: new Date().toISOString(),
    exportedBy: actor.login,
    stores,
    disclosures,
    note: 'Выгрузки списков (реестр, охват) фиксируются в журнале аудита по фильтрам, без перечня людей: такие выгрузки здесь не перечислены.',
  };
}

// ---------------------------------------------------------------------------------------------
// Legal basis, consent, blocking, destruction, retention, who has access (ADR 0028)
// ---------------------------------------------------------------------------------------------

interface PersonRow {
  id: string;
  surname: string;
  name: string;
  patronymic: string | null;
  birth_date: string | null;
  email: string | null;
  phone: string | null;
  snils: string | null;
  territory_ids: string[];
  organization_ids: string[];
  blocked: boolean;
}

async function personRow(db: Db, staffId: string): Promise<PersonRow | undefined> {
  const [p] = await queryRows<PersonRow>(
    db,
    sql`SELECT s.id, s.surname, s.name, s.patronymic, s.birth_date::text AS birth_date, s.email, s.phone, s.snils, s.territory_ids, s.organization_ids,
          EXISTS (SELECT 1 FROM personal_data_blocks b WHERE b.staff_id = s.id) AS blocked
        FROM staff s WHERE s.id = ${staffId}`,
  );
  return p;
}

const placeOf = (p: PersonRow) => ({ territoryIds: p.territory_ids, organizationIds: p.organization_ids });

/** The person, for the person themself or an administrator over them; a blocked person only for
 *  the privacy administrators (everyone else: 404, as if absent). */
async function personFor(db: Db, actor: Actor, staffId: string, need: 'self_or_admin' | 'privacy'): Promise<PersonRow> {
  const p = await personRow(db, staffId);
  if (!p) throw notFound('Работник');
  const privacy = canAdministerPrivacy(actor, placeOf(p));
  const allowed = need === 'privacy' ? privacy : privacy || (!p.blocked && (actor.staffId === staffId || canWriteAt(actor, placeOf(p))));
  if (!allowed) {
    // visible but not theirs to change: 403; invisible: 404
    if (need === 'privacy' && !p.blocked && canWriteAt(actor, placeOf(p))) throw forbidden('Блокировать, уничтожать и менять основание обработки персональных данных может администратор региона');
    throw notFound('Работник');
  }
  return p;
}

export interface PrivacyCard {
  staffId: string;
  legalBasis: LegalBasis;
  legalBasisName: string;
  purpose: string;
  basisVersion: number;
  basisUpdatedAt: string | null;
  consent: ConsentView | null;
  consents: ConsentView[];
  blocked: { reason: string; blockedAt: string; blockedBy: string | null } | null;
  destructionActs: { id: string; number: number; actDate: string }[];
  canAdminister: boolean;
}
export interface ConsentView {
  id: string;
  status: 'given' | 'withdrawn';
  textVersion: string;
  effectiveOn: string;
  note: string | null;
  recordedAt: string;
  recordedBy: string | null;
}

/** What the person's card shows about the processing of their data. */
export async function getPrivacyCard(db: Db, actor: Actor, staffId: string): Promise<PrivacyCard> {
  const p = await personFor(db, actor, staffId, 'self_or_admin');
  const [basis] = await queryRows<{ legal_basis: LegalBasis; purpose: string; version: number; updated_at: string }>(
    db,
    sql`SELECT legal_basis, purpose, version, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at FROM personal_data_processing WHERE staff_id = ${staffId}`,
  );
  const consents = await queryRows<{ id: string; status: 'given' | 'withdrawn'; text_version: string; effective_on: string; note: string | null; recorded_at: string; recorded_by: string | null }>(
    db,
    sql`SELECT c.id, c.status, c.text_version, c.effective_on::text AS effective_on, c.note,
          to_char(c.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at, u.display_name AS recorded_by
        FROM personal_data_consents c LEFT JOIN users u ON u.id = c.recorded_by
        WHERE c.staff_id = ${staffId} ORDER BY c.recorded_at DESC, c.id`,
  );
  const [block] = await queryRows<{ reason: string; blocked_at: string; blocked_by: string | null }>(
    db,
    sql`SELECT b.reason, to_char(b.blocked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS blocked_at, u.display_name AS blocked_by
        FROM personal_data_blocks b LEFT JOIN users u ON u.id = b.blocked_by WHERE b.staff_id = ${staffId}`,
  );
  const acts = await queryRows<{ id: string; number: number; act_date: string }>(db, sql`SELECT id, number, act_date::text AS act_date FROM destruction_acts WHERE staff_id = ${staffId} ORDER BY number`);
  const view = consents.map((c) => ({ id: c.id, status: c.status, textVersion: c.text_version, effectiveOn: c.effective_on, note: c.note, recordedAt: c.recorded_at, recordedBy: c.recorded_by }));
  return {
    staffId,
    legalBasis: basis?.legal_basis ?? defaultLegalBasis,
    legalBasisName: legalBases[basis?.legal_basis ?? defaultLegalBasis],
    purpose: basis?.purpose ?? defaultPurpose,
    basisVersion: basis?.version ?? 0,
    basisUpdatedAt: basis?.updated_at ?? null,
    consent: view[0] ?? null,
    consents: view,
    blocked: block ? { reason: block.reason, blockedAt: block.blocked_at, blockedBy: block.blocked_by } : null,
    destructionActs: acts.map((a) => ({ id: a.id, number: Number(a.number), actDate: a.act_date })),
    canAdminister: canAdministerPrivacy(actor, placeOf(p)),
  };
}

/** A new consent record (given or withdrawn): the history is never rewritten. The person records
 *  their own; an administrator over them records a paper one. */
export async function recordConsent(
  db: Db,
  actor: Actor,
  staffId: string,
  input: { status: 'given' | 'withdrawn'; textVersion: string; effectiveOn: string; note?: string | null },
): Promise<PrivacyCard> {
  const p = await personFor(db, actor, staffId, 'self_or_admin');
  if (input.effectiveOn > todayIso()) throw invalid([{ field: 'effectiveOn', message: 'Дата согласия не может быть в будущем' }]);
  await db.transaction(async (t) => {
    await t.insert(personalDataConsents).values({ staffId, status: input.status, textVersion: input.textVersion.trim(), effectiveOn: input.effectiveOn, note: input.note?.trim() || null, recordedBy: actor.userId });
    await recordAudit(t as unknown as Db, actor, { action: `privacy.consent_${input.status}`, entity: 'staff', entityId: staffId, ...placeOf(p), after: { status: input.status, textVersion: input.textVersion, effectiveOn: input.effectiveOn } });
  });
  return getPrivacyCard(db, actor, staffId);
}

/** The legal basis and purpose of processing the person's data (privacy administrators). */
export async function setProcessingBasis(db: Db, actor: Actor, staffId: string, input: { legalBasis: LegalBasis; purpose: string; version: number }): Promise<PrivacyCard> {
  const p = await personFor(db, actor, staffId, 'privacy');
  await db.transaction(async (t) => {
    const [current] = await t.select().from(personalDataProcessing).where(eq(personalDataProcessing.staffId, staffId));
    if ((current?.version ?? 0) !== input.version) throw staleVersion();
    const values = { legalBasis: input.legalBasis, purpose: input.purpose.trim(), updatedBy: actor.userId, updatedAt: new Date() };
    if (current) await t.update(personalDataProcessing).set({ ...values, version: current.version + 1 }).where(eq(personalDataProcessing.staffId, staffId));
    else await t.insert(personalDataProcessing).values({ staffId, ...values });
    await recordAudit(t as unknown as Db, actor, {
      action: 'privacy.basis',
      entity: 'staff',
      entityId: staffId,
      ...placeOf(p),
      before: current ? { legalBasis: current.legalBasis, purpose: current.purpose } : null,
      after: { legalBasis: input.legalBasis, purpose: input.purpose },
    });
  });
  return getPrivacyCard(db, actor, staffId);
}

/** Is the processing of this person's data blocked? (Sign-in refuses their account.) */
export async function isProcessingBlocked(db: Db, staffId: string | null): Promise<boolean> {
  if (!staffId) return false;
  return (await db.select({ id: personalDataBlocks.staffId }).from(personalDataBlocks).where(eq(personalDataBlocks.staffId, staffId))).length > 0;
}

/** Blocking: the person drops out of every list and search but the privacy administrators',
 *  writes about them are refused, their account cannot sign in and its sessions end. */
export async function blockPerson(db: Db, actor: Actor, staffId: string, reason: string): Promise<PrivacyCard> {
  const p = await personFor(db, actor, staffId, 'privacy');
  if (p.blocked) throw new AppError(409, 'already_blocked', 'Обработка персональных данных работника уже заблокирована');
  await db.transaction(async (t) => {
    await t.insert(personalDataBlocks).values({ staffId, reason: reason.trim(), blockedBy: actor.userId });
    const ended = await queryRows<{ id: string }>(
      t as unknown as Db,
      sql`UPDATE sessions SET revoked_at = now() WHERE revoked_at IS NULL AND user_id IN (SELECT id FROM users WHERE staff_id = ${staffId}) RETURNING id`,
    );
    await recordAudit(t as unknown as Db, actor, { action: 'privacy.block', entity: 'staff', entityId: staffId, ...placeOf(p), after: { reason: reason.trim(), sessionsEnded: ended.length } });
  });
  return getPrivacyCard(db, actor, staffId);
}

export async function unblockPerson(db: Db, actor: Actor, staffId: string): Promise<PrivacyCard> {
  const p = await personFor(db, actor, staffId, 'privacy');
  if (!p.blocked) throw new AppError(409, 'not_blocked', 'Обработка персональных данных работника не заблокирована');
  await db.transaction(async (t) => {
    await t.delete(personalDataBlocks).where(eq(personalDataBlocks.staffId, staffId));
    await recordAudit(t as unknown as Db, actor, { action: 'privacy.unblock', entity: 'staff', entityId: staffId, ...placeOf(p) });
  });
  return getPrivacyCard(db, actor, staffId);
}

// ---- destruction ----

const escapeRegex = (v: string) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ruDateOf = (iso: string) => iso.split('-').reverse().join('.');

/** The forms in which a person's name is written in free text: full, without patronymic, with
 *  initials before or after the surname, each in the six cases («доклад Ивановой А. П.»). Longest
 *  first, so a full name is not half-replaced. */
function nameForms(n: FullName): string[] {
  const ii = `${n.name[0]}.`;
  const oo = n.patronymic ? `${n.patronymic[0]}.` : '';
  const forms = fullNameCases(n).flatMap(({ surname: s, name: i, patronymic: o }) => [
    `${s} ${i}${o ? ` ${o}` : ''}`,
    `${i}${o ? ` ${o}` : ''} ${s}`,
    `${s} ${i}`,
    `${s} ${ii}${oo ? ` ${oo}` : ''}`,
    `${s} ${ii}${oo}`,
    `${ii}${oo ? ` ${oo}` : ''} ${s}`,
    `${ii}${oo} ${s}`,
  ]);
  return [...new Set(forms.filter((f) => f.trim().length > 3))].sort((a, b) => b.length - a.length);
}

const isErased = (v: string | null | undefined) => !v || v === erasedMark;

/** Every value the person's personal fields ever had: the card now, and the card as the audit saw
 *  it (before and after each change), so that a former surname or e-mail is erased too. */
async function formerValues(db: Db, p: PersonRow, userIds: string[]) {
  const history = await queryRows<{ v: Record<string, unknown> }>(
    db,
    sql`SELECT x.v FROM audit_log a, LATERAL (VALUES (a.before), (a.after)) AS x(v)
        WHERE a.entity = 'staff' AND a.entity_id = ${p.id} AND jsonb_typeof(x.v) = 'object'`,
  );
  const cards = [{ surname: p.surname, name: p.name, patronymic: p.patronymic, birthDate: p.birth_date, email: p.email, phone: p.phone, snils: p.snils }];
  for (const { v } of history) {
    const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : null);
    cards.push({ surname: str('surname') ?? p.surname, name: str('name') ?? p.name, patronymic: str('patronymic') ?? p.patronymic, birthDate: str('birthDate'), email: str('email'), phone: str('phone'), snils: str('snils') });
  }
  const accounts = userIds.length
    ? await queryRows<{ login: string; display_name: string }>(db, sql`SELECT login, display_name FROM users WHERE id = ANY(${uuidParam(userIds)})`)
    : [];
  const names = new Set<string>();
  const exact = new Set<string>();
  const dates = new Set<string>();
  for (const c of cards) {
    if (!isErased(c.surname) && !isErased(c.name)) nameForms({ surname: c.surname, name: c.name, patronymic: isErased(c.patronymic) ? null : c.patronymic }).forEach((f) => names.add(f));
    for (const v of [c.email, c.phone, c.snils]) if (v && v.length >= 5) exact.add(v);
    if (c.birthDate) [c.birthDate, ruDateOf(c.birthDate)].forEach((d) => dates.add(d));
  }
  for (const a of accounts) {
    if (!a.login.startsWith('удалено-')) exact.add(a.login);
    if (!isErased(a.display_name) && a.display_name.length > 3) names.add(a.display_name);
  }
  const safe = (xs: Iterable<string>) => [...xs].filter((x) => !/["\\]/.test(x)).sort((a, b) => b.length - a.length);
  return { names: safe(names), exact: safe(exact), dates: safe(dates), logins: accounts.map((a) => a.login) };
}

const patternOf = (values: string[]) => (values.length ? values.map(escapeRegex).join('|') : null);

interface ColumnInfo {
  type: string;
  nullable: boolean;
}

async function columnTypes(db: Db): Promise<Map<string, ColumnInfo>> {
  const rows = await queryRows<{ t: string; c: string; type: string; nullable: string }>(
    db,
    sql`SELECT table_name AS t, column_name AS c, data_type AS type, is_nullable AS nullable FROM information_schema.columns WHERE table_schema = 'public'`,
  );
  return new Map(rows.map((r) => [`${r.t}.${r.c}`, { type: r.type, nullable: r.nullable === 'YES' }]));
}

/** The value a personal column gets at destruction: NULL where allowed, «Удалено» for a required
 *  text, empty for a required array or document; anything else must be declared in `erase`. */
function erasedValue(table: string, column: string, info: ColumnInfo | undefined): SQL {
  if (!info) throw new Error(`${table}.${column}: нет в базе`);
  if (info.nullable) return sql`NULL`;
  if (info.type === 'text') return sql`${erasedMark}`;
  if (info.type === 'ARRAY') return sql`'{}'`;
  if (info.type === 'jsonb') return sql`'{}'::jsonb`;
  if (info.type === 'boolean') return sql`false`;
  throw new Error(`${table}.${column}: объявите значение стирания в реестре (erase)`);
}

/** A free-text column with every mention (by `pattern`) replaced by «Удалено». */
function scrubbed(column: string, info: ColumnInfo, pattern: string): SQL | null {
  const c = ident(column);
  if (info.type === 'text') return sql`regexp_replace(${c}, ${pattern}, ${erasedMark}, 'gi')`;
  if (info.type === 'jsonb') return sql`regexp_replace(${c}::text, ${pattern}, ${erasedMark}, 'gi')::jsonb`;
  if (info.type === 'ARRAY') return sql`ARRAY(SELECT regexp_replace(x, ${pattern}, ${erasedMark}, 'gi') FROM unnest(${c}) AS x)`;
  return null;
}
const matches = (column: string, info: ColumnInfo, pattern: string): SQL =>
  info.type === 'ARRAY' ? sql`array_to_string(${ident(column)}, ' ') ~* ${pattern}` : info.type === 'jsonb' ? sql`${ident(column)}::text ~* ${pattern}` : sql`${ident(column)} ~* ${pattern}`;

export interface DestructionStoreReport {
  table: string;
  purpose: string;
  action: 'erased' | 'deleted' | 'mentions' | 'files';
  rows: number;
  columns: string[];
}

export interface DestructionActView {
  id: string;
  number: number;
  actDate: string;
  staffId: string | null;
  basis: string;
  performedBy: string | null;
  stores: DestructionStoreReport[];
  auditRowsErased: number;
  auditChainSeq: number | null;
  auditExtract: { chainSeq: number; at: string; action: string; login: string | null; hash: string; erased: boolean }[];
}

/**
 * Destruction (ст. 21 152-ФЗ, ADR 0028): walks every declared store, erases the person's personal
 * fields (names become «Удалено», the rest NULL), deletes rows with nothing to keep (sessions,
 * roles), empties the files about them, replaces their names in free text, erases the personal
 * part of audit rows about them (the hash chain still verifies), and records an act. Ids stay,
 * so counts and indicators do not change. `actor` null: the retention purge.
 */
export async function destroyPerson(db: Db, actor: Actor | null, staffId: string, basis: string): Promise<DestructionActView> {
  const p = actor ? await personFor(db, actor, staffId, 'privacy') : await personRow(db, staffId);
  if (!p) throw notFound('Работник');
  if (p.surname === erasedMark) throw new AppError(409, 'already_destroyed', 'Персональные данные работника уже уничтожены');
  const actId = await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    await t.execute(sql`SELECT set_config('app.privacy_override', 'on', true), set_config('app.audit_erasure', 'on', true)`);
    await t.execute(sql`SELECT pg_advisory_xact_lock(7239028)`);
    const [{ next }] = await queryRows<{ next: number }>(t, sql`SELECT coalesce(max(number), 0) + 1 AS next FROM destruction_acts`);
    const number = Number(next);
    const userIds = (await queryRows<{ id: string }>(t, sql`SELECT id FROM users WHERE staff_id = ${staffId}`)).map((u) => u.id);
    const values = await formerValues(t, p, userIds);
    const types = await columnTypes(t);
    const idsFor = (link: SubjectLink) => (link.via === 'staff' ? [staffId] : userIds);
    const report: DestructionStoreReport[] = [];
    const count = async (q: SQL) => (await queryRows<{ n: number }>(t, sql`WITH done AS (${q} RETURNING 1) SELECT count(*)::int AS n FROM done`))[0].n;

    // files about the person, pointed at from their rows
    const fileIds = new Set<string>();
    for (const [table, store] of Object.entries(personalDataStores)) {
      const links = (store.subject ?? []).filter((l) => idsFor(l).length > 0);
      if (!store.files?.length || !links.length) continue;
      const where = sql.join(links.map((l) => sql`${ident(l.column)} = ANY(${uuidParam(idsFor(l))})`), sql` OR `);
      for (const col of store.files) {
        const rows = await queryRows<{ id: string }>(t, sql`SELECT ${ident(col)}::text AS id FROM ${ident(table)} WHERE (${where}) AND ${ident(col)} IS NOT NULL`);
        rows.forEach((r) => fileIds.add(r.id));
      }
    }

    // the person's own rows, store by store
    for (const [table, store] of Object.entries(personalDataStores)) {
      if (table === 'audit_log') continue;
      const links = (store.subject ?? []).filter((l) => idsFor(l).length > 0);
      const extra = table === 'stored_files' && fileIds.size ? [sql`id = ANY(${uuidParam([...fileIds])})`] : [];
      if (!links.length && !extra.length) continue;
      const where = sql.join([...links.map((l) => sql`${ident(l.column)} = ANY(${uuidParam(idsFor(l))})`), ...extra], sql` OR `);
      if (store.onDestroy === 'delete') {
        const n = await count(sql`DELETE FROM ${ident(table)} WHERE ${where}`);
        if (n) report.push({ table, purpose: store.purpose, action: 'deleted', rows: n, columns: [] });
        continue;
      }
      const kept = new Set(store.keptAnonymous ?? []);
      const columns = store.personal.filter((c) => !kept.has(c));
      const sets = [
        ...columns.map((c) => sql`${ident(c)} = ${store.erase?.[c] ? sql.raw(store.erase[c]) : erasedValue(table, c, types.get(`${table}.${c}`))}`),
        ...Object.entries(store.erase ?? {})
          .filter(([c]) => !columns.includes(c))
          .map(([c, v]) => sql`${ident(c)} = ${sql.raw(v)}`),
      ];
      if (!sets.length) continue;
      const n = await count(sql`UPDATE ${ident(table)} SET ${sql.join(sets, sql`, `)} WHERE ${where}`);
      if (n) report.push({ table, purpose: store.purpose, action: table === 'stored_files' ? 'files' : 'erased', rows: n, columns });
    }

    // mentions of the person in free text anywhere: names, SNILS, e-mail, phone, login, birth date
    const pattern = patternOf([...values.names, ...values.exact, ...values.dates]);
    if (pattern) {
      for (const [table, store] of Object.entries(personalDataStores)) {
        for (const col of store.mentions ?? []) {
          const info = types.get(`${table}.${col}`);
          const expr = info && scrubbed(col, info, pattern);
          if (!info || !expr) continue;
          const n = store.deleteMentioning
            ? await count(sql`DELETE FROM ${ident(table)} WHERE ${matches(col, info, pattern)}`)
            : await count(sql`UPDATE ${ident(table)} SET ${ident(col)} = ${expr} WHERE ${matches(col, info, pattern)}`);
          if (n) report.push({ table, purpose: store.purpose, action: store.deleteMentioning ? 'deleted' : 'mentions', rows: n, columns: [col] });
        }
      }
    }

    // the audit: the personal part of rows by or about the person, erased under the chain (ADR 0028)
    const never = '^\\b$';
    // in rows about the person, the personal keys of «before/after» are erased whatever they hold
    // (a bare surname is no pattern); elsewhere their names and identifiers are replaced in the text
    const keys = sql`${sql.param(['surname', 'name', 'patronymic', 'birthDate', 'email', 'phone', 'snils', 'fullName', 'login', 'displayName'])}::text[]`;
    const about = sql`${sql.param([staffId, ...userIds])}::text[]`;
    const scrub = (col: 'before' | 'after') => {
      const replaced = sql`regexp_replace(${ident(col)}::text, ${pattern ?? never}, ${erasedMark}, 'gi')::jsonb`;
      return sql`CASE WHEN ${ident(col)} IS NULL THEN NULL
        WHEN entity_id = ANY(${about}) AND jsonb_typeof(${ident(col)}) = 'object'
          THEN (SELECT jsonb_object_agg(e.k, CASE WHEN e.k = ANY(${keys}) AND e.v <> 'null'::jsonb THEN to_jsonb(${erasedMark}::text) ELSE e.v END) FROM jsonb_each(${replaced}) AS e(k, v))
        ELSE ${replaced} END`;
    };
    const logins = sql`${sql.param(values.logins)}::text[]`;
    const auditRowsErased = await count(sql`UPDATE audit_log SET
        login = CASE WHEN user_id = ANY(${uuidParam(userIds)}) OR login = ANY(${logins}) THEN NULL ELSE login END,
        ip = CASE WHEN user_id = ANY(${uuidParam(userIds)}) OR login = ANY(${logins}) THEN NULL ELSE ip END,
        entity_id = CASE WHEN entity_id = ANY(${logins}) THEN NULL ELSE entity_id END,
        before = ${scrub('before')}, after = ${scrub('after')},
        erased_at = now(), erased_by = ${`Акт уничтожения № ${number}`}
      WHERE user_id = ANY(${uuidParam(userIds)}) OR login = ANY(${logins}) OR entity_id = ANY(${logins})
         OR (entity_id = ANY(${about}) AND (before ?| ${keys} OR after ?| ${keys}))
         OR before::text ~* ${pattern ?? never} OR after::text ~* ${pattern ?? never}`);

    const [act] = await t
      .insert(destructionActs)
      .values({ number, actDate: todayIso(), staffId, basis: basis.trim(), performedBy: actor?.userId ?? null, stores: report, auditRowsErased, ...placeOf(p) })
      .returning({ id: destructionActs.id });
    await recordAudit(t, actor ?? { userId: null, login: 'privacy:purge', ip: null } as never, {
      action: 'privacy.destroy',
      entity: 'staff',
      entityId: staffId,
      ...placeOf(p),
      after: { act: number, basis: basis.trim(), stores: report.map((r) => `${r.table}: ${r.rows}`), auditRowsErased },
    });
    await t.execute(sql`UPDATE destruction_acts SET audit_chain_seq = (SELECT max(chain_seq) FROM audit_log WHERE action = 'privacy.destroy' AND entity_id = ${staffId}) WHERE id = ${act.id}`);
    return act.id;
  });
  return loadAct(db, actId);
}

async function loadAct(db: Db, id: string): Promise<DestructionActView> {
  const [a] = await queryRows<{ id: string; number: number; act_date: string; staff_id: string | null; basis: string; performed_by: string | null; stores: DestructionStoreReport[]; audit_rows_erased: number; audit_chain_seq: string | null }>(
    db,
    sql`SELECT a.id, a.number, a.act_date::text AS act_date, a.staff_id, a.basis, u.display_name AS performed_by, a.stores, a.audit_rows_erased, a.audit_chain_seq
        FROM destruction_acts a LEFT JOIN users u ON u.id = a.performed_by WHERE a.id = ${id}`,
  );
  if (!a) throw notFound('Акт уничтожения');
  const extract = await queryRows<{ chain_seq: string; at: string; action: string; login: string | null; hash: string; erased: boolean }>(
    db,
    sql`SELECT chain_seq, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at, action, login, hash, erased_at IS NOT NULL AS erased
        FROM audit_log WHERE entity = 'staff' AND entity_id = ${a.staff_id ?? ''} AND action LIKE 'privacy.%' ORDER BY chain_seq`,
  );
  return {
    id: a.id,
    number: Number(a.number),
    actDate: a.act_date,
    staffId: a.staff_id,
    basis: a.basis,
    performedBy: a.performed_by,
    stores: a.stores,
    auditRowsErased: Number(a.audit_rows_erased),
    auditChainSeq: a.audit_chain_seq === null ? null : Number(a.audit_chain_seq),
    auditExtract: extract.map((e) => ({ chainSeq: Number(e.chain_seq), at: e.at, action: e.action, login: e.login, hash: e.hash, erased: e.erased })),
  };
}

/** Destruction acts within the privacy administrator's scope, newest first. */
export async function listDestructionActs(db: Db, actor: Actor) {
  if (!isPrivacyAdministrator(actor)) throw forbidden('Акты уничтожения доступны администратору региона');
  const rows = await queryRows<{ id: string; number: number; act_date: string; basis: string; performed_by: string | null; rows: number; audit_rows_erased: number }>(
    db,
    sql`SELECT a.id, a.number, a.act_date::text AS act_date, a.basis, u.display_name AS performed_by,
          (SELECT coalesce(sum((s->>'rows')::int), 0) FROM jsonb_array_elements(a.stores) s)::int AS rows, a.audit_rows_erased
        FROM destruction_acts a LEFT JOIN users u ON u.id = a.performed_by
        WHERE a.territory_ids && ${uuidParam(actor.write.territoryIds)} OR a.organization_ids && ${uuidParam(actor.write.organizationIds)}
        ORDER BY a.number DESC LIMIT 500`,
  );
  return { items: rows.map((r) => ({ id: r.id, number: Number(r.number), actDate: r.act_date, basis: r.basis, performedBy: r.performed_by, rows: Number(r.rows), auditRowsErased: Number(r.audit_rows_erased) })) };
}

export async function getDestructionAct(db: Db, actor: Actor, id: string): Promise<DestructionActView> {
  const [a] = await queryRows<{ territory_ids: string[]; organization_ids: string[] }>(db, sql`SELECT territory_ids, organization_ids FROM destruction_acts WHERE id = ${id}`);
  if (!a || !(isPrivacyAdministrator(actor) && canWriteAt(actor, { territoryIds: a.territory_ids, organizationIds: a.organization_ids }))) throw notFound('Акт уничтожения');
  const act = await loadAct(db, id);
  await recordAudit(db, actor, { action: 'privacy.act_read', entity: 'destruction_act', entityId: id, territoryIds: a.territory_ids, organizationIds: a.organization_ids });
  return act;
}

// ---- retention ----

export interface PurgeReport {
  table: string;
  period: string;
  action: Retention['action'];
  rows: number;
}

/** Applies every retention period of the registry: deletes expired rows, erases the personal part
 *  of expired audit rows, destroys people archived longer than allowed (each with an act). */
export async function purgeExpired(db: Db): Promise<PurgeReport[]> {
  const report: PurgeReport[] = [];
  for (const [table, store] of Object.entries(personalDataStores)) {
    const r = store.retention;
    if (!r) continue;
    let rows = 0;
    if (r.action === 'delete') {
      rows = (await queryRows<{ n: number }>(db, sql`WITH done AS (DELETE FROM ${ident(table)} WHERE ${sql.raw(r.expired)} RETURNING 1) SELECT count(*)::int AS n FROM done`))[0].n;
    } else if (r.action === 'erase_audit') {
      rows = await db.transaction(async (tx) => {
        const t = tx as unknown as Db;
        await t.execute(sql`SELECT set_config('app.audit_erasure', 'on', true)`);
        return (
          await queryRows<{ n: number }>(
            t,
            sql`WITH done AS (UPDATE audit_log SET login = NULL, ip = NULL, entity_id = NULL, erased_at = now(), erased_by = ${`Срок хранения: ${r.period}`} WHERE ${sql.raw(r.expired)} RETURNING 1) SELECT count(*)::int AS n FROM done`,
          )
        )[0].n;
      });
    } else {
      const people = await queryRows<{ id: string }>(db, sql`SELECT id FROM ${ident(table)} WHERE ${sql.raw(r.expired)} LIMIT 1000`);
      for (const person of people) await destroyPerson(db, null, person.id, `Истёк срок хранения: ${r.period}`);
      rows = people.length;
    }
    report.push({ table, period: r.period, action: r.action, rows });
  }
  await recordAudit(db, { userId: null, login: 'privacy:purge', ip: null } as never, { action: 'privacy.purge', entity: 'system', after: { stores: report.filter((r) => r.rows > 0) } });
  return report;
}

/** The retention periods of the registry, for the administrators' page. */
export const retentionPeriods = () =>
  Object.entries(personalDataStores).flatMap(([table, s]) => (s.retention ? [{ table, purpose: s.purpose, period: s.retention.period, action: s.retention.action }] : []));

// ---- who can access personal data ----

/** Roles that read other people's personal data, and what each allows. */
const accessRoles: Partial<Record<Role, string>> = {
  regional_admin: 'чтение и изменение; блокирование и уничтожение',
  municipal_admin: 'чтение и изменение',
  organization_admin: 'чтение и изменение',
  regional_methodologist: 'чтение',
  tutor: 'чтение сопровождаемых',
  expert: 'чтение практик на экспертизе (авторы)',
};

/** Who can access personal data within the administrator's scope, derived from the role
 *  assignments: every assignment whose place lies in the actor's write scope. */
export async function listPersonalDataAccess(db: Db, actor: Actor) {
  if (!isAdministrator(actor)) throw forbidden('Перечень лиц с доступом к персональным данным доступен администраторам');
  const roles = Object.keys(accessRoles);
  const rows = await queryRows<{ user_id: string; login: string; display_name: string; role: Role; scope_name: string | null; scope_kind: 'territory' | 'organization'; blocked: boolean; people: number | null }>(
    db,
    sql`SELECT u.id AS user_id, u.login, u.display_name, ra.role,
          coalesce(tt.name, oo.short_name) AS scope_name,
          CASE WHEN ra.territory_id IS NOT NULL THEN 'territory' ELSE 'organization' END AS scope_kind,
          (u.blocked_at IS NOT NULL OR EXISTS (SELECT 1 FROM personal_data_blocks b WHERE b.staff_id = u.staff_id)) AS blocked,
          CASE WHEN ra.role = 'tutor' THEN (SELECT count(*)::int FROM tutor_assignments ta WHERE ta.tutor_user_id = u.id) END AS people
        FROM role_assignments ra
        JOIN users u ON u.id = ra.user_id
        LEFT JOIN territories tt ON tt.id = ra.territory_id
        LEFT JOIN organizations oo ON oo.id = ra.organization_id
        WHERE ra.role = ANY(${sql.param(roles)}::text[])
          AND (ra.territory_id = ANY(${uuidParam(actor.write.territoryIds)}) OR ra.organization_id = ANY(${uuidParam(actor.write.organizationIds)})
               OR oo.territory_id = ANY(${uuidParam(actor.write.territoryIds)}))
          AND u.login NOT LIKE 'удалено-%'
        ORDER BY u.display_name, u.login, ra.role
        LIMIT 5000`,
  );
  await recordAudit(db, actor, { action: 'privacy.access_list', entity: 'system', territoryIds: scopeRootTerritories(actor), organizationIds: actor.write.organizationIds.slice(0, 50) });
  return {
    items: rows.map((r) => ({
      userId: r.user_id,
      login: r.login,
      displayName: r.display_name,
      role: r.role,
      roleName: dictRoles[r.role],
      scopeName: r.scope_name ?? '—',
      scopeKind: r.scope_kind,
      access: accessRoles[r.role] ?? '',
      people: r.people === null ? null : Number(r.people),
      blocked: r.blocked,
    })),
    retention: retentionPeriods(),
  };
}
