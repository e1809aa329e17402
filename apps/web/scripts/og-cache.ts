import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { CardText } from './og-card.js';

/**
 * The Open Graph cards' cache: one PNG per card (node_modules/.cache/og-images by default), named
 * by a hash of everything that decides its pixels, so a card is drawn again exactly when its
 * picture would change and a rebuild (even from an emptied dist/) draws nothing else. Imported by
 * the workers' bundle too, so nothing here depends on where this file lives.
 */
/**
 * The cache file of one card: its text and the drawing pipeline's hash (scripts/og-pipeline.ts:
 * the template and encoder code, the fonts, the library versions), hashed together.
 */
export function cacheFileOf(text: CardText, pipelineHash: string, cacheDir: string): string {
  const key = createHash('sha256')
    .update(pipelineHash)
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
