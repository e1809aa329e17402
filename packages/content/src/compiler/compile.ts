import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { site as defaultSite, type Site } from '../site.js';
import { RenderCache } from './cache.js';
import { checkCorpus } from './corpus.js';
import { buildOutputs } from './emit/outputs.js';
import type { EngineName, MarkdownEngine } from './engines/types.js';
import { ContentError, type ContentIssue, OutputError } from './errors.js';
import type { BrokenEssay, EssaySource, RenderedEssay } from './essay.js';
import { createHighlighter, type Highlighter } from './highlight.js';
import { type WrittenOutput, writeOutput } from './output.js';
import { type LocalRenderer, RenderPool } from './pool.js';
import { readEssays, type SourceCache } from './read.js';
import { loadEngine, renderBatch } from './render-essay.js';

export interface CompileOptions {
  /** Folder of essay folders (`<slug>/index.md`). */
  essaysDir: string;
  /** Folder the package modules, feeds and search index are written to. */
  outDir: string;
  engine?: EngineName;
  /** Where rendered essays are cached by content hash; `false` renders everything. */
  cacheDir?: string | false;
  /**
   * Worker threads that render beside the main thread; 0 renders on the main thread alone.
   * Defaults to one fewer than the cores. Fewer than 48 essays to render never start workers.
   */
  workers?: number;
  site?: Site;
}

export interface CompileStats {
  essays: number;
  published: number;
  /** Essays rendered this build; the rest came from the cache. */
  rendered: number;
  filesWritten: number;
  outputBytes: number;
  milliseconds: number;
  /** Where the time went, in milliseconds: reading and hashing, rendering, checks, output, writing. */
  phases: { read: number; render: number; check: number; emit: number; write: number };
}

/** Below this many essays to render, starting workers costs more than it saves. */
const workerThreshold = 48;

/**
 * Compiles a folder of essays. Every problem in the corpus is collected and thrown together as a
 * `ContentError` before anything is written, so a failed build leaves the last good output intact.
 * Keep one `Compiler` alive to rebuild quickly: it keeps workers, cache and last output warm.
 */
