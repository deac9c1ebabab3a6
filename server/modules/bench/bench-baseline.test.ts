import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type Database } from '../../db/client.js';
import { demoSizes } from '../demo/demo-generator.js';
import { loadDemo } from '../demo/demo.service.js';
import { computeIndicatorValues } from '../indicators/indicators.service.js';
import { blockOf, compareWithService, indexScope, loadBaseline, scanScope, type BaselineData } from './bench-baseline.js';

// The benchmark's in-memory baseline (ADR 0025) on the small demo: its counts are those of plain SQL.
describe('benchmark baseline scan', () => {
  let database: Database;
  let data: BaselineData;
  let period: number;
  beforeAll(async () => {
    database = await openDatabase({ pglite: new PGlite() });
    await loadDemo(database.db, { size: demoSizes.small, seed: 3 });
    data = await loadBaseline(database.db);
    period = new Date().getFullYear();
  }, 180_000);
  afterAll(() => database?.close());

  it('counts people, the diagnosed and the young per municipality as SQL does', async () => {
    const [region] = await queryRows<{ id: string }>(database.db, sql`SELECT id FROM territories WHERE kind = 'region'`);
    const scan = scanScope(data, indexScope(data, region.id), period);
    const expected = await queryRows<{ id: string; staff: number; diagnosed: number; pedagogical: number }>(
      database.db,
      sql`SELECT t.id,
                 count(DISTINCT sp.staff_id)::int AS staff,
                 count(DISTINCT sp.staff_id) FILTER (WHERE EXISTS (SELECT 1 FROM assessment_results r WHERE r.staff_id = sp.staff_id AND extract(year FROM r.measured_on) = ${period}))::int AS diagnosed,
                 count(DISTINCT sp.staff_id) FILTER (WHERE sp.staff_category = 'pedagogical')::int AS pedagogical
          FROM territories t JOIN organizations o ON o.territory_id = t.id
          JOIN staff_positions sp ON sp.organization_id = o.id AND sp.end_date IS NULL
          JOIN staff s ON s.id = sp.staff_id AND s.archived_at IS NULL
          WHERE t.parent_id = ${region.id}::uuid GROUP BY t.id`,
    );
    expect(expected.length).toBe(3);
    for (const m of expected) {
      const slot = 1 + scan.childIds.indexOf(m.id);
      expect(slot).toBeGreaterThan(0);
      expect(blockOf(scan, slot, 'staff')).toBe(m.staff);
      expect(blockOf(scan, slot, 'diagnosed')).toBe(m.diagnosed);
      expect(blockOf(scan, slot, 'staff_pedagogical')).toBe(m.pedagogical);
      expect(m.diagnosed).toBeGreaterThan(0);
    }
    // the region counts each person once, also those working in two municipalities
    expect(blockOf(scan, 0, 'staff')).toBe(data.staffIds.length);
    const country = scanScope(data, indexScope(data, null), period);
    expect(blockOf(country, 0, 'staff')).toBe(blockOf(scan, 0, 'staff'));
    expect(blockOf(country, 1, 'diagnosed')).toBe(blockOf(scan, 0, 'diagnosed'));
  });

  it('lists the organizations of a municipality as its children and sums them', async () => {
    const municipality = data.territoryIds[data.territoryKind.indexOf('municipality')];
    const index = indexScope(data, municipality);
    expect(index.childKind).toBe('organization');
    const scan = scanScope(data, index, period);
    const orgs = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM organizations WHERE territory_id = ${municipality}::uuid`);
    expect(index.childIds.length).toBe(orgs[0].n);
    let sum = 0;
    for (let i = 0; i < index.childIds.length; i++) sum += blockOf(scan, 1 + i, 'orgs');
    expect(blockOf(scan, 0, 'orgs')).toBe(sum);
    expect(sum).toBeGreaterThan(0);
  });

  it('gives the numerators and denominators for the country, the region and a municipality', async () => {
    const [region] = await queryRows<{ id: string }>(database.db, sql`SELECT id FROM territories WHERE kind = 'region'`);
    const municipality = data.territoryIds[data.territoryKind.indexOf('municipality')];
    for (const territoryId of [null, region.id, municipality]) {
      for (const year of [period, period - 1, period - 3]) {
        const values = await computeIndicatorValues(database.db, { territoryId, period: year });
        expect(values.indicators.filter((d) => d.kind === 'computed').length).toBeGreaterThanOrEqual(6);
        expect(compareWithService(values, scanScope(data, indexScope(data, territoryId), year)), `${territoryId} ${year}`).toEqual([]);
      }
    }
    // and the scan finds something to count: people diagnosed and young specialists supported this year
    const scan = scanScope(data, indexScope(data, region.id), period);
    expect(blockOf(scan, 0, 'diagnosed')).toBeGreaterThan(0);
    expect(blockOf(scan, 0, 'young_supported')).toBeGreaterThan(0);
  });
});
