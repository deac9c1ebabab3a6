import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gt, isNull, sql, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { users, roleAssignments, sessions, tutorAssignments } from './auth.schema.js';
import { staff } from '../staff/staff.schema.js';
import { territories } from '../territories/territories.schema.js';
import { organizations } from '../organizations/organizations.schema.js';
import { auditLog } from '../audit/audit.schema.js';
import { recordAudit } from '../audit/audit.service.js';
import { adminRoles, type Actor, type RoleGrant, type ScopeSet } from '../../lib/access.js';
import { AppError } from '../../lib/errors.js';
import { hashPassword, verifyPassword } from './password.js';
import { isCommonPassword } from './common-passwords.js';
import { personalDataBlocks } from '../privacy/privacy.schema.js';
import { isProcessingBlocked } from '../privacy/privacy.service.js';
import { useSecondFactor } from './second-factor.js';
import type { Role } from '../../../common/dictionaries.js';

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
  maxFailures: number;
  lockMinutes: number;
}

const readRoles: readonly Role[] = [...adminRoles, 'regional_methodologist'];

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

// A fixed hash to verify against when the login is unknown, so timing does not reveal which logins exist.
let dummyHash: Promise<string> | undefined;

/** Failed sign-ins and failed second-factor codes, both counted against the same limits. */
export const failureActions = ['auth.login_failed', 'auth.second_factor_failed'];

/** Refuses when the login (or the address) has had too many failures within the lock window;
 *  the count lives in the audit, so it survives a restart. */
export async function assertNotThrottled(db: Db, policy: SessionPolicy, loginName: string, ip: string | null): Promise<void> {
  const since = new Date(Date.now() - policy.lockMinutes * 60_000);
  const [{ byLogin, byIp }] = await db
    .select({
      byLogin: sql<number>`count(*) filter (where ${auditLog.entityId} = ${loginName})::int`,
      byIp: sql<number>`count(*) filter (where ${auditLog.ip} = ${ip ?? ''})::int`,
    })
    .from(auditLog)
    .where(and(inArray(auditLog.action, failureActions), gt(auditLog.at, since)));
  if (byLogin >= policy.maxFailures || byIp >= policy.maxFailures * 4) {
    throw new AppError(429, 'too_many_attempts', `Слишком много неудачных попыток входа. Повторите через ${policy.lockMinutes} минут.`);
  }
}

/** Records a wrong second-factor code, counted by the same throttle as wrong passwords. */
export async function recordSecondFactorFailure(db: Db, user: typeof users.$inferSelect, ip: string | null): Promise<void> {
  await recordAudit(db, { userId: user.id, login: user.login, ip }, { action: 'auth.second_factor_failed', entity: 'user', entityId: user.login, ...(await placeOfUser(db, user)) });
}

/** Checks the password (and the second factor, when the account has one), throttles repeated
 *  failures per login and per address, opens a session. */
export async function login(
  db: Db,
  policy: SessionPolicy,
  input: { login: string; password: string; code?: string; ip: string | null; userAgent: string | null },
): Promise<{ token: string; expiresAt: Date }> {
  const loginName = input.login.trim().toLowerCase();
  await assertNotThrottled(db, policy, loginName, input.ip);
  const [user] = await db.select().from(users).where(eq(users.login, loginName));
  const ok = user ? await verifyPassword(user.passwordHash, input.password) : await verifyPassword(await (dummyHash ??= hashPassword('x')), input.password);
  const blocked = !!user && (user.blockedAt !== null || (await isProcessingBlocked(db, user.staffId)));
  if (!user || !ok || blocked) {
    await recordAudit(db, { userId: user?.id ?? null, login: loginName, ip: input.ip } as never, {
      action: 'auth.login_failed',
      entity: 'user',
      entityId: loginName,
      ...(user ? await placeOfUser(db, user) : {}),
    });
    throw new AppError(401, 'bad_credentials', blocked && ok ? 'Учётная запись заблокирована' : 'Неверный логин или пароль');
  }
  let secondFactor: 'totp' | 'recovery' | null = null;
  if (user.totpEnabledAt) {
    if (!input.code?.trim()) throw new AppError(401, 'second_factor_required', 'Введите код из приложения-аутентификатора или один из кодов восстановления');
    secondFactor = await useSecondFactor(db, user, input.code);
    if (!secondFactor) {
      await recordSecondFactorFailure(db, user, input.ip);
      throw new AppError(401, 'bad_second_factor', 'Неверный или уже использованный код подтверждения');
    }
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + policy.absoluteHours * 3600_000);
  await db.insert(sessions).values({ id: tokenHash(token), userId: user.id, expiresAt, ip: input.ip, userAgent: input.userAgent?.slice(0, 300) });
  await recordAudit(db, { userId: user.id, login: user.login, ip: input.ip }, {
    action: 'auth.login',
    entity: 'user',
    entityId: user.id,
    ...(await placeOfUser(db, user)),
    after: secondFactor ? { secondFactor } : null,
  });
  return { token, expiresAt };
}

