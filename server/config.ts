import path from 'node:path';
import { z } from 'zod';

const flag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.preprocess((v) => (v === '' ? undefined : v), z.url().optional()),
  DEMO: flag.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(60),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  /** Set when the product is served over HTTPS: cookies become Secure and `__Host-` prefixed. */
  COOKIE_SECURE: flag.default(false),
  TRUST_PROXY: flag.default(false),
  UPLOAD_MAX_MB: z.coerce.number().positive().default(20),
  /** Limits of the worker that parses uploaded XLSX/DOCX (ADR 0022). */
  PARSE_TIMEOUT_SECONDS: z.coerce.number().positive().default(30),
  PARSE_MEMORY_MB: z.coerce.number().int().min(16).default(256),
  PARSE_WORKERS: z.coerce.number().int().min(1).max(16).default(2),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().positive().default(15),
  /** How often the server applies the retention periods of personal data (ADR 0028); 0 = never. */
  PRIVACY_PURGE_HOURS: z.coerce.number().min(0).default(24),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  demo: boolean;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  cookieSecure: boolean;
  trustProxy: boolean;
  uploadMaxBytes: number;
  parse: { timeoutMs: number; memoryMb: number; poolSize: number };
  loginMaxFailures: number;
  loginLockMinutes: number;
  privacyPurgeHours: number;
};

/** Every setting of the product, read once from the environment. Unknown values fail fast. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    demo: e.DEMO,
    logLevel: e.LOG_LEVEL,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    cookieSecure: e.COOKIE_SECURE,
    trustProxy: e.TRUST_PROXY,
    uploadMaxBytes: Math.round(e.UPLOAD_MAX_MB * 1024 * 1024),
    parse: { timeoutMs: Math.round(e.PARSE_TIMEOUT_SECONDS * 1000), memoryMb: e.PARSE_MEMORY_MB, poolSize: e.PARSE_WORKERS },
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginLockMinutes: e.LOGIN_LOCK_MINUTES,
    privacyPurgeHours: e.PRIVACY_PURGE_HOURS,
  };
}
