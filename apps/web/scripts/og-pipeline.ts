import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fontFiles } from './og-fonts.js';
import { webRoot } from './paths.js';

/**
 * The drawing code as one plain-JavaScript module, and a hash of everything that decides a
 * card's pixels.
 *
 * A worker thread does not inherit the parent's `--import tsx`; registering tsx in each worker
 * worked but cost about a second of start-up and 25 MB a worker. So esbuild bundles
 * scripts/og-worker.ts and what it imports (the template, the PNG encoder, the cache writer)
 * into node_modules/.cache/og-worker/, libraries left as imports, once per process (~30 ms).
 *
 * The hash covers that bundle (any edit to the template or the encoder changes it), both fonts'
 * bytes and the versions of satori and resvg, so a card's cache key changes whenever its picture
 * could, and a stale card is never served.
 */
export interface Pipeline {
  /** The bundled worker, to start with `new Worker(workerFile)`. */
  workerFile: string;
  hash: string;
}

let pipeline: Promise<Pipeline> | undefined;

export function drawingPipeline(): Promise<Pipeline> {
  pipeline ??= bundle();
  return pipeline;
}

// From the app's folder, not this file's: the build runs this module bundled from a cache folder.
const require = createRequire(join(webRoot, 'package.json'));

async function bundle(): Promise<Pipeline> {
  // Loaded here, not at the top: every page worker imports this module through the outputs table.
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(webRoot, 'scripts', 'og-worker.ts')],
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    jsx: 'automatic',
    write: false,
    logLevel: 'silent',
    // Paths in the bundle's comments relative to apps/web, so the hash is the same from any cwd.
    absWorkingDir: webRoot,
  });
  const code = result.outputFiles[0]?.text;
  if (!code) throw new Error('esbuild wrote no bundle for scripts/og-worker.ts');
  const hash = createHash('sha256').update(code);
  for (const { file } of fontFiles) hash.update(readFileSync(file));
  for (const library of ['satori', '@resvg/resvg-js'])
    hash.update(`${library}@${require(`${library}/package.json`).version}`);
  const digest = hash.digest('hex');
  // Inside apps/web/node_modules, so the bundle's imports of satori, resvg, React's JSX runtime
  // and the fonts resolve as the sources' do.
  const dir = join(webRoot, 'node_modules', '.cache', 'og-worker');
  const workerFile = join(dir, `worker-${digest.slice(0, 16)}.mjs`);
  mkdirSync(dir, { recursive: true });
  const partial = `${workerFile}.${process.pid}.tmp`;
  writeFileSync(partial, code);
  renameSync(partial, workerFile);
  return { workerFile, hash: digest };
}
