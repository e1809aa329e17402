/**
 * The batches of one render, claimed by every thread from one counter in shared memory. A worker
 * takes its next batch itself, the moment it finishes one, without a round trip through the main
 * thread, which is busy rendering batches of its own and answers messages only between them.
 */
export class BatchQueue {
  /** [next essay to claim, 1 once the render failed] */
  readonly #state: Int32Array;
  readonly total: number;
  readonly #threads: number;

  constructor(shared: SharedArrayBuffer, total: number, threads: number) {
    this.#state = new Int32Array(shared);
    this.total = total;
    this.#threads = threads;
  }

  static create(total: number, threads: number): BatchQueue {
    return new BatchQueue(new SharedArrayBuffer(8), total, threads);
  }

  get shared(): SharedArrayBuffer {
    return this.#state.buffer as SharedArrayBuffer;
  }

  get threads(): number {
    return this.#threads;
  }

  /** The next batch, `[start, end)`, or undefined once every essay is taken or the render failed. */
  claim(): { start: number; end: number } | undefined {
    for (;;) {
      const start = Atomics.load(this.#state, 0);
      if (start >= this.total || Atomics.load(this.#state, 1) !== 0) return undefined;
      const end = Math.min(this.total, start + batchSize(this.total - start, this.#threads));
      if (Atomics.compareExchange(this.#state, 0, start, end) === start) return { start, end };
    }
  }

  /** Stops every thread from taking another batch: the build fails anyway. */
  fail(): void {
    Atomics.store(this.#state, 1, 1);
  }
}

/**
 * Essays per batch: large while much is left, so messaging stays noise, then smaller towards the
 * end, so no thread sits idle while another finishes a long last batch.
 */
function batchSize(remaining: number, threads: number): number {
  return Math.max(4, Math.min(24, Math.ceil(remaining / (4 * threads))));
}
