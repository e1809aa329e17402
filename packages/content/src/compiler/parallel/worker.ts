import { parentPort } from 'node:worker_threads';
import { type EngineName, loadEngine } from '../engines/index.js';
import type { EssayOutcome, EssaySource } from '../essay.js';
import { createHighlighter, type Highlighter } from '../highlight.js';
import { renderBatch } from './batch.js';

export interface WorkerRequest {
  id: number;
  engine: EngineName;
  essays: EssaySource[];
}

export type WorkerResponse =
  | { id: number; outcomes: EssayOutcome[] }
  | { id: number; crash: string };

let highlighter: Promise<Highlighter> | undefined;

parentPort?.on('message', async (request: WorkerRequest) => {
  let response: WorkerResponse;
  try {
    highlighter ??= createHighlighter();
    const ready = await highlighter;
    const engine = await loadEngine(request.engine);
    response = {
      id: request.id,
      outcomes: renderBatch(request.essays, engine, ready),
    };
  } catch (error) {
    // A bug in the compiler, not in an essay: report it to the main thread instead of dying.
    response = {
      id: request.id,
      crash: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  }
  parentPort?.postMessage(response, 'outcomes' in response ? ownBuffers(response.outcomes) : []);
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
