import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
// Aliased: the compiler bundle's banner declares its own createRequire.
import { createRequire as requireFrom } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import type { EngineName } from './engines/index.js';
import type { EssaySource, RenderedEssay } from './essay.js';

interface Entry {
  essay: RenderedEssay;
  /** Content hash of each image the essay inlines or links, checked on every hit. */
  assets: [string, string][];
}

/** Files the cache is split into, by essay: an edit rewrites one of them, not the corpus. */
const shardCount = 32;

function shardOf(slug: string): number {
  return (createHash('sha1').update(slug).digest()[0] ?? 0) % shardCount;
}

/**
 * Rendered essays by content hash, in a few files (shards, by slug): reading a thousand small
 * cache files would cost more than the rebuild it saves, and one file for the corpus meant an
 * edit rewrote all of it (186 MB at 5000 essays, half a second to write). The key includes a hash
 * of the compiler's own source, so changing the compiler never serves HTML the old compiler made.
 */
export class RenderCache {
  #entries = new Map<string, Entry>();
  #used = new Set<string>();
  /** Shards whose entries changed since they were read or written. */
  #dirty = new Set<number>();
  #saving: Promise<void> = Promise.resolve();
  #saveTimer: NodeJS.Timeout | undefined;
  readonly #dir: string | undefined;
  readonly #salt: string;

  constructor(dir: string | undefined, engine: EngineName) {
    this.#dir = dir ? join(dir, 'render-cache') : undefined;
    this.#salt = `${engine}:${compilerFingerprint()}:${shikiVersion()}`;
    if (!this.#dir) return;
    for (let shard = 0; shard < shardCount; shard++) {
      try {
        const stored = deserialize(readFileSync(this.#shardFile(shard))) as {
          salt: string;
          entries: [string, Entry][];
        };
        if (stored.salt === this.#salt)
          for (const [key, entry] of stored.entries) this.#entries.set(key, entry);
        else this.#dirty.add(shard);
      } catch {
        // No cache yet, or one from an older format: start empty.
      }
    }
  }

  #shardFile(shard: number): string {
    return join(this.#dir ?? '', `${String(shard).padStart(2, '0')}.v8`);
  }

  /** Rendered essays on hand; zero means every essay of this build will be rendered. */
  get size(): number {
    return this.#entries.size;
  }

  key(essay: EssaySource): string {
    return createHash('sha1')
      .update(this.#salt)
      .update('\0')
      .update(essay.slug)
      .update('\0')
      .update(essay.source)
      .digest('hex');
  }

  /**
   * The highlighted code blocks of the cached renders of these essays (their last versions, when
   * they were edited since): what an edit that leaves the code alone needs to render again.
   */
  blocksOf(slugs: ReadonlySet<string>): Map<string, string | undefined> {
    const blocks = new Map<string, string | undefined>();
    if (slugs.size === 0) return blocks;
    for (const { essay } of this.#entries.values())
      if (slugs.has(essay.slug))
        for (const [key, html] of essay.highlighted ?? []) blocks.set(key, html);
    return blocks;
  }

  get(essay: EssaySource): RenderedEssay | undefined {
    const key = this.key(essay);
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    for (const [asset, hash] of entry.assets) {
      if (hashFile(join(essay.dir, asset)) !== hash) return undefined;
    }
    this.#used.add(key);
    return entry.essay;
  }

  set(source: EssaySource, essay: RenderedEssay): void {
    const key = this.key(source);
    this.#entries.set(key, {
      essay,
      assets: essay.assets.map((asset) => [asset, hashFile(join(source.dir, asset)) ?? '']),
    });
    this.#used.add(key);
    this.#dirty.add(shardOf(source.slug));
  }

  /**
   * Saves a moment after the last call, for watch-mode rebuilds: serialising the whole corpus
   * costs more than a rebuild of one essay, so a burst of edits pays for it once. A save that
   * fails costs the next build time, not this one its output: it is a warning.
   */
  saveSoon(): undefined {
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => {
      this.#saveTimer = undefined;
      this.save().catch((error: unknown) => {
        process.emitWarning(`The render cache was not saved: ${String(error)}`);
      });
    }, 2000);
    this.#saveTimer.unref();
    return undefined;
  }

  /** Writes a save that `saveSoon` still holds back, and waits for any save in progress. */
  async flush(): Promise<void> {
    if (this.#saveTimer) {
      clearTimeout(this.#saveTimer);
      this.#saveTimer = undefined;
      await this.save();
    }
    await this.settled();
  }

  /** Resolves once no save is being written; a failed one was reported to whoever started it. */
  settled(): Promise<void> {
    return this.#saving.catch(() => {});
  }

  /**
   * Writes the entries this build used; the rest (edited or deleted essays) are dropped. The
   * entries are serialised now, and the file is written on the thread pool, so the caller can
   * write the build's output meanwhile. Saves run one after another, never over each other.
   */
  save(): Promise<void> {
    if (!this.#dir) return this.settled();
    const dir = this.#dir;
    // A shard is written again when an entry was added to it or one of its entries went unused
    // (an essay edited or deleted); the others are as they are on disk.
    const kept = new Map<string, Entry>();
    for (const [key, entry] of this.#entries) {
      if (this.#used.has(key)) kept.set(key, entry);
      else this.#dirty.add(shardOf(entry.essay.slug));
    }
    if (this.#dirty.size === 0) return this.settled();
    const shards = new Map<number, [string, Entry][]>([...this.#dirty].map((shard) => [shard, []]));
    for (const [key, entry] of kept) shards.get(shardOf(entry.essay.slug))?.push([key, entry]);
    const data = [...shards].map(
      ([shard, entries]) =>
        [this.#shardFile(shard), serialize({ salt: this.#salt, entries })] as const,
    );
    this.#entries = kept;
    this.#dirty = new Set();
    this.#used = new Set();
    // A failed earlier save was reported to its caller; it must not stop this one.
    this.#saving = this.#saving
      .catch(() => {})
      .then(async () => {
        await mkdir(dir, { recursive: true });
        for (const [file, bytes] of data) {
          const temporary = `${file}.${process.pid}.tmp`;
          await writeFile(temporary, bytes);
          await rename(temporary, file);
        }
      });
    return this.#saving;
  }
}

function hashFile(path: string): string | undefined {
  try {
    return createHash('sha1').update(readFileSync(path)).digest('hex');
  } catch {
    return undefined;
  }
}

/** Shiki's version: highlighted HTML in the cache is Shiki's, and an upgrade may change it. */
function shikiVersion(): string {
  try {
    return (requireFrom(import.meta.url)('shiki/package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

let fingerprint: string | undefined;

/** A hash of the package's source files (tests excluded): the compiler, schema and runtime. */
function compilerFingerprint(): string {
  if (fingerprint) return fingerprint;
  const root = dirname(dirname(fileURLToPath(import.meta.url)));
  const hash = createHash('sha1');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).sort();
  for (const file of files) {
    if (!/\.[cm]?[jt]s$/.test(file) || /\.test(-d)?\./.test(file)) continue;
    hash.update(file).update(readFileSync(join(root, file)));
  }
  fingerprint = hash.digest('hex');
  return fingerprint;
}
