import { defineConfig } from 'vitest/config';

// Five projects: plain unit tests once; the HTTP integration suite (*.api.test.ts) on PGlite
// and again on a real PostgreSQL server; system tests of the real server process; browser tests
// in headless Chromium.
const apiTests = ['server/**/*.api.test.ts', 'tests/api/**/*.test.ts'];

export default defineConfig({
  test: {
    // two files at a time: most files wait on a database or a child process half the time (vitest
    // would run one at a time on two cores); the browser files still run one after another
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['server/**/*.test.ts', 'common/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: apiTests,
          environment: 'node',
        },
      },
      {
        test: {
          name: 'pglite',
          // The hostile-file run (ADR 0022) tests uploads, not SQL, and the API fuzzing (ADR 0029)
          // the validation and error paths: once, on PGlite.
          include: [...apiTests, 'tests/hostile/**/*.test.ts', 'tests/fuzz/**/*.test.ts'],
          env: { TEST_DB: 'pglite' },
          // lets the hostile-file run measure memory after a full collection, not garbage
          execArgv: ['--expose-gc'],
          globalSetup: ['server/db/test-global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'postgres',
          include: apiTests,
          env: { TEST_DB: 'postgres' },
          globalSetup: ['server/db/test-global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        // the real server in child processes, killed and restarted (crash durability)
        test: {
          name: 'system',
          include: ['tests/system/**/*.test.ts'],
          // alone, after the others: its servers take both cores, and the timed loads of the unit
          // project (the demo region «well under a minute») took 50 s beside it instead of 21 s
          sequence: { groupOrder: 1 },
          testTimeout: 900_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          sequence: { groupOrder: 2 },
          globalSetup: ['tests/e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
