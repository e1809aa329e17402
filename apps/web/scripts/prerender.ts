import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { type Assets, preloadedFonts } from '../src/site/document.js';
import { scriptHash, speculationRules, themeScript } from '../src/site/inline-scripts.js';
import { checkHeaders, contentSecurityPolicy, headerRules, headersFile } from './headers.js';
import {
  contentHash,
  type OutputContext,
  type OutputFile,
  outputFiles,
  outputs,
  pageFiles,
} from './outputs.js';
import { contentDist } from './paths.js';
import {
  type Manifest,
  measurePage,
  type PageSize,
  printReport,
  summarise,
} from './size-report.js';

/**
 * Writes the static site into a folder: a loop over the table of outputs (scripts/outputs.ts),
 * each file written from its producer, then `_headers` derived from the same table. Checks that
 * every file in the folder is one the table knows and that `_headers` gives each its type and
 * cache policy. Ends with the size report, which fails the build when a page goes over budget.
 *
 * Incremental: given the last good build, it writes only what changed (atomic-build.mjs --stage
 * commits that into the build), and a page is rendered again only when its key changed: the code, the client assets and the page's
 * `inputs` (routes.tsx), the essay's module file among them. Pages to render are shared between
 * worker threads, one per core. The keys live in a state file beside the output; without it, or
 * when a kept page is not the bytes the state recorded, the page is rendered.
 *
 * It runs as a bundle in plain Node (scripts/build-pages.mjs builds and starts it): under a loader
 * such as tsx every essay module would be imported through the loader's thread, which cost more
 * than rendering the pages.
 */
export interface PrerenderJob {
  /** The folder to write: empty, and in the end the new build or (with `baseDir`) its changes. */
  outDir: string;
  /**
   * The last good build, when only changes are to be written (atomic-build.mjs --stage): files
   * are read from it, new and changed ones written to `outDir`, and the ones to remove listed in
   * `outDir/.atomic-remove`.
   */
  baseDir?: string;
  /** Vite's output for the client (script, stylesheet, fonts, favicon, manifest). */
  clientDir: string;
  /** Where the page keys of the last build are kept. */
  stateFile: string;
  /** Changes whenever the rendering code or the content package's runtime does. */
  codeKey: string;
  /** Render the per-essay Open Graph cards (the benchmarks time them apart). */
  cards: boolean;
  /** A host that sends no headers gets the policy as a <meta> tag (WEB_HOST=github-pages). */
  headerless: boolean;
}

interface PageResult {
  file: string;
  /** Rendered, but byte for byte what the last build has: not written. */
  unchanged: boolean;
  size: PageSize;
}

/** What the state keeps of a page: its key, its size report, and the file as it was written. */
interface PageState {
  key: string;
  size: PageSize;
  bytes: number;
  mtime: number;
}

/** What the state keeps of another file that has a version (see OutputFile.version). */
interface FileState {
  version: string;
  bytes: number;
  mtime: number;
}

interface State {
  version: 4;
  /** Every file of the build: pages and versioned files with their state, others as `{}`. */
  files: Record<string, Partial<PageState & FileState>>;
}

/** Pages a worker claims at a time from the shared counter: small enough to balance the cores. */
const chunk = 8;
/** Below this many pages to render, starting workers costs more than it saves. */
const inlineLimit = 48;

const sha1 = (data: string | Uint8Array) => createHash('sha1').update(data).digest('base64url');

function setUpContext(job: PrerenderJob) {
  const manifest: Manifest = JSON.parse(
    readFileSync(join(job.clientDir, '.vite', 'manifest.json'), 'utf8'),
  );
  const entry = (src: string) => {
    const found = manifest[src];
    if (!found) throw new Error(`Vite's manifest has no entry for ${src}`);
    return found;
  };
  const policy = { scriptHashes: [scriptHash(themeScript), scriptHash(speculationRules)] };
  const assets: Assets = {
    css: [`/${entry('src/styles/site.css').file}`],
    script: `/${entry('src/client/enhance.ts').file}`,
    fonts: preloadedFonts(manifest),
    ...(job.headerless && { metaPolicy: contentSecurityPolicy(policy, true) }),
  };
  const context: OutputContext = {
    assets,
    viteFiles: [
      ...new Set(Object.values(manifest).flatMap((chunk) => [chunk.file, ...(chunk.css ?? [])])),
    ],
    clientDir: job.clientDir,
    cards: job.cards,
    // Every card is asked for: the first hands them all to the card workers (og-images.ts).
    build: true,
  };
  return { manifest, policy, assets, context };
}

