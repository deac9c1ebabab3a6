import fs from 'node:fs';
import path from 'node:path';

export interface DataDirLock {
  release(): void;
}

export class DataDirLockedError extends Error {}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** PGlite has no multi-process locking of its own: a second process writing the same
 *  directory corrupts it, so we refuse to start while a live process holds the lock. */
export function acquireDataDirLock(dir: string): DataDirLock {
  const file = path.join(dir, 'rsnms.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          try {
            if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
          } catch {
            /* already gone */
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(fs.readFileSync(file, 'utf8').trim());
      if (owner && processAlive(owner)) {
        throw new DataDirLockedError(
          `Каталог данных ${dir} уже открыт другим процессом (pid ${owner}). Остановите его или укажите другой DATA_DIR.`,
        );
      }
      fs.unlinkSync(file); // stale lock of a process that died
    }
  }
  throw new DataDirLockedError(`Не удалось захватить каталог данных ${dir}`);
}
