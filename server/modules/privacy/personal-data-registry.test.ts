import { describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../../db/client.js';
import { noPersonalData, personalDataStores, personalLooking } from './personal-data-registry.js';

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
    } finally {
      await database.close();
    }
  }, 60_000);
});
