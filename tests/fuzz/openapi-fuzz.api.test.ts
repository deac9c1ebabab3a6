import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { startTestApp, type TestApp, type TestClient } from '../../server/db/testing.js';
import { operationsOf, pick, requestMaker, seeded, segment, toInit, type Operation, type Req, type Schema } from '../support/openapi-requests.js';

/**
 * API fuzzing from the OpenAPI document (issue 7): every operation gets valid requests built
 * from its parameter and body schemas and mutated ones (wrong types, huge strings, unicode and
 * NUL, missing fields, bad uuids, negative numbers, injected SQL and HTML), sent as several demo
 * roles and anonymously. Every answer must be below 500, an error must have the house shape
 * {error:{code,message}}, a success must match the operation's response schema, and no body may
 * carry a stack trace or a file path.
 */


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
let maker: ReturnType<typeof requestMaker>;

beforeAll(async () => {
  app = await startTestApp();
  if (!app) return;
  doc = await (await app.request('/api/openapi.json')).json();
  // one schema document for every $ref of the OpenAPI components
  const text = JSON.stringify(doc.components).replaceAll('"#/components/', '"doc#/components/');
  ajv = new Ajv2020({ strict: false, allErrors: false, logger: false, validateFormats: true });
  (addFormats as unknown as (a: unknown) => void)(ajv);
  ajv.addSchema({ $id: 'doc', components: JSON.parse(text) });
  maker = requestMaker(doc);
  clients = Object.fromEntries(await Promise.all(roles.map(async (r) => [r, await app!.as(r)]))) as typeof clients;
}, 300_000);
afterAll(async () => app?.close());

/** One mutation of a valid request, chosen by the generator. */
function mutate(o: Operation, base: Req, rnd: () => number): Req {
  const { paramsOf, requestBodyOf, idFor, resolve } = maker;
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

type Finding = { who: string; method: string; url: string; label: string; status: number; problem: string; body: string };

describe('API fuzzing from the OpenAPI document', () => {
  it('gives no 5xx, no answer off its schema and no stack trace', async (t) => {
    if (!app) return t.skip();
    const ops = operationsOf(doc);
    const { validRequest } = maker;
    // ids for path parameters: what the lists show the regional administrator
    await maker.collectIds(clients.region);

    const findings: Finding[] = [];
    const counts = { requests: 0, valid: 0, mutated: 0, ok2xx: 0, validated: 0, err4xx: 0 };
    const random = seeded(Number(process.env.FUZZ_SEED) || 7);

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
