import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, it, expect } from 'vitest';
import { acquireDataDirLock, DataDirLockedError } from './data-dir-lock.js';
import { openDatabase } from './client.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'rsnms-lock-'));

describe('data directory lock', () => {
  it('refuses a second holder while the first is alive, and frees on release', () => {
    const dir = tmp();
    const lock = acquireDataDirLock(dir);
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    expect(() => acquireDataDirLock(dir)).toThrow(/уже открыт другим процессом/);
    lock.release();
    acquireDataDirLock(dir).release();
  });

  it('takes over the lock of a process that died', () => {
    const dir = tmp();
    // a pid that no longer exists: a child that has already exited
    const dead = spawnSync(process.execPath, ['-e', 'process.pid']).pid!;
    fs.writeFileSync(path.join(dir, 'rsnms.lock'), String(dead));
    const lock = acquireDataDirLock(dir);
    expect(fs.readFileSync(path.join(dir, 'rsnms.lock'), 'utf8')).toBe(String(process.pid));
    lock.release();
  });

  it('keeps a second PGlite from opening the same data directory', async () => {
    const dir = tmp();
    const first = await openDatabase({ dataDir: dir });
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(DataDirLockedError);
    await first.close();
    const again = await openDatabase({ dataDir: dir });
    await again.close();
  }, 60_000);
});
