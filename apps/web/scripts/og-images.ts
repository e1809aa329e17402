import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { type PostMeta, site } from '@working-notes/content';
import { cacheFileOf, readCached, writeCached } from './og-cache.js';
import type { CardText } from './og-card.js';
import { drawingPipeline } from './og-pipeline.js';
import type { CardResult, CardShare } from './og-worker.js';
import { webRoot } from './paths.js';

/**
 * Where drawn cards are kept: beside the site build's other caches when WORKING_NOTES_SITE_CACHE
 * moves them (`pnpm site --cache`, the benchmark's cold builds), else in node_modules/.cache.
 */
export const defaultCacheDir = process.env.WORKING_NOTES_SITE_CACHE
  ? join(resolve(process.env.WORKING_NOTES_SITE_CACHE), 'og-images')
  : join(webRoot, 'node_modules', '.cache', 'og-images');

/** One link-preview card: its URL path and its text. */
export interface OgCard extends CardText {
  path: string;
}

/** The site's default card, then one per essay. */
export function ogCards(posts: readonly PostMeta[]): OgCard[] {
  return [
    {
      path: '/og/default.png',
      site: site.title,
      title: site.description.split(',')[0] ?? site.title,
      footer: new URL(site.url).host,
    },
    ...posts.map((post) => ({
      path: `/og/${post.slug}.png`,
      site: site.title,
      title: post.title,
      footer: `${post.date} · ${post.readingTime} min read`,
    })),
  ];
}

export interface OgOptions {
  /** Worker threads drawing at once; the machine's cores by default. */
  concurrency?: number;
  /** Where drawn cards are kept between builds; node_modules/.cache/og-images by default. */
  cacheDir?: string;
}

/** What one run did, for the build's log and the benchmark. */
export interface OgRun {
  /** Each card's PNG file in the cache, by the card's URL path (read them with `readFileSync`). */
  files: Map<string, string>;
  rendered: number;
  cacheHits: number;
  workers: number;
  seconds: number;
  /** CPU time of the whole process (every thread) during the run: twice `seconds` is two busy cores. */
  cpuSeconds: number;
  /** The process's peak resident memory so far (VmHWM: the main thread and every worker). */
  peakRssMB: number;
}

/**
 * A 1200x630 PNG for link previews, drawn in this process (the dev server's one card on demand)
 * and cached like the build's.
 */
export async function renderOgCard(
  card: OgCard,
  { cacheDir = defaultCacheDir }: OgOptions = {},
): Promise<Buffer> {
  const file = cacheFileOf(card, (await drawingPipeline()).hash, cacheDir);
  const cached = readCached(file);
  if (cached) return cached;
  const png = await drawHere(textOf(card));
  writeCached(file, png);
  return png;
}

/**
 * Below this many cards to draw, starting workers (to load satori, resvg and the fonts) costs
 * more than drawing them here.
 */
const workerThreshold = 24;

/**
 * Every card into the cache: those already there are left alone, the rest are drawn by a pool of
 * worker threads (each claims one card at a time, so every core stays busy to the end) that write
 * them there. No PNG passes through this thread; the caller reads the files it needs.
 */
export async function renderOgCards(
  cards: readonly OgCard[],
  { concurrency = availableParallelism(), cacheDir = defaultCacheDir }: OgOptions = {},
): Promise<OgRun> {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const { hash, workerFile } = await drawingPipeline();
  const files = new Map<string, string>();
  const missing = new Map<string, OgCard>(); // by cache file: equal cards are drawn once
  let cacheHits = 0;
  for (const card of cards) {
    const file = cacheFileOf(card, hash, cacheDir);
    files.set(card.path, file);
    if (existsSync(file)) cacheHits++;
    else missing.set(file, card);
  }
  const jobs = [...missing].map(([cacheFile, card]) => ({ cacheFile, card }));
  const workers = jobs.length < workerThreshold ? 0 : Math.min(concurrency, jobs.length);
  if (workers === 0) {
    for (const job of jobs) writeCached(job.cacheFile, await drawHere(textOf(job.card)));
  } else {
    await drawInWorkers(workerFile, jobs, workers);
  }
  return {
    files,
    rendered: jobs.length,
    cacheHits,
    workers,
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: cpuSecondsSince(cpuBefore),
    peakRssMB: peakRssMB(),
  };
}

interface Job {
  cacheFile: string;
  card: OgCard;
}

