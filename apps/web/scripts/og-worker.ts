import { parentPort, workerData } from 'node:worker_threads';
import { writeCached } from './og-cache.js';
import type { CardText } from './og-card.js';
import { renderCard } from './og-render.js';

/** One card to draw, and the cache file to keep it in. */
export interface CardJob {
  text: CardText;
  cacheFile: string;
}
/**
 * What the pool gives each worker: every card to draw, and a counter in shared memory from which
 * the workers claim the next one, as the page workers do (scripts/prerender.ts). No message goes
 * back and forth per card, so a worker never waits on the main thread between two cards.
 */
export interface CardShare {
  jobs: CardJob[];
  counter: Int32Array;
}
/** What a worker answers once: it ran out of cards, or why a card could not be drawn. */
export type CardResult = { drawn: number } | { index: number; error: string };

if (!parentPort) throw new Error('scripts/og-worker.ts runs as a worker of scripts/og-images.ts');
const port = parentPort;
const { jobs, counter } = workerData as CardShare;
let drawn = 0;
let failed = false;
while (!failed) {
  const index = Atomics.add(counter, 0, 1);
  const job = jobs[index];
  if (!job) break;
  try {
    writeCached(job.cacheFile, await renderCard(job.text));
    drawn++;
    // Back to the event loop between cards: Node runs the finalizers that free resvg's native
    // images there, not during a collection. A loop of awaits alone reached 975 MB.
    await new Promise(setImmediate);
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    port.postMessage({ index, error: message } satisfies CardResult);
    // The others stop at their next claim: the run has failed.
    Atomics.store(counter, 0, jobs.length);
    failed = true;
  }
}
if (!failed) port.postMessage({ drawn } satisfies CardResult);
