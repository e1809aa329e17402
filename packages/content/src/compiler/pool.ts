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

/** Essays per message: small enough to balance two cores, large enough that messaging is noise. */
const batchSize = 24;

/**
 * Renders essays on worker threads, one per core. Workers start on first use and stay warm, so
 * watch-mode rebuilds pay no start-up cost.
 */
export class RenderPool {
  readonly size: number;
  #workers: Worker[] = [];
  #nextId = 0;

  constructor(size = availableParallelism()) {
    this.size = Math.max(1, size);
  }

  async render(engine: EngineName, essays: readonly EssaySource[]): Promise<EssayOutcome[]> {
    const batches: EssaySource[][] = [];
    for (let i = 0; i < essays.length; i += batchSize) batches.push(essays.slice(i, i + batchSize));
    const results: EssayOutcome[][] = new Array(batches.length);
    let next = 0;
    const workers = this.#ensureWorkers(Math.min(this.size, batches.length));
    await Promise.all(
      workers.map(async (worker) => {
        while (next < batches.length) {
          const index = next++;
          results[index] = await this.#send(worker, engine, batches[index] ?? []);
        }
      }),
    );
    return results.flat();
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
