import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import type { TestProject } from 'vitest/node';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Builds the web UI if stale and starts the product as `npm start` does, on a fresh data
 *  directory with the demo region, for the browser tests. */
export default async function setup(project: TestProject) {
  if (!fs.existsSync(chromiumPath)) {
    if (process.env.CI) throw new Error(`Chromium is required in CI at ${chromiumPath}`);
    project.provide('e2eBaseUrl', '');
    return;
  }
  const root = path.resolve(import.meta.dirname, '../..');
  const build = spawnSync('node', ['scripts/build-web-if-stale.mjs'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('web build failed');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rsnms-e2e-'));
  const port = 3900 + (process.pid % 90);
  const server: ChildProcess = spawn('node', ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DEMO: '1', LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error('server did not start in 240 s');
    await new Promise((r) => setTimeout(r, 500));
  }
  project.provide('e2eBaseUrl', baseUrl);
  return async () => {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2eBaseUrl: string;
  }
}
