import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { startTestApp, type TestApp, type TestClient } from '../../server/db/testing.js';

/**
 * API fuzzing from the OpenAPI document (issue 7): every operation gets valid requests built
 * from its parameter and body schemas and mutated ones (wrong types, huge strings, unicode and
 * NUL, missing fields, bad uuids, negative numbers, injected SQL and HTML), sent as several demo
 * roles and anonymously. Every answer must be below 500, an error must have the house shape
 * {error:{code,message}}, a success must match the operation's response schema, and no body may
 * carry a stack trace or a file path.
 */

type Schema = Record<string, any>;
type Operation = { method: string; path: string; op: Schema };
type Body = { kind: 'json'; value: unknown } | { kind: 'form'; value: Record<string, unknown> } | { kind: 'raw'; value: string; type: string } | null;
type Req = { label: string; path: string; query: Record<string, string>; body: Body; mutated: boolean };

const roles = ['region', 'school', 'teacher', 'tutor'] as const;
/** Operations that would end the fuzzing sessions themselves. */
const skipped = new Set(['POST /api/auth/logout', 'POST /api/auth/sessions/end-others']);

const hostileStrings = [
  "'; DROP TABLE staff; --",
  "' OR '1'='1",
  '1 UNION SELECT password_hash FROM users --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '\u0000',
  'a\u0000b',
  '😀👩‍🏫🇷🇺',
  '\u202eRTL\u202c',
  '\ud800', // a lone surrogate
  '%00%27%22',
  '../../../../etc/passwd',
  '${jndi:ldap://x}',
  '=HYPERLINK("http://x")',
  '   ',
  '',
  'x'.repeat(100_000),
];
const badUuids = ['not-a-uuid', '00000000-0000-0000-0000-000000000000', "' OR 1=1 --", '-1', '123', 'ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ', '%2e%2e%2f', 'x'.repeat(5000)];
const hostileValues: unknown[] = [null, -1, -2147483649, 1e308, 0.5, true, [], {}, [null], { $ne: null }, '9'.repeat(400), -0];
const stackTrace = /\n\s+at [\w.<>]+ \(|\bat (?:async )?[\w.]+ \(?(?:file:|node:|\/)|\/work\/|node_modules|\.tsx?:\d+:\d+|\.m?js:\d+:\d+|PostgresError|error: relation|syntax error at/i;

let app: TestApp | null;
let doc: Schema;
let ajv: InstanceType<typeof Ajv2020>;
let clients: Record<(typeof roles)[number], TestClient>;
/** Ids seen in list answers, by the first path segments of the list they came from. */
const idPool = new Map<string, string[]>();

beforeAll(async () => {
  app = await startTestApp();
  if (!app) return;
  doc = await (await app.request('/api/openapi.json')).json();
  // one schema document for every $ref of the OpenAPI components
  const text = JSON.stringify(doc.components).replaceAll('"#/components/', '"doc#/components/');
  ajv = new Ajv2020({ strict: false, allErrors: false, logger: false, validateFormats: true });
  (addFormats as unknown as (a: unknown) => void)(ajv);
  ajv.addSchema({ $id: 'doc', components: JSON.parse(text) });
  clients = Object.fromEntries(await Promise.all(roles.map(async (r) => [r, await app!.as(r)]))) as typeof clients;
}, 300_000);
afterAll(async () => app?.close());

const resolve = (s: Schema | undefined): Schema | undefined => {
  if (!s) return s;
  if (s.$ref) return resolve(s.$ref.replace('#/components/schemas/', '').split('/').reduce((_: unknown, k: string) => doc.components.schemas[k], null));
  if (s.allOf) return resolve(Object.assign({}, ...s.allOf.map((x: Schema) => resolve(x))));
  return s;
};

const candidates = ['Иванова', 'Учитель', 'Школа', '1234567890', '+7 900 123-45-67', '123-456-789 01', 'abcDEF12_-abcdefghijklmnop.ics', '12', 'a'.repeat(64).replace(/a/g, 'f'), 'текст'];

/** A value that satisfies the schema (the common cases of what zod emits). */
function validValue(s0: Schema | undefined, rnd: () => number, depth = 0): unknown {
  const s = resolve(s0);
  if (!s) return 'x';
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[Math.floor(rnd() * s.enum.length)];
  if (s.anyOf || s.oneOf) {
    const options = (s.anyOf ?? s.oneOf).filter((x: Schema) => resolve(x)?.type !== 'null');
    return validValue(options[Math.floor(rnd() * options.length)] ?? { type: 'null' }, rnd, depth);
  }
  const type = Array.isArray(s.type) ? (s.type.find((t: string) => t !== 'null') ?? 'null') : s.type;
  switch (type) {
    case 'null':
      return null;
    case 'boolean':
      return rnd() < 0.5;
    case 'integer':
    case 'number': {
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 0);
      const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : Math.max(min, 100));
      const n = min + rnd() * (Math.min(max, min + 1000) - min);
      return type === 'integer' ? Math.ceil(n) : n;
    }
    case 'array': {
      const count = Math.max(s.minItems ?? 0, depth > 2 ? 0 : Math.min(s.maxItems ?? 3, 1 + Math.floor(rnd() * 2)));
      return Array.from({ length: count }, () => validValue(s.items, rnd, depth + 1));
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries<Schema>(s.properties ?? {})) {
        if ((s.required ?? []).includes(k) || rnd() < 0.5) out[k] = validValue(v, rnd, depth + 1);
      }
      return out;
    }
    default: {
      if (s.format === 'uuid') return anyId(rnd);
      if (s.format === 'date') return `2026-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`;
      if (s.format === 'date-time') return new Date(Date.UTC(2026, Math.floor(rnd() * 12), 10, 9)).toISOString();
      if (s.format === 'email') return 'teacher@example.org';
      if (s.format === 'uri') return 'https://example.org/page';
      if (s.format === 'binary') return 'binary';
      if (s.pattern) {
        const re = new RegExp(s.pattern.replace(/\/u$/, ''), 'u');
        const hit = candidates.find((c) => re.test(c));
        if (hit) return hit;
      }
      const min = s.minLength ?? 1;
      const base = 'Проверка ' + Math.floor(rnd() * 1e6);
      const value = base.padEnd(min, 'я');
      return s.maxLength ? value.slice(0, s.maxLength) : value;
    }
  }
}

