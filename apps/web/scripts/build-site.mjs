#!/usr/bin/env node
// The whole site from any folder of essays into any folder: what a writer runs to preview a
// corpus of their own, and what `pnpm bench` times.
//
//   pnpm site --essays <dir> --out <dir> [--cards] [--cache <dir>]
//
// 1. The content compiler, in this process, builds the essays into a copy of
//    @working-notes/content kept in the cache folder (its runtime from the workspace package, its
//    data from these essays), with its own render cache, so an edit recompiles one essay.
// 2. The site is built from that copy by the same steps as `pnpm build` (build-pages.mjs), into
//    <out> atomically: a broken essay or a failed build leaves the last good <out> as it was.
//    That step starts beside the compile and waits for it before it reads any content.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { openGate } from './content-gate.mjs';

const usage = `Build the whole Working Notes site from a folder of essays.

Usage: pnpm site --essays <dir> --out <dir> [options]

Relative paths are taken from the folder you run the command in.

  --essays <dir>   folder of essay folders (<slug>/index.md)
  --out <dir>      where the site goes (replaced only by a build that succeeds)
  --cards          draw the Open Graph cards, every essay's and the site's (slow the first
                   time; cached); without it the pages name cards that are not there
  --cache <dir>    compiled content, render caches, client and renderer builds
                   (default: under node_modules/.cache; a new folder means a cold build)
`;

const { values } = parseArgs({
  options: {
    essays: { type: 'string' },
    out: { type: 'string' },
    cards: { type: 'boolean', default: false },
    cache: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help || !values.essays || !values.out) {
  (values.help ? process.stdout : process.stderr).write(usage);
  process.exit(values.help ? 0 : 2);
}

// pnpm runs package scripts in the package's folder and passes the one the command was typed in.
const cwd = process.env.INIT_CWD ?? process.cwd();
const essays = resolve(cwd, values.essays);
const out = resolve(cwd, values.out);
const webRoot = dirname(dirname(fileURLToPath(import.meta.url)));
const contentRoot = dirname(
  createRequire(import.meta.url).resolve('@working-notes/content/package.json'),
);
const compilerCommand = join(contentRoot, 'build', 'compiler', 'command.js');
const cache = values.cache
  ? resolve(cwd, values.cache)
  : join(
      webRoot,
      'node_modules',
      '.cache',
      'working-notes-site',
      'sites',
      createHash('sha1').update(out).digest('hex').slice(0, 16),
    );
if (!existsSync(essays)) fail(`--essays ${values.essays}: no such folder (${essays})`);
if (!existsSync(compilerCommand) || !existsSync(join(contentRoot, 'dist', 'index.js')))
  fail('the content package is not built yet: run `pnpm build` once first');

function fail(message) {
  process.stderr.write(`site: ${message}\n`);
  process.exit(1);
}

const started = performance.now();
const seconds = (since) => ((performance.now() - since) / 1000).toFixed(2);

// The stand-in package: the workspace package's code, refreshed when it changed, and the data
// the compiler writes (it keeps its own list of those files and never touches the rest).
const standIn = join(cache, 'node_modules', '@working-notes', 'content');
const standInDist = join(standIn, 'dist');
const dataFiles = new Set(
  Object.keys(JSON.parse(readFileSync(join(contentRoot, 'dist', '.content-files.json'), 'utf8'))),
);
mkdirSync(standInDist, { recursive: true });
copyIfChanged(join(contentRoot, 'package.json'), join(standIn, 'package.json'));
const realDist = join(contentRoot, 'dist');
for (const entry of readdirSync(realDist, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile()) continue;
  const file = relative(realDist, join(entry.parentPath, entry.name)).split(sep).join('/');
  if (file === '.content-files.json' || dataFiles.has(file)) continue;
  copyIfChanged(join(realDist, file), join(standInDist, file));
}

function copyIfChanged(from, to) {
  const bytes = readFileSync(from);
  if (existsSync(to) && readFileSync(to).equals(bytes)) return;
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
}

// The compile and the pages step start together. The pages step builds its client and renderer
// (or finds them cached) and loads its code while the essays compile, then waits at the content
// gate (content-gate.mjs), a file this process writes when the compile ends, saying whether it
// succeeded: it reads no content before that, and after a failed compile it exits leaving <out>
// as it was. Cold at 1000 essays the command took 0.97 of the time it took with the steps in
// turn (farm-bench, 8 pairs); an edit, 0.91 (10 pairs). The compile keeps its worker: with the
// Vite builds beside it, rendering on its main thread alone was no faster at 1000 essays (1.02)
// and slower at 2000 (1.06), though it used 14% less CPU.
const gate = join(cache, `content-gate-${process.pid}.json`);
process.on('exit', () => rmSync(gate, { force: true }));

// The compile runs in this process, which has started already: a compile process of its own
// began compiling 0.1 s later, the time Node takes to start and load the compiler again.
const compileStarted = performance.now();
const compiled = (async () => {
  let command;
  try {
    const { compileCommand } = await import(pathToFileURL(compilerCommand).href);
    command = compileCommand({
      essaysDir: essays,
      outDir: standInDist,
      cacheDir: join(cache, 'compile'),
      // No per-essay .d.ts: nothing type-checks against this copy; a quarter of its files.
      declarations: false,
    });
    const ok = await command.build();
    // Open as soon as the output is written: the compiler saves its render cache after that.
    openGate(gate, ok);
    return { ok, compileSeconds: seconds(compileStarted) };
  } catch (error) {
    openGate(gate, false);
    throw error;
  } finally {
    await command?.close();
  }
})();

// Started before the compile's first await returns, so before it takes this thread.
const pagesStarted = performance.now();
const built = run(
  [join(webRoot, '..', '..', 'scripts', 'atomic-build.mjs'), out, 'build:into', '--stage'],
  {
    cwd: webRoot,
    env: {
      ...process.env,
      WORKING_NOTES_CONTENT: standIn,
      WORKING_NOTES_CONTENT_GATE: gate,
      WORKING_NOTES_GATE_KEEPER: String(process.pid),
      WEB_OG_IMAGES: values.cards ? 'on' : 'off',
      ...(values.cache && { WORKING_NOTES_SITE_CACHE: join(cache, 'site') }),
    },
  },
);

const [compile, pages] = await Promise.allSettled([compiled, built]);
if (compile.status === 'rejected') {
  console.error(compile.reason);
  fail(
    `the compiler failed (above); ${existsSync(out) ? `${out} is as it was` : 'nothing was written'}`,
  );
}
if (!compile.value.ok)
  fail(
    `the essays did not compile (above); ${existsSync(out) ? `${out} is as it was` : 'nothing was written'}`,
  );
const compileSeconds = compile.value.compileSeconds;
if (pages.status === 'rejected') throw pages.reason;
if (pages.value !== 0) process.exit(pages.value ?? 1);

/** Runs Node with `args` on this terminal; resolves to its exit status. */
function run(args, options) {
  return new Promise((resolveStatus, reject) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolveStatus(signal ? 1 : code));
  });
}

console.log(
  // The pages step began with the compile: what it took after the content was ready.
  `site: ${out} built in ${seconds(started)} s (content ${compileSeconds} s, then pages ${(Number(seconds(pagesStarted)) - Number(compileSeconds)).toFixed(2)} s)`,
);
