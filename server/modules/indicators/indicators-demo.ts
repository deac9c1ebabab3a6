import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

/** Targets of the demo regions (the values of the Kirov documents, DOMAIN.md) for last year, this
 *  year and the next, so the dashboard shows colours; the first municipality of each region raises
 *  its own target of indicator 1 to show a target set below the region overriding the inherited one. */
export async function seedIndicatorTargetsDemo(db: Db): Promise<void> {
  const targets: [string, number][] = [
    ['diagnosed', 10],
    ['learning_plan', 10],
    ['federal_registry', 30],
    ['management_quality', 25],
    ['young_specialists_supported', 70],
    ['mentoring_model', 50],
    ['agreements', 5],
  ];
  const values = sql.join(
    targets.map(([code, value]) => sql`(${code}, ${value}::float8)`),
    sql`, `,
  );
  await db.execute(sql`
    INSERT INTO indicator_targets (code, year, territory_id, value)
    SELECT v.code, y, t.id, v.value FROM territories t, (VALUES ${values}) AS v(code, value),
      generate_series(extract(year FROM current_date)::int - 1, extract(year FROM current_date)::int + 1) AS y
    WHERE t.kind = 'region'
    ON CONFLICT DO NOTHING`);
  await db.execute(sql`
    INSERT INTO indicator_targets (code, year, territory_id, value)
    SELECT 'diagnosed', y, m.id, 15 FROM (SELECT DISTINCT ON (parent_id) id FROM territories WHERE kind = 'municipality' ORDER BY parent_id, name) m,
      generate_series(extract(year FROM current_date)::int - 1, extract(year FROM current_date)::int + 1) AS y
    ON CONFLICT DO NOTHING`);
}
