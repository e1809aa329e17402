import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from '../../../packages/content/bench/corpus.js';
import { type OgOptions, type OgRun, ogCards, renderOgCards } from './og-images.js';
import { webRoot } from './paths.js';

/**
 * The Open Graph cards' benchmark: every card of the essays `@working-notes/content` resolves to,
 * drawn from an empty cache, then again from the full one (a rebuild). Prints cards rendered,
 * cache hits, seconds and the process's peak RSS (main thread and workers: VmHWM).
 *
 *   pnpm --filter @working-notes/web exec node --import tsx scripts/og-bench.ts [essays...]
 *
 * builds a synthetic corpus of each size (1000 by default) with the content benchmark's
 * generator and the real compiler, and measures each in a fresh process that loads nothing but
 * the cards. Also prints the cards' bytes on disk, all of them together. `measureOgCards()` is the same measurement for a caller whose content is already
 * in place (the site benchmark).
 */
export interface OgFigures {
  essays: number;
  cold: Omit<OgRun, 'files'>;
  warm: Omit<OgRun, 'files'>;
  /** Every card's PNG, added up. */
  bytes: number;
}

export async function measureOgCards(options: OgOptions = {}): Promise<OgFigures> {
  const { posts } = await import('@working-notes/content');
  const cacheDir = options.cacheDir ?? mkdtempSync(join(tmpdir(), 'wn-og-cache-'));
  try {
    const cards = ogCards(posts);
    const { files, ...cold } = await renderOgCards(cards, { ...options, cacheDir });
    const { files: _warm, ...warm } = await renderOgCards(cards, { ...options, cacheDir });
    let bytes = 0;
    for (const file of new Set(files.values())) bytes += statSync(file).size;
    return { essays: posts.length, cold, warm, bytes };
  } finally {
    if (!options.cacheDir) rmSync(cacheDir, { recursive: true, force: true });
  }
}

export function formatOgFigures({ essays, cold, warm, bytes }: OgFigures): string {
  const run = (label: string, figures: Omit<OgRun, 'files'>) =>
    `${label}: ${figures.rendered} rendered, ${figures.cacheHits} cache hits, ${figures.seconds.toFixed(2)} s (CPU ${figures.cpuSeconds.toFixed(2)} s), ${figures.workers} workers, peak RSS ${Math.round(figures.peakRssMB)} MB`;
  const size = `${cold.rendered + cold.cacheHits} cards, ${bytes} bytes (${(bytes / 1e6).toFixed(1)} MB)`;
  return `Open Graph cards for ${essays} essays\n  ${run('empty cache', cold)}\n  ${run('full cache ', warm)}\n  on disk    : ${size}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.env.WORKING_NOTES_CONTENT) {
    console.log(formatOgFigures(await measureOgCards()));
  } else {
    const sizes = process.argv.slice(2).map(Number);
    for (const size of sizes.length > 0 ? sizes : [1000]) benchSize(size);
  }
}

/** A stand-in content package compiled from `size` synthetic essays, measured in a child. */
function benchSize(size: number): void {
  const contentRoot = dirname(
    createRequire(import.meta.url).resolve('@working-notes/content/package.json'),
  );
  const root = mkdtempSync(join(tmpdir(), `wn-og-bench-${size}-`));
  try {
    writeCorpus(join(root, 'essays'), size);
    const content = join(root, 'node_modules', '@working-notes', 'content');
    mkdirSync(content, { recursive: true });
    cpSync(join(contentRoot, 'package.json'), join(content, 'package.json'));
    cpSync(join(contentRoot, 'dist'), join(content, 'dist'), { recursive: true });
    execFileSync(process.execPath, [
      join(contentRoot, 'build', 'compiler', 'cli.js'),
      ...['--essays', join(root, 'essays'), '--out', join(content, 'dist'), '--no-cache'],
    ]);
    execFileSync(
      process.execPath,
      ['--import', 'tsx', '--import', './scripts/content-override.mjs', 'scripts/og-bench.ts'],
      { cwd: webRoot, env: { ...process.env, WORKING_NOTES_CONTENT: content }, stdio: 'inherit' },
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
