/**
 * `npm run bench`: runs every benchmark, prints their working, then their figures last as
 * BENCH lines. `npm run bench -- page-weight` runs one.
 */
import { benchLine, type BenchFigure } from './bench.js';
import { cheapPhone } from './cheap-phone.js';
import { diaryBench } from './diary.js';
import { evidenceBench } from './evidence.js';
import { importBench } from './import.js';
import { pageWeight } from './page-weight.js';
import { vaultServer } from './vault-server.js';
import { vaultUnlock } from './vault-unlock.js';
import { vaultWrites } from './vault-writes.js';

const BENCHMARKS: Record<string, () => Promise<BenchFigure[]>> = {
  'cheap-phone': cheapPhone,
  diary: diaryBench,
  evidence: evidenceBench,
  'page-weight': pageWeight,
  import: importBench,
  log: (await import('./log.js')).logBench,
  'vault-unlock': vaultUnlock,
  'vault-writes': vaultWrites,
  'vault-server': vaultServer,
  report: async () => (await import('./report.js')).reportBench(),
};

const chosen = process.argv.slice(2);
const names = chosen.length > 0 ? chosen : Object.keys(BENCHMARKS);
const figures: BenchFigure[] = [];
for (const name of names) {
  const bench = BENCHMARKS[name];
  if (!bench) {
    console.error(`No benchmark "${name}". Known: ${Object.keys(BENCHMARKS).join(', ')}`);
    process.exit(2);
  }
  console.log(`# ${name}`);
  figures.push(...(await bench()));
}
for (const figure of figures) console.log(benchLine(figure));
