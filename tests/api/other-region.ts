import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../server/db/client.js';
import type { TestApp, TestClient } from '../../server/db/testing.js';
import { demoRoles, type DemoRole, type RegionFixtures } from './fixtures.js';

/**
 * «Records in another region» of the authorization matrix (issue 7). A second demo region holds the
 * same fixtures as the first, made through the API by its own accounts, so every record of the first
 * region has its twin there. Each operation's request, as the matrix sent it about the first region's
 * records, is sent again by every demo role of the first region with the twins' ids: the answer must
 * be a refusal, the same one a record that does not exist gets (the same request with random ids) —
 * so nothing tells the other region's records exist — and must carry none of that region's ids or
 * personal data. Lists and exports without a record in the path are scanned for the same.
 */

export interface Sent {
  method: string;
  path: string;
  body: RequestInit['body'] | undefined;
  status: number;
  /** The text of a refusal (401, 403, 404). */
  refusal?: Promise<string>;
}

/** Records a demo account's request for the replay, keeping the text of a refusal. */
export const record = (sent: Sent[]) => (path: string, init: RequestInit, res: Response) =>
  sent.push({
    path,
    method: (init.method ?? 'GET').toUpperCase(),
    body: init.body ?? undefined,
    status: res.status,
    refusal: [401, 403, 404].includes(res.status) ? res.clone().text() : undefined,
  });

/** Refusals carry no one's personal data: each refused answer the demo accounts got is scanned for
 *  the full names, СНИЛС, e-mails and phones of every person in the database. Returns how many. */
export async function scanRefusals(app: TestApp, sent: Sent[]): Promise<number> {
  const values = (
    await queryRows<{ value: string }>(
      app.database.db,
      sql`SELECT DISTINCT v AS value FROM staff s, unnest(ARRAY[concat_ws(' ', s.surname, s.name, s.patronymic), s.snils, s.email, s.phone]) v WHERE length(v) > 5`,
    )
  ).map((r) => r.value);
  expect(values.length, 'personal data to look for').toBeGreaterThan(1000);
  const refusals = sent.filter((r) => r.refusal);
  const found: string[] = [];
  for (const r of refusals) {
    const text = await r.refusal!;
    const hit = values.find((v) => text.includes(v));
    if (hit) found.push(`${r.method} ${r.path} (${r.status}): ${hit}`);
  }
  expect(found, 'refusals that carry personal data').toEqual([]);
  return refusals.length;
}

export interface OtherRegionFigures {
  operations: number;
  requests: number;
  /** Reads of the other region's records that are open to every region by design. */
  open: number;
  scanned: number;
}

const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const isUuid = (x: unknown): x is string => typeof x === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(x);

/** Walks the two regions' fixtures side by side: each id of the first region → its twin. */
function twins(own: unknown, other: unknown, map: Map<string, string>): Map<string, string> {
  if (isUuid(own) && isUuid(other)) {
    // shared records (the competency catalog) are the same on both sides: not a twin
    if (own !== other) map.set(own, other);
  } else if (Array.isArray(own) && Array.isArray(other)) {
    own.forEach((x, i) => twins(x, other[i], map));
  } else if (own && other && typeof own === 'object' && typeof other === 'object') {
    for (const k of Object.keys(own)) twins((own as Record<string, unknown>)[k], (other as Record<string, unknown>)[k], map);
  }
  return map;
}

const idsIn = (text: string) => text.match(uuidPattern) ?? [];
const swap = (text: string, map: Map<string, string>) => text.replace(uuidPattern, (id) => map.get(id) ?? id);

function swapBody(body: Sent['body'], map: Map<string, string>): Sent['body'] {
  if (typeof body === 'string') return swap(body, map);
  if (body instanceof FormData) {
    const form = new FormData();
    for (const [k, v] of body.entries()) {
      if (typeof v === 'string') form.append(k, swap(v, map));
      else form.append(k, v, v.name);
    }
    return form;
  }
  return body;
}
const bodyText = (body: Sent['body']) =>
  typeof body === 'string' ? body : body instanceof FormData ? [...body.values()].filter((v): v is string => typeof v === 'string').join('\n') : '';

