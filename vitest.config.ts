import { defineConfig } from 'vitest/config';

// Three tiers (DESIGN.md): unit tests next to the code, integration through app.inject on both
// database engines, e2e in Debian's Chromium. `npm test` runs all three.
export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.{ts,tsx}', 'bench/**/*.test.ts', 'test/lint/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One browser at a time: the machine has two cores.
          fileParallelism: false,
          // A browser on a loaded two-core machine can miss a deadline once; a real fault fails twice.
          retry: 1,
        },
      },
    ],
  },
});
