/**
 * Runs the slowest files first within each group of the run, so that two workers finish
 * together instead of one waiting on a long file that started last. Vitest orders by the last
 * run's durations when it has them; a clean clone (CI) has none and would go by file size, which
 * put the one-minute start-up test near the end. The list is from a CI run's JSON report; a
 * file not in it keeps Vitest's own order after the listed ones.
 */
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const SLOWEST_FIRST = [
  'test/integration/startup.test.ts',
  'test/integration/uploads.test.ts',
  'test/integration/backup-restore.test.ts',
  'test/integration/record-limits.test.ts',
  'test/integration/uploads-memory.test.ts',
  'test/integration/crash-safety.test.ts',
  'test/integration/hardening.test.ts',
  'test/integration/multi-instance.test.ts',
  'test/integration/body-fuzz.test.ts',
  'test/integration/receipt-keys.test.ts',
  'test/integration/sign-in-limits.test.ts',
  'test/integration/receipt-rotation.test.ts',
  'src/report/verify.test.ts',
  'src/server/log/tree.test.ts',
  'src/vault/account.test.ts',
  // Browser files, two at a time (session 9's run of the e2e project alone).
  'test/e2e/pwa.test.ts',
  'test/e2e/site.test.ts',
  'test/e2e/vault-navigation.test.ts',
  'test/e2e/safety.test.ts',
  'test/e2e/report.test.ts',
  'test/e2e/vault-extras.test.ts',
  'test/e2e/vault.test.ts',
  'test/e2e/evidence.test.ts',
  'test/e2e/pwa-offline.test.ts',
  'test/e2e/witness.test.ts',
];

export default class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const root = this.ctx.config.root;
    const rank = (spec: TestSpecification): number => {
      const at = SLOWEST_FIRST.indexOf(
        path.relative(root, spec.moduleId).split(path.sep).join('/'),
      );
      return at < 0 ? SLOWEST_FIRST.length : at;
    };
    return sorted
      .map((spec, index) => ({ spec, index }))
      .sort(
        (a, b) =>
          a.spec.project.config.sequence.groupOrder - b.spec.project.config.sequence.groupOrder ||
          a.spec.project.name.localeCompare(b.spec.project.name) ||
          rank(a.spec) - rank(b.spec) ||
          a.index - b.index,
      )
      .map(({ spec }) => spec);
  }
}