function anyId(rnd: () => number): string {
  const all = [...idPool.values()].flat();
  return all.length && rnd() < 0.8 ? all[Math.floor(rnd() * all.length)] : randomUUID();
}

function idFor(path: string, rnd: () => number): string {
  // the list the path's record belongs to: /api/staff/{id}/x → /api/staff
  const base = path.split('/{')[0];
  const ids = idPool.get(base) ?? [];
  return ids.length && rnd() < 0.9 ? ids[Math.floor(rnd() * ids.length)] : anyId(rnd);
}

/** Percent-encodes a path segment; a lone surrogate becomes invalid UTF-8 bytes, a mutation too. */
const segment = (v: string) => {
  try {
    return encodeURIComponent(v);
  } catch {
    return '%ED%A0%80';
  }
};

const pick = <T,>(xs: readonly T[], rnd: () => number): T => xs[Math.floor(rnd() * xs.length)];

function paramsOf(op: Schema, where: string): Schema[] {
  return (op.parameters ?? []).filter((p: Schema) => p.in === where);
}

function requestBodyOf(op: Schema): { type: string; schema: Schema } | null {
  const content = op.requestBody?.content;
  if (!content) return null;
  const type = Object.keys(content)[0];
  return { type, schema: resolve(content[type].schema) ?? {} };
}

function validRequest(o: Operation, rnd: () => number): Req {
  let path = o.path;
  for (const p of paramsOf(o.op, 'path')) {
    const s = resolve(p.schema)!;
    const v = s.format === 'uuid' ? idFor(o.path, rnd) : String(validValue(s, rnd));
    path = path.replace(`{${p.name}}`, segment(v));
  }
  const query: Record<string, string> = {};
  for (const p of paramsOf(o.op, 'query')) {
    if (p.required || rnd() < 0.4) query[p.name] = String(validValue(p.schema, rnd));
  }
  const rb = requestBodyOf(o.op);
  const body: Body = !rb ? null : rb.type === 'multipart/form-data' ? { kind: 'form', value: validValue(rb.schema, rnd) as Record<string, unknown> } : { kind: 'json', value: validValue(rb.schema, rnd) };
  return { label: 'valid', path, query, body, mutated: false };
}

