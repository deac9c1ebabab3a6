// Administrator's command line for a deployment without demo data:
//   npm run admin -- create-region --name "Пермский край" [--code 59]
//   npm run admin -- create-user --login ivanova --name "Иванова Мария Петровна" --role regional_admin --territory "Пермский край"
// The password is read from ADMIN_PASSWORD or asked on the terminal. DATABASE_URL / DATA_DIR as for the server.
import { parseArgs } from 'node:util';
import readline from 'node:readline/promises';
import { eq, or, sql } from 'drizzle-orm';
import { loadConfig } from '../server/config.js';
import { openDatabase, type Db } from '../server/db/client.js';
import { territories, organizations } from '../server/db/schema.js';
import { createUser, checkPasswordPolicy } from '../server/modules/auth/auth.service.js';
import { recordAudit } from '../server/modules/audit/audit.service.js';
import { roleCodes, type Role } from '../common/dictionaries.js';

const usage = `Команды:
  create-region --name НАЗВАНИЕ [--code КОД]
  create-user --login ЛОГИН --name "ФИО" --role РОЛЬ (--territory НАЗВАНИЕ|ID | --organization НАЗВАНИЕ|ID)
Роли: ${roleCodes.join(', ')}
Пароль берётся из ADMIN_PASSWORD или запрашивается.`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { name: { type: 'string' }, code: { type: 'string' }, login: { type: 'string' }, role: { type: 'string' }, territory: { type: 'string' }, organization: { type: 'string' } },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

async function findOne<T>(rows: Promise<T[]>, what: string): Promise<T> {
  const found = await rows;
  if (found.length !== 1) fail(found.length ? `${what}: найдено несколько, укажите id` : `${what}: не найдено`);
  return found[0];
}

const isUuid = (s: string) => /^[0-9a-f-]{36}$/i.test(s);

async function run(db: Db) {
  const cli = { userId: null, login: 'cli', ip: 'cli' } as never;
  switch (positionals[0]) {
    case 'create-region': {
      if (!values.name) fail(usage);
      const id = crypto.randomUUID();
      await db.insert(territories).values({ id, kind: 'region', name: values.name, code: values.code ?? null, path: [id] });
      await recordAudit(db, cli, { action: 'territory.create', entity: 'territory', entityId: id, territoryIds: [id], after: { name: values.name } });
      console.log(`Регион создан: ${values.name} (${id})`);
      return;
    }
    case 'create-user': {
      const role = values.role as Role;
      if (!values.login || !values.name || !roleCodes.includes(role) || (!values.territory && !values.organization)) fail(usage);
      const password = process.env.ADMIN_PASSWORD ?? (await readline.createInterface({ input: process.stdin, output: process.stdout }).question('Пароль: '));
      const problem = checkPasswordPolicy(password, values.login);
      if (problem) fail(problem);
      const territory = values.territory
        ? await findOne(db.select().from(territories).where(isUuid(values.territory) ? eq(territories.id, values.territory) : eq(territories.name, values.territory)), 'Территория')
        : null;
      const organization = values.organization
        ? await findOne(
            db
              .select()
              .from(organizations)
              .where(isUuid(values.organization) ? eq(organizations.id, values.organization) : or(eq(organizations.shortName, values.organization), eq(organizations.fullName, values.organization))),
            'Организация',
          )
        : null;
      const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(sql`users`).where(sql`login = ${values.login.toLowerCase()}`);
      if (n) fail(`Логин ${values.login} уже занят`);
      const id = await createUser(db, { login: values.login, password, displayName: values.name, roles: [{ role, territoryId: territory?.id ?? null, organizationId: organization?.id ?? null }] });
      await recordAudit(db, cli, { action: 'user.create', entity: 'user', entityId: id, territoryIds: territory ? [territory.id] : [], organizationIds: organization ? [organization.id] : [], after: { login: values.login, role } });
      console.log(`Пользователь ${values.login} создан (${id})`);
      return;
    }
    default:
      fail(usage);
  }
}

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await run(database.db);
} finally {
  await database.close();
}
