import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fontFiles } from './og-fonts.js';
import { webRoot } from './paths.js';

/**
 * The drawing code as one plain-JavaScript module, and a hash of everything that decides a
 * card's pixels.
 *
 * A worker thread cannot load the TypeScript sources by itself: registering tsx in each worker
 * worked but cost about a second of start-up and 25 MB a worker. So esbuild bundles
 * scripts/og-worker.ts and what it imports (the template, the painter and its SVG reader, the PNG
 * encoder, the cache writer) into node_modules/.cache/og-worker/, libraries left as imports, and
 * the pool starts it without the parent's `--import` flags (scripts/og-images.ts).
 *
 * The hash covers the sources of that bundle (every `scripts/og-*` module but the tests and the
 * benchmark), both fonts' bytes and the versions of satori, resvg, React (its JSX runtime builds
 * the template's elements) and esbuild: a card's cache key changes whenever its picture could,
 * and a stale card is never served. The bundle is named by the hash, so a build whose drawing
 * code did not change reads these few files and starts no esbuild; bundling checks that the
 * worker imports nothing outside the hashed files.
 */
export interface Pipeline {
  /** The bundled worker, to start with `new Worker(workerFile)`. */
  workerFile: string;
  hash: string;
}

let pipeline: Promise<Pipeline> | undefined;

export function drawingPipeline(): Promise<Pipeline> {
  pipeline ??= prepare();
  return pipeline;
}

// From the app's folder, not this file's: the build runs this module bundled from a cache folder.
const require = createRequire(join(webRoot, 'package.json'));
const scripts = join(webRoot, 'scripts');

/** The modules the worker may import: the hashed ones. */
export function drawingSources(): string[] {
  return readdirSync(scripts)
    .filter((name) => /^og-.*\.tsx?$/.test(name) && !/\.test\.tsx?$|^og-bench\./.test(name))
    .sort()
    .map((name) => join(scripts, name));
}

async function prepare(): Promise<Pipeline> {
  const sources = drawingSources();
  const hash = createHash('sha256');
  for (const file of sources) hash.update(relative(webRoot, file)).update(readFileSync(file));
  for (const { file } of fontFiles) hash.update(readFileSync(file));
  for (const library of ['satori', '@resvg/resvg-js', 'react', 'esbuild'])
    hash.update(`${library}@${require(`${library}/package.json`).version}`);
  const digest = hash.digest('hex');
  // Inside apps/web/node_modules, so the bundle's imports of satori, resvg, React's JSX runtime
  // and the fonts resolve as the sources' do.
  const dir = join(webRoot, 'node_modules', '.cache', 'og-worker');
  const workerFile = join(dir, `worker-${digest.slice(0, 16)}.mjs`);
  if (!existsSync(workerFile)) await bundle(sources, workerFile);
  return { workerFile, hash: digest };
}

async function bundle(sources: readonly string[], workerFile: string): Promise<void> {
  // Loaded here, not at the top: every page worker imports this module through the outputs table.
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(scripts, 'og-worker.ts')],
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    jsx: 'automatic',
    write: false,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: webRoot,
  });
  const code = result.outputFiles[0]?.text;
  if (!code) throw new Error('esbuild wrote no bundle for scripts/og-worker.ts');
  const hashed = new Set(sources.map((file) => relative(webRoot, file)));
  const unhashed = Object.keys(result.metafile.inputs).filter((input) => !hashed.has(input));
  if (unhashed.length > 0)
    throw new Error(
      `The Open Graph card worker imports ${unhashed.join(', ')}, which the cards' cache key does not cover: keep the drawing code in scripts/og-*.ts, or add the file to drawingSources() in scripts/og-pipeline.ts`,
    );
  mkdirSync(join(workerFile, '..'), { recursive: true });
  const partial = `${workerFile}.${process.pid}.tmp`;
  writeFileSync(partial, code);
  renameSync(partial, workerFile);
}
