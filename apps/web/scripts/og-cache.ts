import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { type CardText, fontFiles } from './og-card.js';
import { webRoot } from './paths.js';

/**
 * The Open Graph cards' cache: one PNG per card in node_modules/.cache/og-images, named by a hash
 * of everything that decides its pixels, so a card is drawn again exactly when its picture would
 * change and a rebuild (even from an emptied dist/) draws nothing else.
 */
export const defaultCacheDir = join(webRoot, 'node_modules', '.cache', 'og-images');

const require = createRequire(import.meta.url);
let pipeline: string | undefined;

/**
 * A hash of the drawing code and what it draws with: the template and PNG encoder sources, both
 * fonts' bytes, and the versions of satori and resvg. Editing the template's colours, changing a
 * font or upgrading a library gives every card a new key; stale cards are never served.
 */
export function pipelineHash(): string {
  if (pipeline) return pipeline;
  const hash = createHash('sha256');
  for (const source of ['./og-card.tsx', './og-png.ts'])
    hash.update(readFileSync(new URL(source, import.meta.url)));
  for (const { file } of fontFiles) hash.update(readFileSync(file));
  for (const library of ['satori', '@resvg/resvg-js'])
    hash.update(`${library}@${require(`${library}/package.json`).version}`);
  pipeline = hash.digest('hex');
  return pipeline;
}

/** The cache file of one card: its text and the pipeline, hashed. */
export function cacheFileOf(text: CardText, cacheDir = defaultCacheDir): string {
  const key = createHash('sha256')
    .update(pipelineHash())
    .update(JSON.stringify([text.site, text.title, text.footer]))
    .digest('hex')
    .slice(0, 32);
  return join(cacheDir, `${key}.png`);
}

/** The cached PNG, or undefined when this card has not been drawn with this pipeline yet. */
export function readCached(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Written beside and renamed, so a build killed mid-write never leaves half a card cached. */
export function writeCached(file: string, png: Uint8Array): void {
  const partial = `${file}.${process.pid}-${threadId}.tmp`;
  try {
    writeFileSync(partial, png);
  } catch (error) {
    // The first card of an empty cache: make the folder once rather than on every write.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(partial, png);
  }
  renameSync(partial, file);
}