export async function logout(db: Db, actor: Actor): Promise<void> {
  await db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, actor.sessionId));
  await recordAudit(db, actor, {
    action: 'auth.logout',
    entity: 'user',
    entityId: actor.userId,
    territoryIds: [...new Set([...actor.ownTerritoryIds, ...actor.roles.flatMap((r) => (r.territoryId ? [r.territoryId] : []))])],
    organizationIds: [...new Set([...actor.ownOrganizationIds, ...actor.roles.flatMap((r) => (r.organizationId ? [r.organizationId] : []))])],
  });
}

/** The account's live sessions (neither revoked nor past their idle or absolute limit), newest first. */
export async function listSessions(db: Db, policy: SessionPolicy, actor: Actor) {
  const idleSince = new Date(Date.now() - policy.idleMinutes * 60_000);
  const rows = await db
    .select({ id: sessions.id, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, ip: sessions.ip, userAgent: sessions.userAgent })
    .from(sessions)
    .where(and(eq(sessions.userId, actor.userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date()), gt(sessions.lastSeenAt, idleSince)))
    .orderBy(desc(sessions.createdAt));
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), lastSeenAt: r.lastSeenAt.toISOString(), current: r.id === actor.sessionId }));
}

/** Ends one of the account's own sessions, or all but the current one (`id` null). */
export async function endSessions(db: Db, actor: Actor, id: string | null): Promise<number> {
  const ended = await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(sessions.userId, actor.userId),
        isNull(sessions.revokedAt),
        id ? eq(sessions.id, id) : sql`${sessions.id} <> ${actor.sessionId}`,
      ),
    )
    .returning({ id: sessions.id });
  if (id && ended.length === 0) throw new AppError(404, 'not_found', 'Сеанс не найден или уже завершён');
  await recordAudit(db, actor, { action: 'auth.sessions_end', entity: 'user', entityId: actor.userId, ...(await placeOfUser(db, (await db.select().from(users).where(eq(users.id, actor.userId)))[0])), after: { ended: ended.length } });
  return ended.length;
}

/** Where an account belongs, so its sign-ins appear in the audit of the administrators above it:
 *  the places of its roles and of its person's workplaces. */
export async function placeOfUser(db: Db, user: typeof users.$inferSelect) {
  const grants = await db.select().from(roleAssignments).where(eq(roleAssignments.userId, user.id));
  const [person] = user.staffId
    ? await db.select({ organizationIds: staff.organizationIds, territoryIds: staff.territoryIds }).from(staff).where(eq(staff.id, user.staffId))
    : [];
  return {
    territoryIds: [...new Set([...grants.flatMap((g) => (g.territoryId ? [g.territoryId] : [])), ...(person?.territoryIds ?? [])])],
    organizationIds: [...new Set([...grants.flatMap((g) => (g.organizationId ? [g.organizationId] : [])), ...(person?.organizationIds ?? [])])],
  };
}

/** Resolves a session token into the actor with their scope expanded; null when the session
 *  is unknown, revoked, expired by its absolute or idle limit, or the account is blocked. */
export async function resolveSession(db: Db, policy: SessionPolicy, token: string, ip: string | null): Promise<Actor | null> {
  const id = tokenHash(token);
  const now = new Date();
  const [row] = await db
    .select({ session: sessions, user: users, personBlocked: personalDataBlocks.staffId })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(personalDataBlocks, eq(personalDataBlocks.staffId, users.staffId))
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)));
  // a blocked account, or the account of a person whose processing is blocked (ADR 0028)
  if (!row || row.user.blockedAt || row.personBlocked) return null;
  if (now.getTime() - row.session.lastSeenAt.getTime() > policy.idleMinutes * 60_000) return null;
  // Touch at most once a minute: a write per request would serialize PGlite for nothing.
  if (now.getTime() - row.session.lastSeenAt.getTime() > 60_000) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  }
  return buildActor(db, row.user, id, ip);
}

/** The actor of an account outside any session: the demo load acts as its demo accounts (the
 *  roadmap scenario goes through the roadmap services, as a user's would). */
export async function actorOfLogin(db: Db, login: string): Promise<Actor | null> {
  const [user] = await db.select().from(users).where(eq(users.login, login));
  return user ? buildActor(db, user, 'demo-load', null) : null;
}

