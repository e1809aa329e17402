import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const webRoot = dirname(dirname(fileURLToPath(import.meta.url)));
export const outDir = join(webRoot, 'dist');
/** The content package's build: feeds, search index, raw essays and their images. */
export const contentDist = join(
  dirname(createRequire(import.meta.url).resolve('@working-notes/content/package.json')),
  'dist',
);
