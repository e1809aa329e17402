import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { site as defaultSite, type Site } from '../site.js';
import { RenderCache } from './cache.js';
import { checkCorpus } from './corpus.js';
import { buildOutputs } from './emit/outputs.js';
import type { EngineName } from './engines/index.js';
import { ContentError, OutputError } from './errors.js';
import type { BrokenEssay, EssaySource, RenderedEssay } from './essay.js';
import { type WrittenOutput, writeOutput } from './output.js';
import { FastRenderer } from './parallel/index.js';
import { readEssays, type SourceCache } from './read.js';

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
  /**
   * Write each essay's declaration file (`posts/<slug>.d.ts`), as the published package has.
   * Defaults to true; a site build that only runs the modules leaves them out (`pnpm site`).
   */
  declarations?: boolean;
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
  phases: {
    read: number;
    render: number;
    check: number;
    emit: number;
    /** Of `emit`: the whole search index and the sharded one, from the entries made in `render`. */
    search: number;
    write: number;
  };
}

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
  readonly #renderer: FastRenderer;
  #previous: WrittenOutput | undefined;
  /** Essay sources by path with the size and mtime they were read at: rebuilds re-read only edits. */
  readonly #sourceCache: SourceCache = new Map();
  /** The render cache's save after the last build, which `close` waits for. */
  #cacheSaved: Promise<void> | undefined;

  constructor(options: CompileOptions) {
    const engine = options.engine ?? 'markdown-it';
    this.#options = {
      essaysDir: resolve(options.essaysDir),
      outDir: resolve(options.outDir),
      engine,
      site: options.site ?? defaultSite,
      workers: options.workers,
      declarations: options.declarations ?? true,
    };
    const cacheDir =
      options.cacheDir === false
        ? undefined
        : resolve(options.cacheDir ?? 'node_modules/.cache/working-notes-content');
    this.#cache = new RenderCache(cacheDir, engine);
    this.#renderer = new FastRenderer(engine, options.workers);
  }

  async build(): Promise<CompileStats> {
    await this.#cacheSaved; // the last build's, so two saves never see one build's entries
    const started = performance.now();
    let mark = started;
    const lap = () => {
      const now = performance.now();
      const elapsed = now - mark;
      mark = now;
      return elapsed;
    };
    this.#renderer.prepare(this.#options.essaysDir, this.#cache.size === 0);
    const { sources, issues } = readEssays(this.#options.essaysDir, this.#sourceCache);
    const rendered: RenderedEssay[] = [];
    const misses: EssaySource[] = [];
    for (const source of sources) {
      const hit = this.#cache.get(source);
      if (hit) rendered.push(hit);
      else misses.push(source);
    }
    const read = lap();
    const outcomes = await this.#renderer.render(
      misses,
      this.#cache.blocksOf(new Set(misses.map((source) => source.slug))),
    );
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
    if (issues.length > 0) throw new ContentError(issues);

    // Cache only after the corpus passed, so a half-fixed corpus re-checks what it must.
    const bySlug = new Map(misses.map((source) => [source.slug, source]));
    for (const essay of rendered) {
      const source = bySlug.get(essay.slug);
      if (source) this.#cache.set(source, essay);
    }
    const check = lap();

    const timings: { search?: number } = {};
    const files = buildOutputs(rendered, sources, this.#options.site, {
      declarations: this.#options.declarations,
      timings,
    });
    const emit = lap();
    let written: ReturnType<typeof writeOutput>;
    try {
      written = writeOutput(this.#options.outDir, files, this.#previous);
    } catch (error) {
      throw OutputError.from(this.#options.outDir, error);
    }
    const { written: filesWritten, bytes: outputBytes, output } = written;
    const first = this.#previous === undefined;
    this.#previous = output;
    const write = lap();
    // The render cache is saved after the build has returned its output: serialising it took
    // about 55 ms of a cold build of 1000 essays, and a caller such as `pnpm site` can start on
    // the output meanwhile. `close` waits for it. A watch-mode rebuild saves once the edits stop
    // (see RenderCache.saveSoon).
    this.#cacheSaved = new Promise((resolve) => setImmediate(resolve)).then(() =>
      // A cache that could not be written costs the next build time, not this one its output.
      (first ? this.#cache.save() : this.#cache.saveSoon())?.catch((error: unknown) => {
        process.emitWarning(`The render cache was not saved: ${String(error)}`);
      }),
    );
    return {
      essays: sources.length,
      published: rendered.filter((essay) => !essay.frontmatter.draft).length,
      rendered: misses.length,
      filesWritten,
      outputBytes,
      milliseconds: performance.now() - started,
      phases: { read, render, check, emit, search: timings.search ?? 0, write },
    };
  }

  async close(): Promise<void> {
    await this.#cacheSaved;
    await this.#cache.flush();
    await this.#renderer.close();
  }
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
