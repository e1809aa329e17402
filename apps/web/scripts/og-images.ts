import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { type PostMeta, site } from '@working-notes/content';
import { cacheFileOf, defaultCacheDir, readCached, writeCached } from './og-cache.js';
import { type CardText, renderCard } from './og-card.js';
import type { CardJob, CardResult } from './og-worker.js';

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
  /** Each card's PNG by its URL path. */
  pngs: Map<string, Buffer>;
  rendered: number;
  cacheHits: number;
  workers: number;
  seconds: number;
  /** The process's peak resident memory so far (VmHWM: the main thread and every worker). */
  peakRssMB: number;
}

/**
 * A 1200x630 PNG for link previews, drawn in this process (the dev server's one card on demand)
 * and cached like the build's.
 */
export async function renderOgCard(card: OgCard, { cacheDir }: OgOptions = {}): Promise<Buffer> {
  const file = cacheFileOf(card, cacheDir);
  const cached = readCached(file);
  if (cached) return cached;
  const png = await renderCard(textOf(card));
  writeCached(file, png);
  return png;
}

/**
 * Below this many cards to draw, starting workers (about 0.4 s each, to load tsx, satori and the
 * fonts) costs more than drawing them here at about 20 ms each.
 */
const workerThreshold = 24;

/**
 * Every card's PNG: cached ones read from the cache, the rest drawn by a pool of worker threads
 * (one card at a time each, so both cores stay busy to the end) that also write them to the cache.
 */
export async function renderOgCards(
  cards: readonly OgCard[],
  { concurrency = availableParallelism(), cacheDir = defaultCacheDir }: OgOptions = {},
): Promise<OgRun> {
  const started = performance.now();
  const pngs = new Map<string, Buffer>();
  const missing = new Map<string, OgCard[]>(); // by cache file: equal cards are drawn once
  for (const card of cards) {
    const file = cacheFileOf(card, cacheDir);
    const cached = readCached(file);
    if (cached) pngs.set(card.path, cached);
    else missing.set(file, [...(missing.get(file) ?? []), card]);
  }
  const jobs = [...missing].map(([cacheFile, same], id) => ({ id, cacheFile, same }));
  const workers =
    jobs.length < workerThreshold ? 0 : Math.max(1, Math.min(concurrency, jobs.length));
  const finish = (job: (typeof jobs)[number], png: Buffer) => {
    for (const card of job.same) pngs.set(card.path, png);
  };
  if (workers === 0) {
    for (const job of jobs) {
      const png = await renderCard(textOf(job.same[0] as OgCard));
      writeCached(job.cacheFile, png);
      finish(job, png);
    }
  } else {
    await drawInWorkers(jobs, workers, finish);
  }
  return {
    pngs,
    rendered: jobs.length,
    cacheHits: cards.length - [...missing.values()].reduce((sum, same) => sum + same.length, 0),
    workers,
    seconds: (performance.now() - started) / 1000,
    peakRssMB: peakRssMB(),
  };
}

interface Job {
  id: number;
  cacheFile: string;
  same: OgCard[];
}

async function drawInWorkers(
  jobs: readonly Job[],
  count: number,
  finish: (job: Job, png: Buffer) => void,
): Promise<void> {
  const queue = [...jobs];
  const pool = Array.from(
    { length: count },
    () => new Worker(new URL('./og-worker.mjs', import.meta.url)),
  );
  try {
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let current: Job | undefined;
            const next = () => {
              current = queue.shift();
              if (!current) return resolve();
              const card = current.same[0] as OgCard;
              worker.postMessage({
                id: current.id,
                text: textOf(card),
                cacheFile: current.cacheFile,
              } satisfies CardJob);
            };
            worker.on('message', (result: CardResult) => {
              if (!current) return;
              if ('error' in result) {
                const card = current.same[0] as OgCard;
                return reject(
                  new Error(`Open Graph card ${card.path} ("${card.title}"): ${result.error}`),
                );
              }
              finish(
                current,
                Buffer.from(result.png.buffer, result.png.byteOffset, result.png.byteLength),
              );
              next();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (current || queue.length > 0)
                reject(
                  new Error(
                    `an Open Graph card worker stopped (exit code ${code}) before the last card`,
                  ),
                );
            });
            next();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
}

/** Only the text goes to a worker: the card's path does not change its picture. */
const textOf = ({ site, title, footer }: OgCard): CardText => ({ site, title, footer });

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
  const png = (await run).pngs.get(card.path);
  if (!png) throw new Error(`Open Graph card ${card.path} is not among this build's cards`);
  return png;
}

/** "Open Graph cards: 1001 (1001 drawn on 2 workers, 0 from the cache) in 4.2 s, peak RSS 480 MB" */
export function describeRun(run: Omit<OgRun, 'pngs'>): string {
  const drawn = run.workers > 0 ? `drawn on ${run.workers} workers` : 'drawn in the main thread';
  return `Open Graph cards: ${run.rendered + run.cacheHits} (${run.rendered} ${drawn}, ${run.cacheHits} from the cache) in ${run.seconds.toFixed(2)} s, peak RSS ${Math.round(run.peakRssMB)} MB`;
}
