import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context, Next } from 'hono';
import type { Db, DatabaseKind } from '../db/client.js';
import type { Actor } from './access.js';
import type { Config } from '../config.js';
import { unauthorized } from './errors.js';

// Field messages of validation errors in Russian.
z.config(z.locales.ru());

export interface AppDeps {
  db: Db;
  databaseKind: DatabaseKind;
  config: Config;
}

export type AppEnv = { Variables: { actor: Actor | null; deps: AppDeps } };

/** Every module builds its routes on this, so validation errors share one Russian shape. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const fields = result.error.issues.map((i) => ({ field: i.path.join('.') || '(запрос)', message: i.message }));
        return c.json({ error: { code: 'validation', message: 'Проверьте правильность заполнения полей', fields } }, 422);
      }
    },
  });
}

export function requireActor(c: Context<AppEnv>): Actor {
  const actor = c.get('actor');
  if (!actor) throw unauthorized();
  return actor;
}

export const deps = (c: Context<AppEnv>) => c.get('deps');

// ---- shared OpenAPI schemas ----

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    }),
  })
  .openapi('Error');

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });

/** The error answers every authenticated endpoint may give. */
export const commonErrors = {
  401: errorResponse('Требуется вход'),
  403: errorResponse('Недостаточно прав'),
  404: errorResponse('Не найдено или вне области доступа'),
  409: errorResponse('Запись изменена другим пользователем'),
  422: errorResponse('Ошибка проверки данных'),
} as const;

export const IdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

export const PageQuery = z.object({
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(2000).optional(),
});

export function pageOf<T extends z.ZodTypeAny>(item: T, name: string) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable(), total: z.number().int() }).openapi(name);
}

export const jsonBody = <T extends z.ZodTypeAny>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

export const jsonOk = <T extends z.ZodTypeAny>(schema: T, description = 'Успешно') => ({
  description,
  content: { 'application/json': { schema } },
});

export const fileOk = (mime: string, description: string) => ({
  description,
  content: { [mime]: { schema: z.string().openapi({ format: 'binary' }) } },
});

/** Query booleans arrive as text. */
export const queryBool = z.enum(['true', 'false']).transform((v) => v === 'true');

/** The caller's address: the socket's, or the first X-Forwarded-For hop when the deployment
 *  says a trusted proxy sets it (otherwise anyone could forge it and dodge throttling). */
export function clientIp(c: Context<AppEnv>): string | null {
  if (deps(c).config.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  return (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress ?? null;
}

const hasNul = (v: unknown): boolean =>
  typeof v === 'string' ? v.includes('\u0000') : Array.isArray(v) ? v.some(hasNul) : v !== null && typeof v === 'object' ? Object.entries(v).some(([k, x]) => hasNul(k) || hasNul(x)) : false;

/** PostgreSQL text cannot hold the NUL character: a query or a JSON field carrying one is refused
 *  here with a field message, not by the database with a 500 (found by the API fuzzing, ADR 0029).
 *  Files (multipart) may contain any bytes and are not looked at. */
export async function refuseNulCharacters(c: Context<AppEnv>, next: Next) {
  const url = c.req.url;
  let bad = /%00/.test(url);
  if (!bad && (c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) {
    const text = await c.req.text(); // cached by Hono: the validator reads the same body after this
    if (text.includes('\\u0000')) {
      try {
        bad = hasNul(JSON.parse(text));
      } catch {
        /* malformed JSON: the validator answers it */
      }
    }
  }
  if (bad) {
    return c.json({ error: { code: 'validation', message: 'Проверьте правильность заполнения полей', fields: [{ field: '(запрос)', message: 'Запрос содержит недопустимый символ NUL' }] } }, 422);
  }
  await next();
}
