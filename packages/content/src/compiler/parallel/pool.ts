import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EngineName, MarkdownEngine } from '../engines/index.js';
import type { EssayOutcome, EssaySource } from '../essay.js';
import { renderFromBlocks } from './batch.js';
import type { Blocks } from './highlight-ahead.js';
import { BatchQueue } from './queue.js';
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
 * Renders essays on worker threads and on the main thread, all taking batches from one queue. The
 * main thread would otherwise only wait: on two cores, one worker beside it renders 1000 essays
 * as fast as two workers did (1.82-1.95 s against 1.83-1.96 s) with one heap fewer (peak RSS
 * 284-288 MiB against 352-356 MiB). Workers start on first use and stay warm, so watch-mode
 * rebuilds pay no start-up cost.
 *
 * Only the first worker loads Shiki for the main thread's essays: it highlights every essay's
 * blocks first, in order, sending them as it goes, and the main thread renders its batches with
 * those (its own Markdown engine, no highlighter). Loading Shiki and compiling a grammar's
 * patterns costs a thread about half a second before its highlighting gets fast; a block then
 * takes a quarter of a millisecond. Paid once instead of on both threads, a cold compile of 1000
 * essays took 0.91 of the time and 0.86 of the CPU (farm-bench, 12 pairs). The worker, done
 * highlighting, claims batches like any thread.
 */
export class RenderPool {
  readonly size: number;
  #workers: Worker[] = [];
  #nextId = 0;
  #warming: Promise<unknown> | undefined;

  constructor(size: number) {
    this.size = Math.max(1, size);
  }