function setUp(job: PrerenderJob) {
  const set = setUpContext(job);
  return { ...set, files: outputFiles(set.context) };
}

/** Folders already made in this thread, so each file costs no mkdir call of its own. */
const madeDirs = new Set<string>();

/** Makes the folder of `target` the first time one is needed in this thread. */
function folderFor(target: string): string {
  const dir = dirname(target);
  if (!madeDirs.has(dir)) {
    mkdirSync(dir, { recursive: true });
    madeDirs.add(dir);
  }
  return target;
}

/** Writes one file of the output. */
function writeOutput(outDir: string, file: string, body: string | Uint8Array): void {
  writeFileSync(folderFor(join(outDir, file)), body);
}

/** Copies one file of the output from the file it is a copy of. */
function copyOutput(outDir: string, file: string, source: string): void {
  copyFileSync(source, folderFor(join(outDir, file)));
}

async function renderPage(
  job: PrerenderJob,
  manifest: Manifest,
  file: OutputFile,
): Promise<PageResult> {
  const html = (await file.body?.()) as string;
  // Rendered again but the same bytes (an input changed that the page does not show): left as
  // the last build has it, so the commit moves nothing.
  const previous = job.baseDir
    ? statSync(join(job.baseDir, file.file), { throwIfNoEntry: false })
    : undefined;
  const unchanged =
    previous?.size === Buffer.byteLength(html) &&
    readFileSync(join(job.baseDir ?? '', file.file), 'utf8') === html;
  if (!unchanged) writeOutput(job.outDir, file.file, html);
  const path = file.route?.path ?? file.path;
  const article = file.route?.article?.();
  return {
    file: file.file,
    unchanged,
    // Scripts and fonts are measured in the client build: the main thread may still be copying them.
    size: measurePage(job.clientDir, path, html, manifest, article),
  };
}

/**
 * Claims chunks of `order` (the files of the pages to render) from the shared counter and renders
 * them, until none are left: what every page worker does, and the main thread once its own files
 * are written.
 */
async function claimPages(
  job: PrerenderJob,
  manifest: Manifest,
  byFile: ReadonlyMap<string, OutputFile>,
  order: readonly string[],
  counter: Int32Array,
): Promise<PageResult[]> {
  const results: PageResult[] = [];
  for (;;) {
    const start = Atomics.add(counter, 0, chunk);
    if (start >= order.length) return results;
    for (const name of order.slice(start, start + chunk)) {
      const file = byFile.get(name);
      if (!file) throw new Error(`prerender worker: no page is written to ${name}`);
      results.push(await renderPage(job, manifest, file));
    }
  }
}

/** A worker's share: its own table of the pages, then pages claimed until none are left. */
export async function renderShare(
  job: PrerenderJob,
  order: readonly string[],
  counter: Int32Array,
): Promise<PageResult[]> {
  const { manifest, context } = setUpContext(job);
  const byFile = new Map(pageFiles(context).map((file) => [file.file, file]));
  return claimPages(job, manifest, byFile, order, counter);
}

/**
 * Page workers, one for each core but this thread's, which renders pages too once its other
 * files are written. scripts/build-pages.mjs starts as many early (it cannot import this file
 * before the content is ready).
 */
function pageWorkerCount(): number {
  return Math.max(1, availableParallelism() - 1);
}

async function renderInWorkers(
  job: PrerenderJob,
  order: readonly string[],
  counter: Int32Array,
  started: readonly Worker[],
): Promise<PageResult[]> {
  const count = Math.min(pageWorkerCount(), Math.ceil(order.length / inlineLimit));
  const shares = Array.from({ length: Math.max(count, started.length) }, (_, index) => {
    const early = started[index];
    const worker =
      early ?? new Worker(fileURLToPath(import.meta.url), { workerData: { job, order, counter } });
    early?.postMessage({ renderer: import.meta.url, job, order, counter });
    return new Promise<PageResult[]>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => {
        if (code !== 0) reject(new Error(`a page worker stopped with exit code ${code}`));
      });
    });
  });
  return (await Promise.all(shares)).flat();
}

