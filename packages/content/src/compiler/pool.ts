import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EngineName } from './engines/types.js';
import type { EssayOutcome, EssaySource } from './render-essay.js';
import type { WorkerRequest, WorkerResponse } from './worker.js';

/**
 * The worker runs from the same kind of file as this one. From TypeScript source (tests, the CLI
 * through tsx) a worker does not inherit tsx's loader, so a one-line bootstrap registers it first.
 */
function startWorker(): Worker {
  const extension = extname(fileURLToPath(import.meta.url));
  const entry = new URL(`./worker${extension}`, import.meta.url);
  // A built worker needs no loader: drop any --import tsx the parent process was started with.
  if (extension !== '.ts') return new Worker(entry, { execArgv: [] });
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true });
}

/**
 * Essays per message: large while much is left, so messaging stays noise, then smaller towards
 * the end, so no worker sits idle while another finishes a long last batch.
 */
function nextBatchSize(remaining: number, workers: number): number {
  return Math.max(4, Math.min(24, Math.ceil(remaining / (4 * workers))));
}

/**
 * Renders essays on worker threads, one per core. Workers start on first use and stay warm, so
 * watch-mode rebuilds pay no start-up cost.
 */
export class RenderPool {
  readonly size: number;
  #workers: Worker[] = [];
  #nextId = 0;
  #warming: Promise<unknown> | undefined;

  constructor(size = availableParallelism()) {
    this.size = Math.max(1, size);
  }

  /**
   * Starts every worker and has it load the highlighter and the Markdown engine now, so that work
   * overlaps whatever the caller does before the first `render`.
   */
  warm(engine: EngineName): void {
    const ready = this.#ensureWorkers(this.size).map((worker) => this.#send(worker, engine, []));
    this.#warming = Promise.all(ready);
    // A start-up failure is reported by the render that waits for it, not as an unhandled rejection.
    this.#warming.catch(() => {});
  }

  async render(engine: EngineName, essays: readonly EssaySource[]): Promise<EssayOutcome[]> {
    await this.#warming;
    const workers = this.#ensureWorkers(Math.min(this.size, Math.ceil(essays.length / 4)));
    const results: { start: number; outcomes: EssayOutcome[] }[] = [];
    let next = 0;
    await Promise.all(
      workers.map(async (worker) => {
        while (next < essays.length) {
          const start = next;
          next += nextBatchSize(essays.length - start, workers.length);
          const outcomes = await this.#send(worker, engine, essays.slice(start, next));
          results.push({ start, outcomes });
        }
      }),
    );
    return results.sort((a, b) => a.start - b.start).flatMap((batch) => batch.outcomes);
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
    this.#workers = [];
  }

  #ensureWorkers(count: number): Worker[] {
    while (this.#workers.length < count) {
      const worker = startWorker();
      worker.unref();
      this.#workers.push(worker);
    }
    return this.#workers.slice(0, count);
  }

  #send(worker: Worker, engine: EngineName, essays: EssaySource[]): Promise<EssayOutcome[]> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const onMessage = (response: WorkerResponse) => {
        if (response.id !== id) return;
        cleanup();
        if ('crash' in response)
          reject(new Error(`The content compiler crashed while rendering:\n${response.crash}`));
        else resolve(response.outcomes);
      };
      const onError = (error: Error) => {
        cleanup();
        reject(error);
      };
      const cleanup = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage({ id, engine, essays } satisfies WorkerRequest);
    });
  }
}