  /**
   * Starts every worker and has it load the highlighter and the Markdown engine now, so that work
   * overlaps whatever the caller does before the first `render`.
   */
  warm(engine: EngineName): void {
    const empty = BatchQueue.create(0, 1);
    const ready = this.#ensureWorkers(this.size).map((worker) =>
      this.#run(worker, { engine, essays: [], queue: empty }, {}),
    );
    this.#warming = Promise.all(ready);
    // A start-up failure is reported by the render that waits for it, not as an unhandled rejection.
    this.#warming.catch(() => {});
  }

  /** Renders `essays` in their order; `markdown` is the main thread's own engine. */
  async render(
    engine: EngineName,
    essays: readonly EssaySource[],
    markdown: MarkdownEngine,
  ): Promise<EssayOutcome[]> {
    const [highlighting, ...others] = this.#ensureWorkers(
      Math.max(1, Math.min(this.size, Math.ceil(essays.length / 4) - 1)),
    ) as [Worker, ...Worker[]];
    const queue = BatchQueue.create(essays.length, 2 + others.length);
    const outcomes: (EssayOutcome | undefined)[] = new Array(essays.length);
    const onBatch = (start: number, batch: readonly (EssayOutcome | undefined)[]) => {
      batch.forEach((outcome, index) => {
        outcomes[start + index] = outcome;
      });
    };
    const blocks = new BlockFeed();
    // Each worker gets every source once and claims its batches from the shared queue itself, so
    // it keeps rendering while this thread is busy with a batch of its own. Handing out batches
    // from here instead left the worker idle whenever this thread was slow to answer.
    const onWorker = async (worker: Worker, highlightFirst: boolean) => {
      try {
        const rendered = this.#run(
          worker,
          { engine, essays, queue, highlightFirst },
          { onBatch, ...(highlightFirst && { onBlocks: blocks.add }) },
        );
        // A worker that failed to start would never answer: its start-up error is the answer.
        await Promise.all([this.#warming, rendered]);
      } catch (error) {
        queue.fail(); // the build fails: the other threads stop taking batches
        blocks.fail();
        throw error;
      }
    };
    const missing: number[] = [];
    const onMainThread = async () => {
      for (let batch = queue.claim(); batch; batch = queue.claim()) {
        if (!(await blocks.reach(batch.end))) return; // the worker's error fails the render
        const rendered = renderFromBlocks(
          essays.slice(batch.start, batch.end),
          markdown,
          blocks.known,
        );
        onBatch(batch.start, rendered.outcomes);
        missing.push(...rendered.missing.map((index) => batch.start + index));
        // Take the workers' finished batches in between ours, not all at the end.
        await new Promise((resolve) => setImmediate(resolve));
      }
    };

    await Promise.all([
      onWorker(highlighting, true),
      ...others.map((worker) => onWorker(worker, false)),
      onMainThread(),
    ]);
    // Essays with a block the scan did not find: rendered whole on the worker that has Shiki.
    if (missing.length > 0) {
      const retried = await this.renderOnWorker(
        engine,
        missing.map((index) => essays[index] as EssaySource),
      );
      retried.forEach((outcome, index) => {
        outcomes[missing[index] as number] = outcome;
      });
    }
    return outcomes as EssayOutcome[];
  }

  /**
   * Renders `essays` on the first worker alone, the one that has Shiki loaded: a rebuild of a few
   * essays whose code the render cache lacks, after a cold build, costs no highlighter start-up.
   */
  async renderOnWorker(
    engine: EngineName,
    essays: readonly EssaySource[],
  ): Promise<EssayOutcome[]> {
    const [worker] = this.#ensureWorkers(1) as [Worker];
    const outcomes: EssayOutcome[] = new Array(essays.length);
    await this.#run(
      worker,
      { engine, essays, queue: BatchQueue.create(essays.length, 1) },
      {
        onBatch: (start, batch) => {
          batch.forEach((outcome, index) => {
            outcomes[start + index] = outcome;
          });
        },
      },
    );
    return outcomes;
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

  /**
   * Has `worker` render from `queue` until it is empty: `onBatch` gets each batch it finishes and
   * `onBlocks` (with `highlightFirst`) the blocks it highlighted ahead.
   */
  #run(
    worker: Worker,
    task: {
      engine: EngineName;
      essays: readonly EssaySource[];
      queue: BatchQueue;
      highlightFirst?: boolean;
    },
    on: {
      onBatch?: (start: number, outcomes: EssayOutcome[]) => void;
      onBlocks?: (upTo: number, blocks: Blocks) => void;
    },
  ): Promise<void> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const onMessage = (response: WorkerResponse) => {
        if (response.id !== id) return;
        if ('blocks' in response) {
          on.onBlocks?.(response.upTo, response.blocks);
          return;
        }
        if ('outcomes' in response) {
          on.onBatch?.(response.start, response.outcomes);
          return;
        }
        cleanup();
        if ('crash' in response)
          reject(new Error(`The content compiler crashed while rendering:\n${response.crash}`));
        else resolve();
      };
      const onError = (error: Error) => {
        cleanup();
        reject(error);
      };
      const onExit = (code: number) => {
        cleanup();
        reject(new Error(`A content compiler worker stopped (exit code ${code}) while rendering.`));
      };
      const cleanup = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({
        id,
        engine: task.engine,
        essays: task.essays,
        queue: task.queue.shared,
        threads: task.queue.threads,
        highlightFirst: task.highlightFirst ?? false,
      } satisfies WorkerRequest);
    });
  }
}

/**
 * The blocks the highlighting worker has sent, and how many essays they cover: the main thread
 * waits here until its batch is covered, or the worker failed.
 */
class BlockFeed {
  readonly known = new Map<string, string | undefined>();
  #upTo = 0;
  #failed = false;
  #waiting: (() => void)[] = [];

  readonly add = (upTo: number, blocks: Blocks): void => {
    for (const [key, html] of blocks) this.known.set(key, html);
    this.#upTo = upTo;
    this.#wake();
  };

  fail(): void {
    this.#failed = true;
    this.#wake();
  }

  /** True once the blocks of the first `end` essays are known; false if they never will be. */
  async reach(end: number): Promise<boolean> {
    while (this.#upTo < end && !this.#failed)
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    return !this.#failed;
  }

  #wake(): void {
    for (const resolve of this.#waiting.splice(0)) resolve();
  }
}
