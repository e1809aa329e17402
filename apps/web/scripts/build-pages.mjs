#!/usr/bin/env node
// Builds the site into OUT_DIR (the package's `build:into`, run by atomic-build.mjs):
//
//   1. the client (script, stylesheet, fonts) with Vite, into a cache folder named by the hash of
//      its sources, so a build whose client code did not change reuses it;
//   2. the renderer (scripts/prerender.ts and the React components) with Vite's SSR build, cached
//      the same way, into plain ESM that runs without a loader: under tsx, every one of a
//      thousand essay modules would be imported through the loader's thread, slower than
//      rendering the pages;
//   3. the pages, by that renderer, which re-renders only pages whose inputs changed.
//
// Plain JavaScript for the same reason: this process imports the renderer, so it must not run
// under tsx. WORKING_NOTES_CONTENT names another build of @working-notes/content to render (the
// whole-site command, scripts/build-site.mjs); by default it is the workspace package.
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { passGate } from './content-gate.mjs';

// A production build whatever the caller's environment (tests run with NODE_ENV=test): Vite
// compiles JSX for React's production runtime, and React, picking its build from NODE_ENV when
// first loaded, renders the same bytes about a third faster than its development build.
process.env.NODE_ENV = 'production';
const started = performance.now();
const webRoot = dirname(dirname(fileURLToPath(import.meta.url)));
const repoRoot = resolve(webRoot, '..', '..');
if (!process.env.OUT_DIR) {
  console.error('build-pages: OUT_DIR must name the folder to build into');
  process.exit(2);
}
const outDir = resolve(process.env.OUT_DIR);
// atomic-build.mjs builds in a fresh folder beside the target: the state belongs to the target.
const target = resolve(process.env.ATOMIC_BUILD_TARGET ?? outDir);
const contentRoot = process.env.WORKING_NOTES_CONTENT
  ? resolve(process.env.WORKING_NOTES_CONTENT)
  : dirname(createRequire(import.meta.url).resolve('@working-notes/content/package.json'));
const contentDist = join(contentRoot, 'dist');
// WORKING_NOTES_SITE_CACHE moves every cache of this build (a cold benchmark starts with none).
const cacheRoot = process.env.WORKING_NOTES_SITE_CACHE
  ? resolve(process.env.WORKING_NOTES_SITE_CACHE)
  : join(webRoot, 'node_modules', '.cache', 'working-notes-site');

/** Every file under `paths` (files or folders), in a stable order, as [path, bytes]. */
function* filesUnder(paths) {
  for (const path of paths) {
    const stats = statSync(path, { throwIfNoEntry: false });
    if (!stats) continue;
    if (!stats.isDirectory()) {
      yield [path, readFileSync(path)];
      continue;
    }
    const files = readdirSync(path, { withFileTypes: true, recursive: true })
      .filter((dirent) => dirent.isFile())
      .map((dirent) => join(dirent.parentPath, dirent.name))
      .sort();
    for (const file of files) yield [file, readFileSync(file)];
  }
}

function hashOf(paths, extra = '') {
  const hash = createHash('sha1').update(extra);
  for (const [path, bytes] of filesUnder(paths))
    hash.update(relative(repoRoot, path)).update(bytes);
  return hash.digest('hex').slice(0, 16);
}