function readState(stateFile: string): State | undefined {
  try {
    const state = JSON.parse(readFileSync(stateFile, 'utf8')) as State;
    return state.version === 4 ? state : undefined;
  } catch {
    return undefined;
  }
}

function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((dirent) => dirent.isFile())
    .map((dirent) => relative(dir, join(dirent.parentPath, dirent.name)).split(sep).join('/'));
}

/** What one run did, for the caller's report. */
export interface PrerenderStats {
  pages: number;
  rendered: number;
  written: number;
  cards: number;
  /** Of `seconds`, the time spent drawing (or reading cached) Open Graph cards. */
  cardSeconds: number;
  files: number;
  seconds: number;
  failures: string[];
}

/**
 * `workers`: page workers started beforehand (scripts/page-worker.mjs), all of which are given a
 * share when the pages are many enough for workers, and none otherwise: the caller ends them.
 */
export async function prerender(
  job: PrerenderJob,
  workers: readonly Worker[] = [],
): Promise<PrerenderStats> {
  const started = performance.now();
  const { manifest, policy, assets, files } = setUp(job);
  mkdirSync(job.outDir, { recursive: true });
  const { baseDir } = job;
  const previous = baseDir ? readState(job.stateFile) : undefined;
  const present = new Set(baseDir ? filesIn(baseDir) : []);

  const base = sha1(JSON.stringify([job.codeKey, assets]));
  // The compiler lists the hash of every file it wrote: an essay's module is named by its hash
  // without reading a thousand modules (hashed here only when the list lacks one).
  const keys = new Map<string, string>();
  const kept = new Map<string, PageState>();
  const order: OutputFile[] = [];
  files.forEach(({ file }) => {
    if (!file.route) return;
    const { module, ...data } = file.route.inputs;
    const moduleSha = module
      ? (contentHash(module) ?? sha1(readFileSync(join(contentDist, module))))
      : '';
    const key = sha1(JSON.stringify([base, moduleSha, data]));
    keys.set(file.file, key);
    const last = previous?.files[file.file];
    // The same inputs: keep the page, if the last build still holds the file that was written
    // (the same size and modification time, the quick check make and rsync rely on).
    if (baseDir && last?.key === key && last.size && last.bytes !== undefined) {
      const stats = statSync(join(baseDir, file.file), { throwIfNoEntry: false });
      if (stats?.size === last.bytes && stats.mtimeMs === last.mtime) {
        kept.set(file.file, { key, size: last.size, bytes: last.bytes, mtime: last.mtime });
        return;
      }
    }
    order.push(file);
  });

  const counter = new Int32Array(new SharedArrayBuffer(4));
  const pageOrder = order.map((file) => file.file);
  const onWorkers = order.length > inlineLimit;
  const rendering = onWorkers
    ? renderInWorkers(job, pageOrder, counter, workers)
    : (async () => {
        const results: PageResult[] = [];
        for (const file of order) results.push(await renderPage(job, manifest, file));
        return results;
      })();

  // Everything else, while the pages render: written only when its bytes changed.
  let written = 0;
  let cards = 0;
  let cardSeconds = 0;
  const headers = headersFile(headerRules(outputs, policy));
  const others: OutputFile[] = [
    ...files.filter(({ file }) => !file.route && file.body).map(({ file }) => file),
    ...(job.headerless ? [] : [{ path: '/_headers', file: '_headers', body: () => headers }]),
  ];
  const otherStates = new Map<string, FileState>();
  for (const file of others) {
    const last = previous?.files[file.file];
    if (baseDir && file.version && last?.version === file.version) {
      const stats = statSync(join(baseDir, file.file), { throwIfNoEntry: false });
      if (stats && stats.size === last.bytes && stats.mtimeMs === last.mtime) {
        otherStates.set(file.file, {
          version: file.version,
          bytes: stats.size,
          mtime: stats.mtimeMs,
        });
        continue;
      }
    }
    // A copy the last build does not have, or has in another version: no bytes to compare.
    if (
      file.source &&
      (!present.has(file.file) || (file.version && last?.version !== file.version))
    ) {
      copyOutput(job.outDir, file.file, file.source);
      written++;
      if (file.version) {
        const stats = statSync(join(job.outDir, file.file));
        otherStates.set(file.file, {
          version: file.version,
          bytes: stats.size,
          mtime: stats.mtimeMs,
        });
      }
      continue;
    }
    const card = file.path.startsWith('/og/');
    const cardStarted = performance.now();
    const body = (await file.body?.()) ?? '';
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    if (card) {
      cards++;
      cardSeconds += (performance.now() - cardStarted) / 1000;
    }
    const same =
      baseDir && present.has(file.file) && readFileSync(join(baseDir, file.file)).equals(bytes);
    if (!same) {
      writeOutput(job.outDir, file.file, bytes);
      written++;
    }
    if (file.version) {
      const stats = statSync(join(same && baseDir ? baseDir : job.outDir, file.file));
      otherStates.set(file.file, {
        version: file.version,
        bytes: stats.size,
        mtime: stats.mtimeMs,
      });
    }
  }

  // This thread's files are written: it takes pages from the workers' counter too.
  const ours = onWorkers
    ? await claimPages(
        job,
        manifest,
        new Map(order.map((file) => [file.file, file])),
        pageOrder,
        counter,
      )
    : [];
  const results = [...(await rendering), ...ours];
  const pageStates = new Map(kept);
  for (const { file, size, unchanged } of results) {
    const stats = statSync(join(unchanged && baseDir ? baseDir : job.outDir, file));
    pageStates.set(file, {
      key: keys.get(file) ?? '',
      size,
      bytes: stats.size,
      mtime: stats.mtimeMs,
    });
    if (!unchanged) written++;
  }

  // A file the table does not know would be served with no rule of its own. What the last build
  // holds and this one does not make (an essay removed, assets renamed) is listed for removal.
  const known = new Set([
    ...files.map(({ file }) => file.file),
    ...(job.headerless ? [] : ['_headers']),
  ]);
  const unknown = filesIn(job.outDir).filter((file) => !known.has(file));
  const removals = [...present].filter((file) => !known.has(file));
  if (removals.length > 0) writeFileSync(join(job.outDir, '.atomic-remove'), removals.join('\n'));
  const problems = [
    ...unknown.map((file) => `${file}: in the output but in no output of scripts/outputs.ts`),
    ...checkHeaders(
      headers,
      files.map(({ file, output }) => ({ path: file.path, output })),
    ),
  ];
  if (problems.length > 0)
    throw new Error(`The table of outputs and the build disagree:\n  ${problems.join('\n  ')}`);

  const state: State = {
    version: 4,
    files: Object.fromEntries(
      [...known].map((file) => [file, pageStates.get(file) ?? otherStates.get(file) ?? {}]),
    ),
  };
  mkdirSync(dirname(job.stateFile), { recursive: true });
  writeFileSync(job.stateFile, JSON.stringify(state));

  const seconds = (performance.now() - started) / 1000;
  const pages = keys.size;
  console.log(
    `prerendered ${pages} pages (${results.length} rendered, ${pages - results.length} unchanged) and ${cards} Open Graph image${cards === 1 ? '' : 's'}; ${written} of ${others.length + pages} files written in ${seconds.toFixed(2)} s`,
  );
  const fileOfPage = new Map(
    files.flatMap(({ file }) => {
      const size = pageStates.get(file.file)?.size;
      return size ? [[size.page, file.file] as const] : [];
    }),
  );
  // A page written by this build is in the output folder; one kept from the last build, in its.
  const readPage = (page: string) => {
    const file = fileOfPage.get(page) ?? '';
    const written = join(job.outDir, file);
    return readFileSync(job.baseDir && !existsSync(written) ? join(job.baseDir, file) : written);
  };
  const failures = printReport(
    summarise(
      files.flatMap(({ file }) => pageStates.get(file.file)?.size ?? []),
      readPage,
    ),
    job.clientDir,
  );
  return {
    pages,
    rendered: results.length,
    written,
    cards,
    cardSeconds,
    files: files.length,
    seconds,
    failures,
  };
}

if (!isMainThread && workerData?.job) {
  const { job, order, counter } = workerData as {
    job: PrerenderJob;
    order: string[];
    counter: Int32Array;
  };
  parentPort?.postMessage(await renderShare(job, order, counter));
}
