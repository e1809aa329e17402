import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { type EngineName, loadEngine, type MarkdownEngine } from '../engines/index.js';
import type { EssayOutcome, EssaySource } from '../essay.js';
import { createHighlighter, type Highlighter } from '../highlight.js';
import { renderBatch, renderFromBlocks } from './batch.js';
import { RenderPool } from './pool.js';

/**
 * The speed-ups, behind one entry. `renderEssay` (render.ts) is the whole of rendering; this
 * renders many essays at once and faster, with the same output:
 *
 * - batches, shared by the main thread and worker threads (pool.ts, worker.ts), with one worker
 *   highlighting ahead for the main thread, which never loads Shiki;
 * - each batch's code blocks highlighted together before its Markdown (highlight-ahead.ts);
 * - frontmatter of the common shape read without the YAML parser (plain-frontmatter.ts);
 * - workers started while the sources are still being read (`prepare`).
 */
export class FastRenderer {
  readonly #engine: EngineName;
  readonly #workers: number | undefined;
  #pool: RenderPool | undefined;
  #highlighter: Promise<Highlighter> | undefined;
  #markdown: Promise<MarkdownEngine> | undefined;

  /** `workers`: threads beside the main thread; 0 renders on it alone; default one per other core. */
  constructor(engine: EngineName, workers?: number) {
    this.#engine = engine;
    this.#workers = workers;
  }

  /**
   * Called before the sources are read. With nothing cached (`cold`) and a corpus large enough
   * for workers, every essay will be rendered on them and on this thread: start the workers and
   * load this thread's Markdown engine now, so that start-up overlaps the reading. A warm cache
   * skips this, because a rebuild of a few edited essays is faster on this thread alone.
   */
  prepare(essaysDir: string, cold: boolean): void {
    if (this.#pool || this.#workers === 0 || !cold) return;
    let folders = 0;
    try {
      folders = readdirSync(essaysDir).length;
    } catch {
      return; // reading the sources reports the missing folder
    }
    if (folders < workerThreshold) return;
    const size = this.#workers ?? defaultWorkers();
    if (size === 0) return;
    this.#pool = new RenderPool(size);
    this.#pool.warm(this.#engine);
    this.#markdownEngine().catch(() => {}); // a failure surfaces when the render awaits it
  }

  /**
   * Renders essays in the order given; below 48, on this thread alone. `known` holds highlighted
   * blocks from the render cache: when it has every block of these essays, they are rendered
   * without loading Shiki (most of the cost of re-rendering one edited essay).
   */
  async render(
    sources: readonly EssaySource[],
    known: ReadonlyMap<string, string | undefined> = new Map(),
  ): Promise<EssayOutcome[]> {
    if (sources.length === 0) return [];
    const workers = sources.length < workerThreshold ? 0 : (this.#workers ?? defaultWorkers());
    if (workers === 0 && !this.#highlighter && known.size > 0) {
      // An essay with a block the cache lacks is left out (`missing`): then all render below.
      const { outcomes, missing } = renderFromBlocks(sources, await this.#markdownEngine(), known);
      if (missing.length === 0) return outcomes as EssayOutcome[];
    }
    // After a cold build on workers this thread has no highlighter, and a worker has one warm.
    if (workers === 0 && this.#pool && !this.#highlighter)
      return this.#pool.renderOnWorker(this.#engine, sources);
    if (workers === 0) return (await this.#localRenderer())([...sources]);
    this.#pool ??= new RenderPool(workers);
    return this.#pool.render(this.#engine, sources, await this.#markdownEngine());
  }

  async close(): Promise<void> {
    await this.#pool?.close();
  }

  #markdownEngine(): Promise<MarkdownEngine> {
    this.#markdown ??= loadEngine(this.#engine);
    return this.#markdown;
  }

  /** Renders on this thread, loading the highlighter and the Markdown engine on first use. */
  async #localRenderer(): Promise<(essays: EssaySource[]) => EssayOutcome[]> {
    this.#highlighter ??= createHighlighter();
    const [highlighter, markdown] = await Promise.all([this.#highlighter, this.#markdownEngine()]);
    return (essays) => renderBatch(essays, markdown, highlighter);
  }
}

/** Below this many essays to render, starting workers costs more than it saves. */
const workerThreshold = 48;

/** One worker for each core but the one the main thread renders on. */
function defaultWorkers(): number {
  return availableParallelism() - 1;
}