/** The content package's scripts, its code and its essays' modules, as paths inside `dist/`. */
function contentScripts() {
  return readdirSync(contentDist, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.js'))
    .map((file) => file.split(sep).join('/'));
}

/**
 * The content package's code, not its essays: what changes every page when it changes. `scripts`
 * may be listed before the compile ends (see `listedScripts`): the data it lacks is dropped anyway.
 */
function contentRuntime(scripts) {
  const data = new Set(
    Object.keys(JSON.parse(readFileSync(join(contentDist, '.content-files.json'), 'utf8'))),
  );
  return scripts
    .filter((file) => !data.has(file))
    .sort()
    .map((file) => join(contentDist, file));
}

/** A folder made by `make` once per key: built beside, then renamed, so a half build never counts. */
async function cached(kind, key, make) {
  const dir = join(cacheRoot, kind, key);
  if (existsSync(dir)) return { dir, hit: true };
  const building = `${dir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  await make(building);
  mkdirSync(dirname(dir), { recursive: true });
  try {
    renameSync(building, dir);
  } catch (error) {
    // Another build made the same folder first: same key, same bytes.
    if (!existsSync(dir)) throw error;
    rmSync(building, { recursive: true, force: true });
  }
  // Older builds of this kind are dead weight; keep the newest few for switching branches.
  const siblings = readdirSync(dirname(dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.includes('.building-'))
    .map((entry) => join(dirname(dir), entry.name))
    .sort((a, b) => builtAt(b) - builtAt(a));
  for (const old of siblings.slice(4)) rmSync(old, { recursive: true, force: true });
  return { dir, hit: false };
}

function builtAt(path) {
  return Number(readFileSafe(join(path, '.built-at')) ?? 0);
}

async function vite() {
  return import('vite');
}

const lockfile = join(repoRoot, 'pnpm-lock.yaml');
const clientKey = hashOf(
  [
    join(webRoot, 'src', 'client'),
    join(webRoot, 'src', 'styles'),
    join(webRoot, 'src', 'site', 'public-paths.ts'),
    join(webRoot, 'vite.config.ts'),
    join(webRoot, 'public'),
    join(repoRoot, 'packages', 'ui', 'src'),
    join(contentDist, 'runtime'),
    join(contentRoot, 'package.json'),
    lockfile,
  ],
  'client v1',
);
const client = await cached('client', clientKey, async (dir) => {
  const { build } = await vite();
  await build({
    root: webRoot,
    logLevel: 'warn',
    build: { outDir: dir, emptyOutDir: true },
  });
  stamp(dir);
});

const serverKey = hashOf(
  [
    join(webRoot, 'src', 'site'),
    join(webRoot, 'scripts'),
    join(webRoot, 'package.json'),
    join(webRoot, 'tsconfig.json'),
    lockfile,
  ],
  'server v1',
);
const server = await cached('server', serverKey, async (dir) => {
  const { build } = await vite();
  await build({
    configFile: false,
    root: webRoot,
    logLevel: 'warn',
    // Dependencies stay imports, resolved from this app's node_modules at run time; the content
    // package comes from the run folder's own node_modules (below), so any build of it can be used.
    ssr: { external: true },
    publicDir: false,
    build: {
      ssr: true,
      outDir: dir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      rollupOptions: {
        input: { prerender: join(webRoot, 'scripts', 'prerender.ts') },
        output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs' },
      },
    },
  });
  stamp(dir);
});

/** When a cached folder was built, for keeping the newest few. */
function stamp(dir) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, '.built-at'), String(Date.now()));
}

// The run folder: the renderer's files beside a node_modules that holds the content to render.
// Everything else it imports resolves upward, from this app's node_modules, so the run folder
// stays inside it whatever WORKING_NOTES_SITE_CACHE says.
const runDir = join(
  webRoot,
  'node_modules',
  '.cache',
  'working-notes-site',
  'runs',
  createHash('sha1').update(target).digest('hex').slice(0, 16),
);
const contentLink = join(runDir, 'node_modules', '@working-notes', 'content');
if (readFileSafe(join(runDir, '.server')) !== serverKey) {
  rmSync(runDir, { recursive: true, force: true });
  cpSync(server.dir, runDir, { recursive: true });
  writeFileSync(join(runDir, '.server'), serverKey);
}
if (linkTarget(contentLink) !== contentRoot) {
  rmSync(contentLink, { recursive: true, force: true });
  mkdirSync(dirname(contentLink), { recursive: true });
  symlinkSync(contentRoot, contentLink, 'dir');
}
writeFileSync(join(runDir, '.target'), target);
pruneRunFolders();

/**
 * A run folder is made per output folder, and tests build into many temporary ones: remove the
 * run folders of output folders that are gone, once unused for an hour (a build whose output
 * does not exist yet rewrites its `.target` as it starts).
 */
function pruneRunFolders() {
  const runs = dirname(runDir);
  const hourAgo = Date.now() - 3_600_000;
  for (const name of readdirSync(runs)) {
    const folder = join(runs, name);
    const mark = statSync(join(folder, '.target'), { throwIfNoEntry: false });
    const last = mark?.mtimeMs ?? statSync(folder, { throwIfNoEntry: false })?.mtimeMs ?? 0;
    if (folder === runDir || last > hourAgo) continue;
    const of = readFileSafe(join(folder, '.target'));
    if (of === undefined || !existsSync(of)) rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * With no state from a last build every page will be rendered, on workers: start them now, so
 * that they load React while the content compiles (or this thread loads the renderer). One that
 * fails before it is used is marked and left out; the prerender starts its own if none is left.
 */
function earlyWorkers() {
  if (existsSync(stateFile)) return [];
  // As many as the prerender uses (its pageWorkerCount): this thread renders pages too.
  return Array.from({ length: Math.max(1, availableParallelism() - 1) }, () => {
    const worker = new Worker(join(webRoot, 'scripts', 'page-worker.mjs'));
    const failed = () => {
      worker.failed = true;
    };
    worker.on('error', failed);
    worker.on('exit', failed);
    return worker;
  });
}

/**
 * Waits at the content gate of scripts/build-site.mjs, when there is one: that command starts
 * this build while the essays compile, and writes the gate file when the compile ends. True once
 * the content can be read; false when the compile failed (it said why) or its keeper is gone.
 * The renderer's own dependencies load meanwhile: they do not read the content.
 */
async function contentReady() {
  const gate = process.env.WORKING_NOTES_CONTENT_GATE;
  if (!gate) return true;
  await Promise.all([import('react-dom/server'), import('react/jsx-runtime')]);
  return passGate(gate, Number(process.env.WORKING_NOTES_GATE_KEEPER));
}

function readFileSafe(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function linkTarget(path) {
  try {
    return resolve(dirname(path), readlinkSync(path));
  } catch {
    return undefined;
  }
}

const prepared = (performance.now() - started) / 1000;
const stateFile = join(dirname(target), `.${basename(target)}.pages.json`);
const workers = earlyWorkers();
// Listed while the essays compile: listing a folder of a thousand essays took about 50 ms, and
// the content package's code is all there already (scripts/build-site.mjs copies it before the
// compile starts, and the compiler writes only data).
const listedScripts = contentScripts();
const rendererScripts = readdirSync(runDir)
  .filter((file) => file.endsWith('.mjs'))
  .map((file) => join(runDir, file));
if (!(await contentReady())) process.exit(1);
const ready = (performance.now() - started) / 1000;
const { prerender } = await import(pathToFileURL(join(runDir, 'prerender.mjs')).href);
// The pages' code is the bundle as built, not its sources: a change to a script the renderer
// does not include (a test, the benchmark) rebuilds the bundle but re-renders no page.
const codeKey = hashOf([...contentRuntime(listedScripts), ...rendererScripts], 'pages v1');
try {
  const stats = await prerender(
    {
      outDir,
      ...(process.env.ATOMIC_BUILD_MODE === 'stage' && { baseDir: target }),
      clientDir: client.dir,
      stateFile,
      codeKey,
      cards: process.env.WEB_OG_IMAGES !== 'off',
      headerless: process.env.WEB_HOST === 'github-pages',
    },
    workers.filter((worker) => !worker.failed),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `client ${client.hit ? 'unchanged (cached)' : 'built'}, renderer ${server.hit ? 'unchanged (cached)' : 'built'} in ${prepared.toFixed(2)} s; whole build ${seconds.toFixed(2)} s`,
  );
  // For the benchmark (scripts/bench.ts): this step's figures, one JSON line.
  if (process.env.WORKING_NOTES_REPORT)
    appendFileSync(
      process.env.WORKING_NOTES_REPORT,
      `${JSON.stringify({
        step: 'pages',
        ...stats,
        // The whole step, and its parts: the Vite builds (or their cache), the wait at the
        // content gate (readySeconds: when the content could be read), then the prerender.
        // `stats.seconds` is the prerender's own; spread first, it must not stand for the step.
        seconds,
        prepareSeconds: prepared,
        readySeconds: ready,
        renderSeconds: stats.seconds,
        clientCached: client.hit,
        rendererCached: server.hit,
        maxRssKb: process.resourceUsage().maxRSS,
      })}\n`,
    );
  if (stats.failures.length > 0) process.exitCode = 1;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  // Those given no pages (a build of few pages renders them on this thread) are still waiting.
  await Promise.all(workers.map((worker) => worker.terminate()));
}
