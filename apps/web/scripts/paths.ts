import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The web app's folder, found by walking up to its package.json: these scripts run from
 * `scripts/` under tsx, and bundled from a cache folder under `node_modules/` in a build.
 */
export const webRoot = (() => {
  for (
    let dir = dirname(fileURLToPath(import.meta.url));
    dir !== dirname(dir);
    dir = dirname(dir)
  ) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      JSON.parse(readFileSync(manifest, 'utf8')).name === '@working-notes/web'
    )
      return dir;
  }
  throw new Error(`no @working-notes/web package.json above ${fileURLToPath(import.meta.url)}`);
})();

/**
 * The built site the tests and `pnpm preview` read. `WEB_OUT_DIR` names another (the benchmark
 * runs the static-output tests on each site `pnpm site` built) without touching dist/.
 */
export const outDir = process.env.WEB_OUT_DIR
  ? resolve(process.env.WEB_OUT_DIR)
  : join(webRoot, 'dist');

/**
 * The content package's build: feeds, search index, raw essays and their images. Under `pnpm site`,
 * `WORKING_NOTES_CONTENT` names a copy of the package built from another corpus; the module imports
 * follow it through the renderer's run folder (build-pages.mjs), or scripts/content-override.mjs
 * for scripts run under tsx (the card benchmark).
 */
export const contentDist = join(
  process.env.WORKING_NOTES_CONTENT ??
    dirname(createRequire(import.meta.url).resolve('@working-notes/content/package.json')),
  'dist',
);