/**
 * Each rendered image holds native memory until V8 collects its wrapper, and V8 does not count
 * that memory. With V8's default heap limits (tens of MB of satori's garbage between scavenges, an
 * old generation free to grow) two workers held 3.4 GB for a thousand cards when each painted the
 * whole card. A 16 MB young generation keeps scavenges frequent, so the images are freed within a
 * few cards; 6 MB saved no memory and cost CPU in collections (8.7 s against 7.2 s for 1001
 * cards, medians of three on a quiet machine), and 48 MB, tried again once cards were painted in
 * parts, cost more CPU and memory. Capping the old generation (128 or 256 MB) lowered the peak by
 * about 70 MB but cost a quarter more CPU (11.1 s against 8.9 s), so it is not.
 */
async function drawInWorkers(workerFile: string, jobs: readonly Job[], count: number) {
  const share: CardShare = {
    jobs: jobs.map(({ card, cacheFile }) => ({ text: textOf(card), cacheFile })),
    counter: new Int32Array(new SharedArrayBuffer(4)),
  };
  await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(workerFile, {
            workerData: share,
            resourceLimits: { maxYoungGenerationSizeMb: 16 },
            // Not the parent's `--import tsx` (and the benchmark's content override): the bundle
            // is plain JavaScript, and each worker would start a module-hooks thread of its own.
            execArgv: [],
            // React's JSX runtime (it builds the template's elements) in its production build:
            // the development one checks and records every element, for the same SVG.
            env: { ...process.env, NODE_ENV: 'production' },
          });
          let failure: Error | undefined;
          worker.on('message', (result: CardResult) => {
            if ('error' in result) {
              const { path, title } = jobs[result.index]?.card ?? { path: '?', title: '?' };
              failure = new Error(`Open Graph card ${path} ("${title}"): ${result.error}`);
            }
          });
          worker.on('error', (error) => {
            failure ??= error;
          });
          worker.on('exit', (code) => {
            if (failure) reject(failure);
            else if (code !== 0)
              reject(new Error(`an Open Graph card worker stopped (exit code ${code})`));
            else resolve();
          });
        }),
    ),
  );
}

/** Satori and resvg load into this thread only when a card is drawn here, not for a pool. */
async function drawHere(text: CardText): Promise<Buffer> {
  const { renderCard } = await import('./og-render.js');
  return renderCard(text);
}

/** Only the text goes to a worker: the card's path does not change its picture. */
const textOf = ({ site, title, footer }: OgCard): CardText => ({ site, title, footer });

function cpuSecondsSince(before: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(before);
  return (user + system) / 1e6;
}

/** The process's peak resident set in MB: VmHWM on Linux, getrusage's maxrss elsewhere. */
export function peakRssMB(): number {
  try {
    const kb = /VmHWM:\s*(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Number(kb) / 1024;
  } catch {}
  return process.resourceUsage().maxRSS / 1024;
}

const builds = new WeakMap<object, Promise<OgRun>>();

/**
 * One card of a build, when the build asks for every card: the first request starts
 * `renderOgCards` for all of them and the rest wait on that one run, so the workers get the whole
 * list at once however the caller loops. `build` is any object that lives as long as the build
 * (its output context); the run's figures are logged when it ends.
 */
export async function cardOfBuild(
  build: object,
  cards: readonly OgCard[],
  card: OgCard,
  log: (line: string) => void = console.log,
): Promise<Buffer> {
  let run = builds.get(build);
  if (!run) {
    run = renderOgCards(cards).then((done) => {
      log(describeRun(done));
      return done;
    });
    builds.set(build, run);
  }
  const file = (await run).files.get(card.path);
  if (!file) throw new Error(`Open Graph card ${card.path} is not among this build's cards`);
  return readFileSync(file);
}

/** "Open Graph cards: 1001 (1001 drawn on 2 workers, 0 from the cache) in 4.2 s, peak RSS 480 MB" */
export function describeRun(run: Omit<OgRun, 'files'>): string {
  const drawn = run.workers > 0 ? `drawn on ${run.workers} workers` : 'drawn in the main thread';
  return `Open Graph cards: ${run.rendered + run.cacheHits} (${run.rendered} ${drawn}, ${run.cacheHits} from the cache) in ${run.seconds.toFixed(2)} s (${run.cpuSeconds.toFixed(1)} s of CPU), peak RSS ${Math.round(run.peakRssMB)} MB`;
}
