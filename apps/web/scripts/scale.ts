import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
// The content benchmark's generator: ~850-word essays with headings, a link and a code block.
import { writeCorpus } from '../../../packages/content/bench/corpus.js';
import { webRoot } from './paths.js';

/**
 * pnpm bench (web): the site built from synthetic corpora of 1 and 5000 essays by the same
 * prerender, then checked by the same static-output tests (valid HTML on every page, no broken
 * link or #anchor). Prints figures; fails only when a build or a check fails.
 *
 * Each size gets a stand-in `@working-notes/content` in a temporary folder, compiled by the real
 * compiler from the synthetic essays; scripts/content-override.mjs points the prerender's imports
 * at it. The real dist/ is never touched.
 */
const sizes = (process.env.SCALE_SIZES ?? '1,5000').split(',').map(Number);
const contentRoot = dirname(
  createRequire(import.meta.url).resolve('@working-notes/content/package.json'),
);
const run = (command: string, args: string[], env: Record<string, string> = {}) =>
  execFileSync(command, args, {
    cwd: webRoot,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

function folderStats(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const stats = statSync(join(dir, entry));
    if (stats.isFile()) {
      files++;
      bytes += stats.size;
    }
  }
  return { files, bytes };
}

const rows: string[][] = [];
for (const size of sizes) {
  const root = mkdtempSync(join(tmpdir(), `wn-scale-${size}-`));
  try {
    const essays = join(root, 'essays');
    writeCorpus(essays, size);
    const content = join(root, 'node_modules', '@working-notes', 'content');
    mkdirSync(content, { recursive: true });
    cpSync(join(contentRoot, 'package.json'), join(content, 'package.json'));
    cpSync(join(contentRoot, 'dist'), join(content, 'dist'), { recursive: true });

    let started = performance.now();
    run(process.execPath, [
      join(contentRoot, 'build', 'compiler', 'cli.js'),
      '--essays',
      essays,
      '--out',
      join(content, 'dist'),
      '--no-cache',
    ]);
    const compileTime = seconds(started);

    const site = join(root, 'site');
    const env = {
      WEB_OUT_DIR: site,
      WORKING_NOTES_CONTENT: content,
      // Cards are linear and slow (see prerender.ts); one essay still gets its card.
      WEB_OG_IMAGES: size > 100 ? 'off' : 'on',
    };
    run(process.execPath, [
      join(webRoot, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--outDir',
      site,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ]);
    started = performance.now();
    const report = run(
      process.execPath,
      ['--import', 'tsx', '--import', './scripts/content-override.mjs', 'scripts/prerender.ts'],
      env,
    );
    const prerenderTime = seconds(started);
    console.log(`\n${size} essay${size === 1 ? '' : 's'}:\n${report.trimEnd()}`);

    started = performance.now();
    run(
      process.execPath,
      [
        join(webRoot, 'node_modules', 'vitest', 'vitest.mjs'),
        'run',
        'test/static-output.test.ts',
        '--reporter',
        'dot',
      ],
      env,
    );
    const checkTime = seconds(started);

    const { files, bytes } = folderStats(site);
    rows.push([
      String(size),
      compileTime,
      prerenderTime,
      checkTime,
      String(files),
      `${(bytes / 1024 / 1024).toFixed(1)} MB`,
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const header = ['essays', 'content compile', 'prerender', 'HTML + link checks', 'files', 'site'];
const widths = header.map((title, column) =>
  Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
);
const line = (cells: string[]) =>
  cells.map((cell, column) => cell.padStart(widths[column] ?? 0)).join('  ');
console.log(`\nsite at scale (every page valid HTML, no broken links or #anchors):\n`);
console.log(line(header));
for (const row of rows) console.log(line(row));
