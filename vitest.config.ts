import { defineConfig } from 'vitest/config';
import SlowestFirst from './test/support/sequencer.js';

// Three tiers (DESIGN.md): unit tests next to the code, integration through app.inject on both
// database engines, e2e in Debian's Chromium. `npm test` runs all three.
//
// The machine has two cores. Unit and integration files run two at a time (group 0): most of an
// integration file's time is spent waiting on PostgreSQL, Swift or a child server, so two files
// together finish in little more than the longer one. Then the one file that restarts PostgreSQL
// runs alone (group 1), since every other file's connections would break under it. Last, the
// browser files, two at a time (group 2): a browser file leaves part of the machine idle while
// the page and the in-process server take turns, so a second one fills it. One at a time took
// about 700 s of a 21-minute CI run; two at a time, 544 s (each file slower, the phase shorter).
const INTEGRATION = ['test/integration/**/*.test.ts'];
const RESTARTS_POSTGRES = ['test/integration/database-restart.test.ts'];
// Files share their worker's modules rather than each importing the app again (half the unit
// tier's time, a few seconds per browser file). Nothing is mocked anywhere, and every file starts
// its own app and database, so no state is shared but loaded code.
const ISOLATE = false;

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    // Makes the migrated embedded database every test database starts from, once, before any file.
    globalSetup: ['./test/support/global-setup.ts'],
    sequence: { sequencer: SlowestFirst },
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'src/**/*.test.{ts,tsx}',
            'bench/**/*.test.ts',
            'test/lint/**/*.test.ts',
            'test/support/**/*.test.ts',
          ],
          environment: 'node',
          isolate: ISOLATE,
          // A hang guard, not a speed target: a property test beside a busy integration file can
          // take several times its usual second.
          testTimeout: 20_000,
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'integration',
          include: INTEGRATION,
          exclude: RESTARTS_POSTGRES,
          environment: 'node',
          isolate: ISOLATE,
          testTimeout: 30_000,
          hookTimeout: 60_000,
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'integration-alone',
          include: RESTARTS_POSTGRES,
          environment: 'node',
          isolate: ISOLATE,
          testTimeout: 30_000,
          hookTimeout: 60_000,
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          isolate: ISOLATE,
          // A hang guard, not a speed target: with two browser files at once, a test that takes
          // 25 s alone took over 60 s on a machine loaded by other work.
          testTimeout: 180_000,
          hookTimeout: 120_000,
          maxWorkers: 2,
          sequence: { groupOrder: 2 },
          // A browser on a loaded two-core machine can miss a deadline once; a real fault fails twice.
          retry: 1,
        },
      },
    ],
  },
});
