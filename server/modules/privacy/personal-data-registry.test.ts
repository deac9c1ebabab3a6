import { describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../../db/client.js';
import { noPersonalData, personalDataStores, personalLooking, writableWhileBlocked } from './personal-data-registry.js';

describe('registry of personal data stores', () => {
  it('declares every table of the schema and every personal-looking column in it', async () => {
    const database = await openDatabase({ pglite: new PGlite() });
    try {
      const rows = await queryRows<{ table: string; column: string }>(
        database.db,
        sql`SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
      );
      const columns = new Map<string, string[]>();
      for (const r of rows) columns.set(r.table, [...(columns.get(r.table) ?? []), r.column]);

      const undeclared = [...columns.keys()].filter((t) => !personalDataStores[t] && !noPersonalData[t]);
      expect(undeclared, 'tables missing from server/modules/privacy/personal-data-registry.ts').toEqual([]);
      expect(Object.keys(personalDataStores).filter((t) => noPersonalData[t]), 'declared both ways').toEqual([]);
      expect([...Object.keys(personalDataStores), ...Object.keys(noPersonalData)].filter((t) => !columns.has(t)), 'declared but absent').toEqual([]);

      const problems: string[] = [];
      for (const [table, cols] of columns) {
        const store = personalDataStores[table];
        if (!store) {
          // a table said to hold nothing personal may still name things, but points at no person
          for (const c of cols) if (personalLooking.test(c) && !['name', 'full_name'].includes(c)) problems.push(`${table}.${c}: таблица объявлена без персональных данных`);
          continue;
        }
        const declared = new Set([...store.personal, ...(store.references ?? []), ...(store.notPersonal ?? []), ...(store.subject ?? []).map((s) => s.column)]);
        for (const c of declared) if (!cols.includes(c)) problems.push(`${table}.${c}: объявлен, но нет в таблице`);
        for (const c of cols) if (personalLooking.test(c) && !declared.has(c)) problems.push(`${table}.${c}: не объявлен`);
      }
      expect(problems).toEqual([]);

      // destruction and retention (ADR 0028): every column they touch exists, what is kept is
      // personal, and every erased column has a value to take
      const types = await queryRows<{ table: string; column: string; type: string; nullable: string }>(
        database.db,
        sql`SELECT table_name AS "table", column_name AS "column", data_type AS type, is_nullable AS nullable FROM information_schema.columns WHERE table_schema = 'public'`,
      );
      const typeOf = new Map(types.map((r) => [`${r.table}.${r.column}`, r]));
      const erasure: string[] = [];
      for (const [table, store] of Object.entries(personalDataStores)) {
        for (const c of [...(store.keptAnonymous ?? []), ...(store.mentions ?? []), ...(store.files ?? []), ...Object.keys(store.erase ?? {})])
          if (!typeOf.has(`${table}.${c}`)) erasure.push(`${table}.${c}: нет в таблице`);
        for (const c of store.keptAnonymous ?? []) if (!store.personal.includes(c)) erasure.push(`${table}.${c}: сохраняется, но не объявлен персональным`);
        for (const c of store.personal.filter((c) => !(store.keptAnonymous ?? []).includes(c) && !store.erase?.[c])) {
          const t = typeOf.get(`${table}.${c}`);
          if (t && t.nullable === 'NO' && !['text', 'ARRAY', 'jsonb', 'boolean'].includes(t.type) && store.onDestroy !== 'delete') erasure.push(`${table}.${c}: нет значения стирания`);
        }
      }
      expect(erasure).toEqual([]);

      // blocking: every store about a person (through the card) refuses writes while they are blocked
      const triggers = await queryRows<{ table: string }>(database.db, sql`SELECT DISTINCT c.relname AS "table" FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = 'privacy_block'`);
      const guarded = new Set(triggers.map((r) => r.table));
      const staffStores = Object.entries(personalDataStores).filter(([, s]) => (s.subject ?? []).some((l) => l.via === 'staff')).map(([t]) => t);
      expect(staffStores.filter((t) => !guarded.has(t) && !writableWhileBlocked[t]), 'stores about a person without the privacy_block trigger').toEqual([]);
      expect([...guarded].filter((t) => writableWhileBlocked[t]), 'declared writable but guarded').toEqual([]);
    } finally {
      await database.close();
    }
  }, 60_000);
});
