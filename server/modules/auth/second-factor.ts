import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import type { Db } from '../../db/client.js';
import { recoveryCodes, users } from './auth.schema.js';

/** TOTP as authenticator apps expect it (RFC 6238): SHA-1, 6 digits, 30-second steps. */
const period = 30;
const issuer = 'РСНМС';

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpOf(secret: string, login = '') {
  return new TOTP({ issuer, label: login, algorithm: 'SHA1', digits: 6, period, secret: Secret.fromBase32(secret) });
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export const totpUri = (secret: string, login: string) => totpOf(secret, login).toString();

/** The code for a moment: what the user's app shows (tests compute real codes with it). */
export const totpCode = (secret: string, timestamp = Date.now()) => totpOf(secret).generate({ timestamp });

/** The time step a code belongs to when it matches within one step either way (clock drift), else null. */
export function totpStep(secret: string, code: string, timestamp = Date.now()): number | null {
  const delta = totpOf(secret).validate({ token: code, timestamp, window: 1 });
  return delta === null ? null : Math.floor(timestamp / 1000 / period) + delta;
}

/** Ten one-time recovery codes of 80 random bits, shown as XXXX-XXXX-XXXX-XXXX (base32). */
export function newRecoveryCodes(count = 10): string[] {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(16);
    const chars = Array.from(bytes, (b) => alphabet[b % 32]).join('');
    return chars.match(/.{4}/g)!.join('-');
  });
}

/** Recovery codes carry 80 random bits, so a plain SHA-256 keeps them safe at rest. */
export const hashRecoveryCode = (code: string) =>
  createHash('sha256')
    .update(code.replace(/[\s-]/g, '').toUpperCase())
    .digest('hex');

export const normalizeCode = (code: string) => code.replace(/\s/g, '');
const isTotpShape = (code: string) => /^\d{6}$/.test(code);

/** Checks a code against an account's second factor and uses it up: a TOTP code moves the last
 *  accepted step on (the same code is not accepted twice), a recovery code is marked used.
 *  Takes a pending secret too (for the confirming code), when `pending` is set. */
export async function useSecondFactor(
  db: Db,
  user: Pick<typeof users.$inferSelect, 'id' | 'totpSecret' | 'totpLastStep'>,
  rawCode: string,
  options: { recovery: boolean } = { recovery: true },
): Promise<'totp' | 'recovery' | null> {
  const code = normalizeCode(rawCode);
  if (!user.totpSecret) return null;
  if (isTotpShape(code)) {
    const step = totpStep(user.totpSecret, code);
    if (step === null || (user.totpLastStep !== null && step <= user.totpLastStep)) return null;
    // conditional update: of two concurrent uses of one code, only one moves the step on
    const moved = await db
      .update(users)
      .set({ totpLastStep: step })
      .where(and(eq(users.id, user.id), sql`coalesce(${users.totpLastStep}, -1) < ${step}`))
      .returning({ id: users.id });
    return moved.length ? 'totp' : null;
  }
  if (!options.recovery || code.length > 40) return null;
  const used = await db
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(and(eq(recoveryCodes.userId, user.id), eq(recoveryCodes.codeHash, hashRecoveryCode(code)), isNull(recoveryCodes.usedAt)))
    .returning({ userId: recoveryCodes.userId });
  return used.length ? 'recovery' : null;
}