/** One mutation of a valid request, chosen by the generator. */
function mutate(o: Operation, base: Req, rnd: () => number): Req {
  const r: Req = structuredClone(base);
  r.mutated = true;
  const pathParams = paramsOf(o.op, 'path');
  const queryParams = paramsOf(o.op, 'query');
  const rb = requestBodyOf(o.op);
  const choices: (() => void)[] = [];
  if (pathParams.length)
    choices.push(() => {
      const p = pick(pathParams, rnd);
      let path = o.path;
      for (const q of pathParams) path = path.replace(`{${q.name}}`, q === p ? segment(pick([...badUuids, ...hostileStrings.slice(0, 14)], rnd)) : encodeURIComponent(idFor(o.path, rnd)));
      r.path = path;
      r.label = `path ${p.name}`;
    });
  if (queryParams.length)
    choices.push(() => {
      const p = pick(queryParams, rnd);
      r.query[p.name] = String(pick([...hostileStrings, ...badUuids, '-5', '1e999', 'NaN', '99999999999999999999'], rnd));
      r.label = `query ${p.name}`;
    });
  if (rb?.type === 'application/json') {
    const props = Object.keys(rb.schema.properties ?? {});
    choices.push(() => {
      r.body = { kind: 'raw', value: pick(['{', '{"a":', 'null', '[]', '"x"', '{"__proto__":{"admin":true}}', '\u0000', 'x'.repeat(10_000)], rnd), type: 'application/json' };
      r.label = 'broken JSON';
    });
    if (props.length) {
      choices.push(() => {
        const k = pick(props, rnd);
        (r.body as { value: Record<string, unknown> }).value = { ...(r.body as { value: Record<string, unknown> }).value, [k]: pick([...hostileValues, ...hostileStrings], rnd) };
        r.label = `body ${k} wrong/hostile`;
      });
      choices.push(() => {
        const v = { ...((r.body as { value: Record<string, unknown> }).value ?? {}) };
        for (const k of rb.schema.required ?? props.slice(0, 1)) delete v[k];
        r.body = { kind: 'json', value: v };
        r.label = 'required fields missing';
      });
      choices.push(() => {
        // every string field with a hostile string, every uuid with a bad one
        const v = { ...((r.body as { value: Record<string, unknown> }).value ?? {}) };
        for (const [k, s0] of Object.entries<Schema>(rb.schema.properties ?? {})) {
          const s = resolve(s0)!;
          if (s.format === 'uuid') v[k] = pick(badUuids, rnd);
          else if (s.type === 'string' || (Array.isArray(s.type) && s.type.includes('string'))) v[k] = pick(hostileStrings, rnd);
          else if (s.type === 'integer' || s.type === 'number') v[k] = pick([-1, -1e9, 1e15, 0.5], rnd);
        }
        r.body = { kind: 'json', value: v };
        r.label = 'all fields hostile';
      });
    }
  }
  if (rb?.type === 'multipart/form-data')
    choices.push(() => {
      r.body = { kind: 'form', value: Object.fromEntries(Object.keys(rb.schema.properties ?? { file: 1 }).map((k) => [k, pick(hostileStrings.slice(0, 10), rnd)])) };
      r.label = 'hostile form fields';
    });
  if (!choices.length)
    choices.push(() => {
      r.query[pick(['limit', 'cursor', 'q', 'id', '__proto__'], rnd)] = pick(hostileStrings, rnd);
      r.label = 'stray query';
    });
  pick(choices, rnd)();
  return r;
}

function toInit(o: Operation, r: Req): { url: string; init: RequestInit } {
  const qs = new URLSearchParams(r.query).toString();
  const init: RequestInit = { method: o.method.toUpperCase(), headers: {} };
  if (r.body?.kind === 'json') {
    init.body = JSON.stringify(r.body.value);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  } else if (r.body?.kind === 'raw') {
    init.body = r.body.value;
    (init.headers as Record<string, string>)['content-type'] = r.body.type;
  } else if (r.body?.kind === 'form') {
    const form = new FormData();
    for (const [k, v] of Object.entries(r.body.value ?? {})) {
      if (v === 'binary' || (Array.isArray(v) && v.includes('binary'))) form.append(k, new File([Buffer.from('PK\u0003\u0004 not really a zip')], 'файл.xlsx', { type: 'application/octet-stream' }));
      else if (v !== undefined) form.append(k, typeof v === 'string' ? v : JSON.stringify(v));
    }
    init.body = form;
  }
  return { url: r.path + (qs ? `?${qs}` : ''), init };
}

type Finding = { who: string; method: string; url: string; label: string; status: number; problem: string; body: string };

