import { parentPort } from 'node:worker_threads';
import { writeCached } from './og-cache.js';
import type { CardText } from './og-card.js';
import { renderCard } from './og-render.js';

/** What the pool sends a worker: one card to draw, and the cache file to keep it in. */
export interface CardJob {
  id: number;
  text: CardText;
  cacheFile: string;
}
/** What a worker answers: the card is in the cache, or why it could not draw it. */
export type CardResult = { id: number } | { id: number; error: string };

if (!parentPort) throw new Error('scripts/og-worker.ts runs as a worker of scripts/og-images.ts');
const port = parentPort;
port.on('message', async ({ id, text, cacheFile }: CardJob) => {
  try {
    writeCached(cacheFile, await renderCard(text));
    port.postMessage({ id } satisfies CardResult);
  } catch (error) {
    port.postMessage({
      id,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    } satisfies CardResult);
  }
});