export class Compiler {
  readonly #options: Required<Omit<CompileOptions, 'cacheDir' | 'workers'>> & {
    workers: number | undefined;
  };
  readonly #cache: RenderCache;
  #pool: RenderPool | undefined;
  #highlighter: Promise<Highlighter> | undefined;
  #markdown: Promise<MarkdownEngine> | undefined;
  #previous: WrittenOutput | undefined;
  /** Essay sources by path with the size and mtime they were read at: rebuilds re-read only edits. */
  readonly #sourceCache: SourceCache = new Map();
  #saveTimer: NodeJS.Timeout | undefined;

  constructor(options: CompileOptions) {
    const engine = options.engine ?? 'markdown-it';
    this.#options = {
      essaysDir: resolve(options.essaysDir),
      outDir: resolve(options.outDir),
      engine,
      site: options.site ?? defaultSite,
      workers: options.workers,
    };
    const cacheDir =
      options.cacheDir === false
        ? undefined
        : resolve(options.cacheDir ?? 'node_modules/.cache/working-notes-content');
    this.#cache = new RenderCache(cacheDir, engine);
  }

  async build(): Promise<CompileStats> {
    const started = performance.now();
    let mark = started;
    const lap = () => {
      const now = performance.now();
      const elapsed = now - mark;
      mark = now;
      return elapsed;
    };
    this.#startWorkersEarly();
    const { sources, issues } = readEssays(this.#options.essaysDir, this.#sourceCache);
    const rendered: RenderedEssay[] = [];
    const misses: EssaySource[] = [];
    for (const source of sources) {
      const hit = this.#cache.get(source);
      if (hit) rendered.push(hit);
      else misses.push(source);
    }
    const read = lap();
    const outcomes = await this.#render(misses);
    const render = lap();
    const broken: BrokenEssay[] = [];
    for (const outcome of outcomes) {
      if (outcome.ok) rendered.push(outcome.essay);
      else {
        issues.push(...outcome.issues);
        broken.push(outcome.broken);
      }
    }
    issues.push(...checkCorpus(rendered, broken));
    if (issues.length > 0) throw new ContentError(sortIssues(issues));

    // Cache only after the corpus passed, so a half-fixed corpus re-checks what it must.
    const bySlug = new Map(misses.map((source) => [source.slug, source]));
    for (const essay of rendered) {
      const source = bySlug.get(essay.slug);
      if (source) this.#cache.set(source, essay);
    }
    const cacheSaved = this.#saveCache();
    cacheSaved?.catch(() => {}); // awaited after the output is written; this covers a throw before
    const check = lap();

    const files = buildOutputs(rendered, sources, this.#options.site);
    const emit = lap();
    let written: ReturnType<typeof writeOutput>;
    try {
      written = writeOutput(this.#options.outDir, files, this.#previous);
    } catch (error) {
      await cacheSaved?.catch(() => {});
      throw OutputError.from(this.#options.outDir, error);
    }
    const { written: filesWritten, bytes: outputBytes, output } = written;
    this.#previous = output;
    // A cache that could not be written costs the next build time, not this one its output.
    await cacheSaved?.catch((error: unknown) => {
      process.emitWarning(`The render cache was not saved: ${String(error)}`);
    });
    return {
      essays: sources.length,
      published: rendered.filter((essay) => !essay.frontmatter.draft).length,
      rendered: misses.length,
      filesWritten,
      outputBytes,
      milliseconds: performance.now() - started,
      phases: { read, render, check, emit, write: lap() },
    };
  }

  async close(): Promise<void> {
    if (this.#saveTimer) {
      clearTimeout(this.#saveTimer);
      this.#saveTimer = undefined;
      await this.#cache.save();
    }
    await this.#cache.settled();
    await this.#pool?.close();
  }

  /**
   * The first build saves the disk cache at once, and its file is written while the output is;
   * later (watch-mode) builds save it a moment after the edits stop, because serialising the whole
   * corpus costs more than the rebuild.
   */
  #saveCache(): Promise<void> | undefined {
    if (this.#previous === undefined) return this.#cache.save();
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => {
      this.#saveTimer = undefined;
      // A cache that could not be written costs the next build time, not this one its output.
      this.#cache.save().catch((error: unknown) => {
        process.emitWarning(`The render cache was not saved: ${String(error)}`);
      });
    }, 2000);
    this.#saveTimer.unref();
    return undefined;
  }

  /**
   * With nothing cached and a corpus large enough for workers, every essay will be rendered on
   * them and on this thread: start the workers and load this thread's highlighter now, so that
   * start-up overlaps reading the sources. A warm cache skips this, because a rebuild of a few
   * edited essays is faster on this thread alone.
   */
  #startWorkersEarly(): void {
    if (this.#pool || this.#options.workers === 0 || this.#cache.size > 0) return;
    let folders = 0;
    try {
      folders = readdirSync(this.#options.essaysDir).length;
    } catch {
      return; // reading the sources reports the missing folder
    }
    if (folders < workerThreshold) return;
    const size = this.#options.workers ?? defaultWorkers();
    if (size === 0) return;
    this.#pool = new RenderPool(size);
    this.#pool.warm(this.#options.engine);
    this.#localRenderer().catch(() => {}); // a failure surfaces when the render awaits it
  }

  async #render(sources: EssaySource[]) {
    if (sources.length === 0) return [];
    const local = await this.#localRenderer();
    const workers =
      sources.length < workerThreshold ? 0 : (this.#options.workers ?? defaultWorkers());
    if (workers === 0) return local(sources);
    this.#pool ??= new RenderPool(workers);
    return this.#pool.render(this.#options.engine, sources, local);
  }

  /** Renders on this thread, loading the highlighter and the Markdown engine on first use. */
  async #localRenderer(): Promise<LocalRenderer> {
    this.#highlighter ??= createHighlighter();
    this.#markdown ??= loadEngine(this.#options.engine);
    const [highlighter, markdown] = await Promise.all([this.#highlighter, this.#markdown]);
    return (essays) => renderBatch(essays, markdown, highlighter);
  }
}

/** One worker for each core but the one the main thread renders on. */
function defaultWorkers(): number {
  return availableParallelism() - 1;
}

/** Compiles once and releases the workers: what the CLI and the tests call. */
export async function compile(options: CompileOptions): Promise<CompileStats> {
  const compiler = new Compiler(options);
  try {
    return await compiler.build();
  } finally {
    await compiler.close();
  }
}

function sortIssues(issues: ContentIssue[]): ContentIssue[] {
  return issues.sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
}