async function buildActor(db: Db, user: typeof users.$inferSelect, sessionId: string, ip: string | null): Promise<Actor> {
  const grants: RoleGrant[] = (
    await db.select().from(roleAssignments).where(eq(roleAssignments.userId, user.id))
  ).map((g) => ({ role: g.role as Role, territoryId: g.territoryId, organizationId: g.organizationId }));
  const read = await expandScope(db, grants.filter((g) => readRoles.includes(g.role)));
  const write = await expandScope(db, grants.filter((g) => adminRoles.includes(g.role)));
  let ownOrganizationIds: string[] = [];
  let ownTerritoryIds: string[] = [];
  if (user.staffId) {
    const [person] = await db
      .select({ organizationIds: staff.organizationIds, territoryIds: staff.territoryIds })
      .from(staff)
      .where(eq(staff.id, user.staffId));
    ownOrganizationIds = person?.organizationIds ?? [];
    ownTerritoryIds = person?.territoryIds ?? [];
  }
  return {
    userId: user.id,
    login: user.login,
    displayName: user.displayName,
    staffId: user.staffId,
    roles: grants,
    read,
    write,
    tutor: grants.some((g) => g.role === 'tutor'),
    ownOrganizationIds,
    ownTerritoryIds,
    ip,
    sessionId,
  };
}

async function expandScope(db: Db, grants: RoleGrant[]): Promise<ScopeSet> {
  const tIds = grants.flatMap((g) => (g.territoryId ? [g.territoryId] : []));
  const oIds = grants.flatMap((g) => (g.organizationId ? [g.organizationId] : []));
  const territoryIds = tIds.length
    ? (await db.select({ id: territories.id }).from(territories).where(sql`${territories.path} && ${sql.param(tIds)}::uuid[]`)).map((r) => r.id)
    : [];
  const organizationIds = oIds.length
    ? (await db.select({ id: organizations.id }).from(organizations).where(sql`${organizations.path} && ${sql.param(oIds)}::uuid[]`)).map((r) => r.id)
    : [];
  return { territoryIds, organizationIds };
}

/** What `GET /api/auth/me` tells the UI: who, with which roles, over which scope. */
export async function describeActor(db: Db, actor: Actor) {
  const tIds = [...new Set(actor.roles.flatMap((r) => (r.territoryId ? [r.territoryId] : [])))];
  const oIds = [...new Set(actor.roles.flatMap((r) => (r.organizationId ? [r.organizationId] : [])))];
  const tNames = tIds.length ? await db.select({ id: territories.id, name: territories.name }).from(territories).where(inArray(territories.id, tIds)) : [];
  const oNames = oIds.length
    ? await db.select({ id: organizations.id, name: organizations.shortName }).from(organizations).where(inArray(organizations.id, oIds))
    : [];
  const nameOf = new Map([...tNames, ...oNames].map((x) => [x.id, x.name]));
  return {
    id: actor.userId,
    login: actor.login,
    displayName: actor.displayName,
    staffId: actor.staffId,
    roles: actor.roles.map((r) => ({
      role: r.role,
      territoryId: r.territoryId,
      organizationId: r.organizationId,
      scopeName: nameOf.get(r.territoryId ?? r.organizationId ?? '') ?? null,
    })),
    scope: {
      territoryIds: actor.read.territoryIds,
      organizationCount: actor.read.organizationIds.length,
      canAdminister: actor.write.territoryIds.length + actor.write.organizationIds.length > 0,
    },
  };
}

/** Password rules for real accounts (demo accounts are exempt by design: their password is public). */
export function checkPasswordPolicy(password: string, login?: string): string | null {
  if (password.length < 10) return 'Пароль должен быть не короче 10 символов';
  if (password.length > 200) return 'Пароль должен быть не длиннее 200 символов';
  if (isCommonPassword(password) || /^(.)\1*$/.test(password)) return 'Пароль слишком простой: он есть в списках часто используемых паролей';
  if (login && password.toLowerCase().includes(login.toLowerCase())) return 'Пароль не должен содержать логин';
  return null;
}

/** Creates an account with roles: used by the admin CLI and the demo loader. */
export async function createUser(
  db: Db,
  input: { login: string; password: string; displayName: string; staffId?: string | null; roles: RoleGrant[] },
): Promise<string> {
  const [u] = await db
    .insert(users)
    .values({ login: input.login.trim().toLowerCase(), passwordHash: await hashPassword(input.password), displayName: input.displayName, staffId: input.staffId ?? null })
    .returning({ id: users.id });
  if (input.roles.length) {
    await db.insert(roleAssignments).values(input.roles.map((r) => ({ userId: u.id, ...r })));
  }
  return u.id;
}

export async function assignTutor(db: Db, tutorUserId: string, staffIds: string[]): Promise<void> {
  if (staffIds.length) await db.insert(tutorAssignments).values(staffIds.map((staffId) => ({ tutorUserId, staffId }))).onConflictDoNothing();
}

/** Accounts with the tutor role among these users, with their names. */
export async function tutorAccounts(db: Db, userIds: string[]) {
  if (!userIds.length) return new Map<string, { userId: string; displayName: string; staffId: string | null }>();
  const rows = await db
    .selectDistinct({ userId: users.id, displayName: users.displayName, staffId: users.staffId })
    .from(users)
    .innerJoin(roleAssignments, eq(roleAssignments.userId, users.id))
    .where(and(inArray(users.id, userIds), eq(roleAssignments.role, 'tutor'), isNull(users.blockedAt)));
  return new Map(rows.map((r) => [r.userId, r]));
}