describe('API fuzzing from the OpenAPI document', () => {
  it('gives no 5xx, no answer off its schema and no stack trace', async (t) => {
    if (!app) return t.skip();
    const ops: Operation[] = Object.entries<Schema>(doc.paths).flatMap(([path, item]) =>
      Object.entries<Schema>(item).map(([method, op]) => ({ method, path: path.replace(/\{(\w+)\}/g, '{$1}'), op })),
    );
    // ids for path parameters: what the lists show the regional administrator
    for (const o of ops) {
      if (o.method !== 'get' || o.path.includes('{') || paramsOf(o.op, 'query').some((p) => p.required)) continue;
      const res = await clients.region.request(o.path);
      if (!(res.headers.get('content-type') ?? '').includes('json')) continue;
      const body = await res.json().catch(() => null);
      const ids = [...JSON.stringify(body).matchAll(/"id":"([0-9a-f-]{36})"/g)].map((m) => m[1]);
      if (ids.length) idPool.set(o.path, [...new Set([...(idPool.get(o.path) ?? []), ...ids.slice(0, 20)])]);
    }

    const findings: Finding[] = [];
    const counts = { requests: 0, valid: 0, mutated: 0, ok2xx: 0, validated: 0, err4xx: 0 };
    const rnd = fc.sample(fc.integer(), { numRuns: 1, seed: 7 })[0] >>> 0;
    let state = rnd || 1;
    const random = () => ((state = (state * 1103515245 + 12345) >>> 0), state / 2 ** 32);

    const send = async (who: string, client: { request(p: string, i?: RequestInit): Promise<Response> }, o: Operation, r: Req) => {
      const { url, init } = toInit(o, r);
      const res = await client.request(url, init);
      counts.requests++;
      counts[r.mutated ? 'mutated' : 'valid']++;
      const type = res.headers.get('content-type') ?? '';
      const binary = !/json|text|html|calendar/.test(type);
      const text = binary ? '' : await res.text();
      const note = (problem: string) => findings.push({ who, method: o.method.toUpperCase(), url: url.slice(0, 200), label: r.label, status: res.status, problem, body: text.slice(0, 300) });
      if (res.status >= 500) note('5xx');
      if (stackTrace.test(text)) note('stack trace or file path in the body');
      if (res.status >= 400) {
        counts.err4xx++;
        const body = safeJson(text);
        if (!body || typeof body.error?.code !== 'string' || typeof body.error?.message !== 'string') note('error not in the house shape');
      } else if (res.status >= 200 && res.status < 300 && type.includes('application/json')) {
        counts.ok2xx++;
        const schema = o.op.responses?.[String(res.status)]?.content?.['application/json']?.schema;
        if (!schema) note(`status ${res.status} not in the document`);
        else {
          const validate = ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/')));
          if (!validate(safeJson(text))) note(`response off its schema: ${ajv.errorsText(validate.errors).slice(0, 300)}`);
          counts.validated++;
        }
      } else if (res.status >= 200 && res.status < 300 && !o.op.responses?.[String(res.status)]) {
        note(`status ${res.status} not in the document`);
      }
    };

    // reads first, then writes, deletes last: later requests still find records to act on
    const order = (m: string) => ({ get: 0, post: 1, put: 1, patch: 1, delete: 2 })[m] ?? 1;
    const sorted = ops.filter((o) => !skipped.has(`${o.method.toUpperCase()} ${o.path}`)).sort((a, b) => order(a.method) - order(b.method));
    for (const o of sorted) {
      for (const role of roles) {
        const valid = validRequest(o, random);
        await send(role, clients[role], o, valid);
        const mutations = role === 'region' || role === 'teacher' ? 4 : 1;
        for (let i = 0; i < mutations; i++) await send(role, clients[role], o, mutate(o, validRequest(o, random), random));
      }
      await send('anonymous', app, o, mutate(o, validRequest(o, random), random));
    }

    console.log(
      `fuzz: ${counts.requests} requests to ${sorted.length} operations (${counts.valid} valid, ${counts.mutated} mutated); ` +
        `${counts.ok2xx} JSON successes (${counts.validated} checked against their schema), ${counts.err4xx} refusals; ` +
        `5xx: ${findings.filter((f) => f.problem === '5xx').length}, off schema: ${findings.filter((f) => f.problem.startsWith('response off') || f.problem.startsWith('error not') || f.problem.startsWith('status')).length}, stack traces: ${findings.filter((f) => f.problem.startsWith('stack')).length}`,
    );
    for (const f of findings.slice(0, 40)) console.log(JSON.stringify(f));
    expect(counts.requests).toBeGreaterThanOrEqual(2000);
    expect(findings).toEqual([]);
  }, 600_000);
});

function safeJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
