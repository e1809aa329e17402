import { parentPort } from 'node:worker_threads';
import { type EngineName, loadEngine } from '../engines/index.js';
import type { EssayOutcome, EssaySource } from '../essay.js';
import { createHighlighter, type Highlighter } from '../highlight.js';
import { renderBatch } from './batch.js';
import { type Blocks, highlightInOrder } from './highlight-ahead.js';
import { BatchQueue } from './queue.js';

/** Render the essays of `queue` that this worker claims; an empty list only loads the renderer. */
export interface WorkerRequest {
  id: number;
  engine: EngineName;
  essays: readonly EssaySource[];
  /** The shared counter of `BatchQueue`, for these essays. */
  queue: SharedArrayBuffer;
  threads: number;
  /**
   * Before claiming any batch, highlight the code blocks of every essay, in order, and send them
   * as they are done (`blocks` messages): the main thread renders its batches with them.
   */
  highlightFirst?: boolean;
}

/**
 * One message per finished batch, then one that says the queue is empty (or what crashed); with
 * `highlightFirst`, before those, the blocks of the essays before `upTo` that were not sent yet.
 */
export type WorkerResponse =
  | { id: number; upTo: number; blocks: Blocks }
  | { id: number; start: number; outcomes: EssayOutcome[] }
  | { id: number; done: true }
  | { id: number; crash: string };

/** Essays highlighted between two `blocks` messages. */
const blocksStep = 8;

let highlighter: Promise<Highlighter> | undefined;

parentPort?.on('message', async (request: WorkerRequest) => {
  const queue = new BatchQueue(request.queue, request.essays.length, request.threads);
  let response: WorkerResponse;
  try {
    highlighter ??= createHighlighter();
    const ready = await highlighter;
    const engine = await loadEngine(request.engine);
    const answers = request.highlightFirst
      ? highlightInOrder(
          request.essays.map((essay) => essay.source),
          ready,
          (upTo, blocks) =>
            parentPort?.postMessage({ id: request.id, upTo, blocks } satisfies WorkerResponse),
          blocksStep,
        )
      : ready;
    for (let batch = queue.claim(); batch; batch = queue.claim()) {
      const outcomes = renderBatch(request.essays.slice(batch.start, batch.end), engine, answers);
      const message: WorkerResponse = { id: request.id, start: batch.start, outcomes };
      parentPort?.postMessage(message, ownBuffers(outcomes));
    }
    response = { id: request.id, done: true };
  } catch (error) {
    // A bug in the compiler, not in an essay: report it to the main thread instead of dying.
    queue.fail();
    response = {
      id: request.id,
      crash: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  }
  parentPort?.postMessage(response);
});

/**
 * The module bytes that can move to the main thread instead of being copied: each one that fills
 * its own ArrayBuffer (not a slice of Node's shared pool for small buffers).
 */
function ownBuffers(outcomes: EssayOutcome[]): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const outcome of outcomes) {
    if (!outcome.ok) continue;
    const { js } = outcome.essay.module;
    if (
      js.byteOffset === 0 &&
      js.byteLength === js.buffer.byteLength &&
      js.buffer instanceof ArrayBuffer
    )
      buffers.push(js.buffer);
  }
  return buffers;
}
