import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { webRoot } from './paths.js';

/** What one step of `pnpm site` reports about itself (see WORKING_NOTES_REPORT). */
export interface SiteStep {
  step: 'compile' | 'pages';
  seconds?: number;
  milliseconds?: number;
  /** Of the compile step: its phases in milliseconds (see the compiler's CompileStats). */
  phases?: { search?: number };
  /** Of the pages step: its Vite builds (or their cache), done while the compile runs. */
  prepareSeconds?: number;
  /** Of the pages step: when the content could be read (the compile had ended). */
  readySeconds?: number;
  /** Of the pages step: the prerender alone (rendering and writing every output). */
  renderSeconds?: number;
  rendered?: number;
  pages?: number;
  written?: number;
  cards?: number;
  cardSeconds?: number;
  maxRssKb: number;
}

export interface SiteRun {
  /** Wall clock of the whole command, from outside. */
  wall: number;
  compile: SiteStep;
  pages: SiteStep;
}

/**
 * One build by the documented command (scripts/build-site.mjs), with each step's own figures read
 * back from the report file it is given. Throws with the command's output when it fails: what the
 * benchmark and the incremental-build test both run.
 */
export function runSite(options: {
  essays: string;
  out: string;
  cache: string;
  report: string;
  cards?: boolean;
}): SiteRun {
  writeFileSync(options.report, '');
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    [
      join(webRoot, 'scripts', 'build-site.mjs'),
      '--essays',
      options.essays,
      '--out',
      options.out,
      '--cache',
      options.cache,
      ...(options.cards ? ['--cards'] : []),
    ],
    { encoding: 'utf8', env: { ...process.env, WORKING_NOTES_REPORT: options.report } },
  );
  const wall = (performance.now() - started) / 1000;
  if (result.status !== 0)
    throw new Error(`pnpm site failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
  const steps = readFileSync(options.report, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as SiteStep);
  const compile = steps.find((step) => step.step === 'compile');
  const pages = steps.find((step) => step.step === 'pages');
  if (!compile || !pages) throw new Error(`pnpm site reported no figures in ${options.report}`);
  return { wall, compile, pages };
}
