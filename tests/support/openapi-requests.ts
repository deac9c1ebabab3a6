import { randomUUID } from 'node:crypto';

/**
 * Requests built from the OpenAPI document: valid values from parameter and body schemas (the
 * common cases of what zod emits), ids for path parameters from what the lists showed. Shared by
 * the API fuzzing and the mass-assignment test (ADR 0029).
 */
export type Schema = Record<string, any>;
export type Operation = { method: string; path: string; op: Schema };
export type Body = { kind: 'json'; value: unknown } | { kind: 'form'; value: Record<string, unknown> } | { kind: 'raw'; value: string; type: string } | null;
export type Req = { label: string; path: string; query: Record<string, string>; body: Body; mutated: boolean };
type Client = { request(path: string, init?: RequestInit): Promise<Response> };

export const operationsOf = (doc: Schema): Operation[] =>
  Object.entries<Schema>(doc.paths).flatMap(([path, item]) => Object.entries<Schema>(item).map(([method, op]) => ({ method, path, op })));

/** Percent-encodes a path segment; a lone surrogate becomes invalid UTF-8 bytes, a mutation too. */
export const segment = (v: string) => {
  try {
    return encodeURIComponent(v);
  } catch {
    return '%ED%A0%80';
  }
};

export const pick = <T,>(xs: readonly T[], rnd: () => number): T => xs[Math.floor(rnd() * xs.length)];

/** A seeded generator, so a failing run repeats. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => ((state = (state * 1103515245 + 12345) >>> 0), state / 2 ** 32);
}

export function requestMaker(doc: Schema) {
  /** Ids seen in list answers, by the list they came from. */
  const idPool = new Map<string, string[]>();

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


  /** Ids for path parameters: what the parameterless lists show this client. */
  async function collectIds(client: Client) {
    for (const o of operationsOf(doc)) {
      if (o.method !== 'get' || o.path.includes('{') || paramsOf(o.op, 'query').some((p) => p.required)) continue;
      const res = await client.request(o.path);
      if (!(res.headers.get('content-type') ?? '').includes('json')) continue;
      const body = await res.json().catch(() => null);
      const ids = [...JSON.stringify(body).matchAll(/"id":"([0-9a-f-]{36})"/g)].map((m) => m[1]);
      if (ids.length) idPool.set(o.path, [...new Set([...(idPool.get(o.path) ?? []), ...ids.slice(0, 20)])]);
    }
  }

  return { resolve, validValue, idFor, paramsOf, requestBodyOf, validRequest, collectIds };
}

export function toInit(o: Operation, r: Req): { url: string; init: RequestInit } {
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

