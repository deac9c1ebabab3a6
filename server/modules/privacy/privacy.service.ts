import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { canWriteAt, type Actor } from '../../lib/access.js';
import { notFound } from '../../lib/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { personalDataStores, type SubjectLink } from './personal-data-registry.js';

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
  const [person] = await queryRows<{ id: string; full_name: string; territory_ids: string[]; organization_ids: string[] }>(
    db,
    sql`SELECT id, concat_ws(' ', surname, name, patronymic) AS full_name, territory_ids, organization_ids FROM staff WHERE id = ${staffId}`,
  );
  if (!person || !(actor.staffId === staffId || canWriteAt(actor, { territoryIds: person.territory_ids, organizationIds: person.organization_ids }))) throw notFound('Работник');
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
