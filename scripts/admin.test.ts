import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, it, expect } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../server/db/client.js';
import { users, roleAssignments } from '../server/db/schema.js';
import { verifyPassword } from '../server/modules/auth/password.js';

const admin = (dataDir: string, args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', ...env },
  });

describe('admin CLI for a deployment without demo data', () => {
  it('creates the region and its first administrator, refusing a weak password', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rsnms-admin-'));
    const region = admin(dir, ['create-region', '--name', 'Пермский край', '--code', '59']);
    expect(region.status, region.stderr).toBe(0);
    expect(region.stdout).toMatch(/Регион создан: Пермский край/);

    const weak = admin(dir, ['create-user', '--login', 'ivanova', '--name', 'Иванова Мария Петровна', '--role', 'regional_admin', '--territory', 'Пермский край'], { ADMIN_PASSWORD: 'short' });
    expect(weak.status).toBe(2);
    expect(weak.stderr).toMatch(/не короче 10 символов/);

    const ok = admin(dir, ['create-user', '--login', 'Ivanova', '--name', 'Иванова Мария Петровна', '--role', 'regional_admin', '--territory', 'Пермский край'], { ADMIN_PASSWORD: 'Kama-River-2026' });
    expect(ok.status, ok.stderr).toBe(0);
    const again = admin(dir, ['create-user', '--login', 'ivanova', '--name', 'Другая', '--role', 'regional_admin', '--territory', 'Пермский край'], { ADMIN_PASSWORD: 'Kama-River-2026' });
    expect(again.stderr).toMatch(/уже занят/);
  }, 120_000);

  it('stores the account with an argon2id hash and a role over the region', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rsnms-admin-'));
    admin(dir, ['create-region', '--name', 'Кировская область']);
    admin(dir, ['create-user', '--login', 'petrov', '--name', 'Петров Иван', '--role', 'regional_admin', '--territory', 'Кировская область'], { ADMIN_PASSWORD: 'Vyatka-2026-long' });
    const database = await openDatabase({ dataDir: dir });
    try {
      const [u] = await database.db.select().from(users).where(eq(users.login, 'petrov'));
      expect(u.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(u.passwordHash, 'Vyatka-2026-long')).toBe(true);
      const roles = await database.db.select().from(roleAssignments).where(eq(roleAssignments.userId, u.id));
      expect(roles).toHaveLength(1);
      expect(roles[0].role).toBe('regional_admin');
      expect(roles[0].territoryId).toBeTruthy();
    } finally {
      await database.close();
    }
  }, 120_000);
});
