import { and, eq, isNull, sql } from 'drizzle-orm';
import { renderSVG } from 'uqr';
import type { Db } from '../../db/client.js';
import { recoveryCodes, users } from './auth.schema.js';
import { recordAudit } from '../audit/audit.service.js';
import { isAdministrator, type Actor } from '../../lib/access.js';
import { AppError, forbidden } from '../../lib/errors.js';
import { assertNotThrottled, placeOfUser, recordSecondFactorFailure, type SessionPolicy } from './auth.service.js';
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, totpUri, useSecondFactor } from './second-factor.js';

/** The second factor (TOTP, ADR 0029) is offered to administrators: their accounts reach the
 *  personal data of whole schools, municipalities or the region. */
function assertAvailable(actor: Actor) {
  if (!isAdministrator(actor)) throw forbidden('Второй фактор входа подключают учётные записи администраторов');
}

async function userOf(db: Db, actor: Actor) {
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  return user;
}

export async function secondFactorStatus(db: Db, actor: Actor) {
  const user = await userOf(db, actor);
  const [{ left }] = await db
    .select({ left: sql<number>`count(*)::int` })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, actor.userId), isNull(recoveryCodes.usedAt)));
  return {
    available: isAdministrator(actor),
    enabled: Boolean(user.totpEnabledAt),
    enabledAt: user.totpEnabledAt?.toISOString() ?? null,
    recoveryCodesLeft: user.totpEnabledAt ? left : 0,
  };
}

/** A new secret, waiting for a code from the app to be confirmed; replaces one not yet confirmed. */
export async function enrolSecondFactor(db: Db, actor: Actor) {
  assertAvailable(actor);
  const user = await userOf(db, actor);
  if (user.totpEnabledAt) throw new AppError(409, 'already_enabled', 'Второй фактор уже подключён. Чтобы сменить приложение, сначала отключите его.');
  const secret = newTotpSecret();
  await db.update(users).set({ totpSecret: secret, totpLastStep: null }).where(eq(users.id, user.id));
  const uri = totpUri(secret, user.login);
  const svg = renderSVG(uri, { border: 2, pixelSize: 6 });
  return { secret, uri, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

/** Checks a code of the actor's own second factor, counting a wrong one like a wrong password. */
async function checkCode(db: Db, policy: SessionPolicy, actor: Actor, code: string, recovery: boolean) {
  const user = await userOf(db, actor);
  await assertNotThrottled(db, policy, user.login, actor.ip);
  if (!user.totpSecret) throw new AppError(409, 'not_enrolled', 'Сначала получите секрет для приложения-аутентификатора');
  const used = await useSecondFactor(db, user, code, { recovery });
  if (!used) {
    await recordSecondFactorFailure(db, user, actor.ip);
    throw new AppError(422, 'bad_second_factor', 'Неверный или уже использованный код', {
      fields: [{ field: 'code', message: recovery ? 'Введите код из приложения или один из кодов восстановления' : 'Введите шесть цифр, которые сейчас показывает приложение' }],
    });
  }
  return user;
}

async function replaceRecoveryCodes(db: Db, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await db.insert(recoveryCodes).values(codes.map((c) => ({ userId, codeHash: hashRecoveryCode(c) })));
  return codes;
}

/** Turns the second factor on with the first code from the app; returns the recovery codes,
 *  shown this once (only their hashes are kept). */
export async function confirmSecondFactor(db: Db, policy: SessionPolicy, actor: Actor, code: string) {
  assertAvailable(actor);
  if ((await userOf(db, actor)).totpEnabledAt) throw new AppError(409, 'already_enabled', 'Второй фактор уже подключён');
  // the code is checked (and a wrong one recorded) outside the transaction, so the failure counts
  const user = await checkCode(db, policy, actor, code, false);
  return db.transaction(async (t) => {
    await t.update(users).set({ totpEnabledAt: new Date() }).where(eq(users.id, user.id));
    const codes = await replaceRecoveryCodes(t, user.id);
    await recordAudit(t, actor, { action: 'auth.second_factor_enable', entity: 'user', entityId: user.id, ...(await placeOfUser(t, user)) });
    return { recoveryCodes: codes };
  });
}

/** Turns the second factor off, on a code from the app or a recovery code. */
export async function disableSecondFactor(db: Db, policy: SessionPolicy, actor: Actor, code: string): Promise<void> {
  if (!(await userOf(db, actor)).totpEnabledAt) throw new AppError(409, 'not_enabled', 'Второй фактор не подключён');
  const user = await checkCode(db, policy, actor, code, true);
  await db.transaction(async (t) => {
    await t.update(users).set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null }).where(eq(users.id, user.id));
    await t.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    await recordAudit(t, actor, { action: 'auth.second_factor_disable', entity: 'user', entityId: user.id, ...(await placeOfUser(t, user)) });
  });
}

/** New recovery codes in place of the old ones (all of which stop working), on a code from the app. */
export async function renewRecoveryCodes(db: Db, policy: SessionPolicy, actor: Actor, code: string) {
  if (!(await userOf(db, actor)).totpEnabledAt) throw new AppError(409, 'not_enabled', 'Второй фактор не подключён');
  const user = await checkCode(db, policy, actor, code, false);
  return db.transaction(async (t) => {
    const codes = await replaceRecoveryCodes(t, user.id);
    await recordAudit(t, actor, { action: 'auth.recovery_codes_renew', entity: 'user', entityId: user.id, ...(await placeOfUser(t, user)) });
    return { recoveryCodes: codes };
  });
}