const send = (client: TestClient, r: { method: string; path: string; body: Sent['body'] }) =>
  client.request(r.path, { method: r.method, body: r.body, headers: typeof r.body === 'string' ? { 'content-type': 'application/json' } : {} });

/** The text a reader gets: the body, or every cell of a spreadsheet. Other binary files (DOCX, PDF)
 *  are not read here; `null` for them. */
async function readable(res: Response): Promise<string | null> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('spreadsheetml')) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const cells: string[] = [];
    wb.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void cells.push(String(cell.text)))));
    return cells.join('\n');
  }
  if (type.startsWith('application/json') || type.startsWith('text/')) return res.text();
  await res.arrayBuffer();
  return null;
}

/** Matches a concrete path to its operation: literal segments before parameters. */
function operationOf(ops: { method: string; path: string; key: string }[], method: string, path: string) {
  const bare = path.split('?')[0];
  const candidates = ops.filter((o) => o.method === method && new RegExp(`^${o.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(bare));
  return candidates.sort((a, b) => (a.path.match(/\{/g)?.length ?? 0) - (b.path.match(/\{/g)?.length ?? 0))[0];
}

export async function replayOnOtherRegion(
  own: RegionFixtures & { app: TestApp; clients: Record<DemoRole, TestClient> },
  other: RegionFixtures,
  ops: { method: string; path: string; key: string }[],
  sent: Sent[],
): Promise<OtherRegionFigures> {
  const map = new Map<string, string>();
  for (const k of Object.keys(other) as (keyof RegionFixtures)[]) twins(own[k], other[k], map);
  const otherIds = new Set(map.values());
  // open to every region by design: the catalog of programmes with its groups, published practices
  const open = new Set([...Object.values(other.pr.programs), ...Object.values(other.pr.cohorts), other.pc.practices.published, other.pc.files.published]);
  // …and shown with them: the organizations they name (owners and providers of programmes, a practice's organization)
  const namedByOpen = await queryRows<{ id: string }>(
    own.app.database.db,
    sql`SELECT owner_organization_id AS id FROM programs UNION SELECT provider_organization_id FROM programs WHERE provider_organization_id IS NOT NULL
        UNION SELECT organization_id FROM practices WHERE status = 'published'`,
  );
  const shown = new Set([...open, ...namedByOpen.map((r) => r.id)]);
  const secret = [...otherIds].filter((id) => !shown.has(id));
  const personal = await personalDataOf(own.app, other.f.territories.region);

  /** What an answer must not carry: the other region's ids (but those the request named) and personal data. */
  const leaks = (text: string, asked: Set<string>) => [...secret.filter((id) => !asked.has(id) && text.includes(id)), ...personal.filter((p) => text.includes(p))];

  // one request per operation: a successful one if the matrix made it (it reached past the access check)
  const chosen = new Map<string, Sent>();
  for (const r of sent) {
    const op = operationOf(ops, r.method, r.path);
    if (!op) continue;
    const pathIds = idsIn(r.path.split('?')[0]);
    const named = [...idsIn(r.path), ...idsIn(bodyText(r.body))].filter((id) => map.has(id));
    const replayable = named.length > 0 && pathIds.every((id) => map.has(id));
    const list = r.method === 'GET' && pathIds.length === 0 && named.length === 0;
    if (!replayable && !list) continue;
    const prev = chosen.get(op.key);
    if (!prev || (prev.status >= 300 && r.status < 300)) chosen.set(op.key, r);
  }

  const figures: OtherRegionFigures = { operations: 0, requests: 0, open: 0, scanned: 0 };
  const mismatches: string[] = [];
  for (const [key, r] of chosen) {
    const asked = new Set([...idsIn(r.path), ...idsIn(bodyText(r.body))]);
    const bound = [...asked].some((id) => map.has(id));
    if (bound) figures.operations++;
    for (const role of demoRoles) {
      const client = own.clients[role];
      if (!bound) {
        // a list or an export: nothing of the other region in it
        const text = await readable(await send(client, r));
        if (text === null) continue;
        figures.scanned++;
        const found = leaks(text, new Set());
        if (found.length) mismatches.push(`${role} ${key}: the list carries ${found.slice(0, 3).join(', ')}`);
        continue;
      }
      const target = { method: r.method, path: swap(r.path, map), body: swapBody(r.body, map) };
      const targetIds = new Set([...idsIn(target.path), ...idsIn(bodyText(target.body))]);
      const res = await send(client, target);
      figures.requests++;
      const text = await readable(res);
      if (text !== null) {
        figures.scanned++;
        const found = leaks(text, targetIds);
        if (found.length) mismatches.push(`${role} ${key}: the answer carries ${found.slice(0, 3).join(', ')}`);
      }
      const openRecord = [...targetIds].some((id) => open.has(id));
      if (openRecord && r.method === 'GET') {
        figures.open++;
        continue;
      }
      if (res.status < 400 || res.status >= 500 || res.status === 401) {
        mismatches.push(`${role} ${key} ${target.path}: ${res.status}`);
        continue;
      }
      if (openRecord) continue; // a write to a record open to all: refused, and its existence is no secret
      // the same request about records that do not exist
      const random = new Map([...map].map(([a]) => [a, randomUUID()]));
      const ghost = await send(client, { method: r.method, path: swap(r.path, random), body: swapBody(r.body, random) });
      const ghostText = await ghost.text();
      if (ghost.status !== res.status) mismatches.push(`${role} ${key} ${target.path}: ${res.status}, but ${ghost.status} for a record that does not exist`);
      // the same words too (ids aside): «Конкурс не найден» for a stage would tell the stage exists
      else if (ghostText.replace(uuidPattern, '') !== (text ?? '').replace(uuidPattern, '')) mismatches.push(`${role} ${key}: «${text}», but «${ghostText}» for a record that does not exist`);
    }
  }
  expect(mismatches).toEqual([]);
  // every operation about a record must have been tried on the other region's twin
  const untried = ops.filter((o) => o.path.includes('{') && !chosen.has(o.key) && !notRegional.has(o.key)).map((o) => o.key);
  expect(untried, 'operations on records not tried in another region').toEqual([]);
  return figures;
}

/** Operations with a path parameter that names no record of a region. */
const notRegional = new Set<string>([
  // an account's own sessions and import batches: another account's are 404 (the matrix checks it)
  'DELETE /api/auth/sessions/{id}',
  'GET /api/imports/{id}',
  'POST /api/imports/{id}/commit',
  // a kind of import, not a record
  'POST /api/imports/{kind}',
  // one competency catalog for the installation (ADR 0009)
  'PATCH /api/competencies/{id}',
  'PATCH /api/competency-groups/{id}',
  // a calendar feed is found by its secret token, not by id
  'GET /api/events/feed/{file}',
]);

/** Full names, СНИЛС, e-mails and phones of the other region's people that no one outside it
 *  shares, except the authors of its published practices (published with their names by design). */
async function personalDataOf(app: TestApp, regionId: string): Promise<string[]> {
  const rows = await queryRows<{ value: string }>(
    app.database.db,
    sql`WITH inside AS (
          SELECT s.* FROM staff s WHERE ${regionId} = ANY(s.territory_ids)
            AND s.id NOT IN (SELECT pa.staff_id FROM practice_authors pa JOIN practices p ON p.id = pa.practice_id WHERE p.status = 'published' AND pa.staff_id IS NOT NULL)),
        outside AS (SELECT s.* FROM staff s WHERE NOT ${regionId} = ANY(s.territory_ids)),
        values_in AS (
          SELECT concat_ws(' ', surname, name, patronymic) AS value FROM inside
          UNION SELECT snils FROM inside UNION SELECT email FROM inside UNION SELECT phone FROM inside)
        SELECT value FROM values_in WHERE value IS NOT NULL AND length(value) > 5
          AND value NOT IN (SELECT concat_ws(' ', surname, name, patronymic) FROM outside UNION SELECT coalesce(snils, '') FROM outside
                            UNION SELECT coalesce(email, '') FROM outside UNION SELECT coalesce(phone, '') FROM outside)`,
  );
  return rows.map((r) => r.value);
}
