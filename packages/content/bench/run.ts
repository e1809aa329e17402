import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeCorpus } from './corpus.js';
import { storageOf } from './storage.js';
import { table } from './table.js';

/**
 * pnpm bench: cold build, one-essay rebuild (warm compiler, as in watch mode), rebuild in a new
 * process from the disk cache, peak memory and output size for 100, 1000 and 5000 synthetic
 * essays. Figures only; nothing here passes or fails.
 */
const sizes = (process.env.BENCH_SIZES ?? '100,1000,5000').split(',').map(Number);
const here = new URL('.', import.meta.url).pathname;
const rows: string[][] = [];
const phaseRows: string[] = [];

// Every size's files stay until the end. Deleting tens of megabytes makes this machine's disk
// (ext4 with online discard) slow to create files for a while afterwards, and that would be
// timed as the next size's write phase.
const roots: string[] = [];
process.on('exit', () => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

for (const size of sizes) {
  const root = mkdtempSync(join(tmpdir(), `wn-bench-${size}-`));
  roots.push(root);
  const essays = join(root, 'essays');
  writeCorpus(essays, size);
  // Start each measurement with a quiet disk: flush the corpus just written (and the last size's
  // clean-up) so the build does not pay for writes that belong to the setup.
  execFileSync('sync');
  const out = join(root, 'out');
  const cache = join(root, 'cache');
  const result = JSON.parse(
    execFileSync(
      process.execPath,
      ['--import', 'tsx', join(here, 'measure.ts'), essays, out, cache],
      { encoding: 'utf8' },
    ),
  );

  // The same edit again, now from a new process that only has the disk cache: the built CLI, as
  // `pnpm build` runs it (the TypeScript source would hash differently and miss the cache).
  const first = readdirSync(essays).sort()[0] ?? '';
  appendFileSync(join(essays, first, 'index.md'), '\nAnd another one.\n');
  const started = performance.now();
  execFileSync(
    process.execPath,
    [
      join(here, '..', 'build', 'compiler', 'cli.js'),
      '--essays',
      essays,
      '--out',
      out,
      '--cache',
      cache,
    ],
    { encoding: 'utf8' },
  );
  const processMs = performance.now() - started;

  const { search, ...steps } = result.coldPhases as Record<string, number>;
  const phases = Object.entries(steps).map(
    ([name, ms]) =>
      // Building the search indexes is part of emitting the output.
      `${name} ${(ms / 1000).toFixed(2)}${name === 'emit' && search !== undefined ? ` (of which search ${(search / 1000).toFixed(2)})` : ''}`,
  );
  phaseRows.push(`${String(size).padStart(6)}  ${phases.join(', ')} s`);
  rows.push([
    String(size),
    `${(result.coldMs / 1000).toFixed(2)} s`,
    `${(result.coldMs / size).toFixed(2)} ms`,
    `${result.rebuildMs.toFixed(0)} ms`,
    `${processMs.toFixed(0)} ms`,
    `${result.peakRssMb.toFixed(0)} MB`,
    `${(result.outputBytes / 1024 / 1024).toFixed(1)} MB`,
  ]);
}

const header = [
  'essays',
  'cold build',
  'per essay',
  'rebuild, 1 edit (warm)',
  'rebuild, new process',
  'peak RSS',
  'output',
];
console.log(
  `\ncontent compiler benchmark: ~850-word essays, 4 headings, 1 highlighted block; ${availableParallelism()} cores, Node ${process.version}; in ${storageOf(tmpdir())}\n`,
);
console.log(table(header, rows));
console.log('\nWhere the cold build spends its time:');
for (const row of phaseRows) console.log(row);
console.log(
  '\nTargets: 1000 essays cold < 2.5 s; a one-essay edit rebuilds < 150 ms (warm compiler, as pnpm dev runs it).',
);
