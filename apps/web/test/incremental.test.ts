import { createHash } from 'node:crypto';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticEssay, writeCorpus } from '../../../packages/content/bench/corpus.js';
import { webRoot } from '../scripts/paths.js';
import { runSite } from '../scripts/site-run.js';

/**
 * An edited corpus rebuilt by `pnpm site` (scripts/build-site.mjs) gives the same bytes, file for
 * file, as a cold build of the same essays into a new folder with no cache, and rewrites only the
 * pages the edit reaches: the essay, the lists and neighbours that show it.
 */
const essayCount = 40;
let root: string;
const essays = () => join(root, 'essays');

function build(out: string, cache: string): { rendered: number; pages: number } {
  const { pages } = runSite({ essays: essays(), out, cache, report: join(root, 'report.jsonl') });
  return { rendered: pages.rendered ?? 0, pages: pages.pages ?? 0 };
}

/** Every file of a folder: its bytes' hash and its inode (a rewritten file gets a new one). */
function snapshot(dir: string): Map<string, { hash: string; inode: number }> {
  const files = new Map<string, { hash: string; inode: number }>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(dir, path), {
      hash: createHash('sha256').update(readFileSync(path)).digest('hex'),
      inode: statSync(path).ino,
    });
  }
  return files;
}

const hashes = (files: Map<string, { hash: string }>) =>
  new Map([...files].map(([file, { hash }]) => [file, hash]));

/** A cold build of the corpus as it is now, into a new folder with new caches. */
function coldBuild(name: string) {
  const out = join(root, `cold-${name}`);
  build(out, join(root, `cache-cold-${name}`));
  return snapshot(out);
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'wn-incremental-'));
  writeCorpus(essays(), essayCount);
  build(join(root, 'site'), join(root, 'cache'));
}, 240_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('an edited corpus, rebuilt', () => {
  it('after one essay body is edited, matches a cold build and rewrites only what shows it', () => {
    const before = snapshot(join(root, 'site'));
    const slug = readdirSync(essays()).sort()[7] ?? '';
    appendFileSync(
      join(essays(), slug, 'index.md'),
      '\nA paragraph added after publication, long enough to change the reading time of this essay by a minute or more. '.repeat(
        40,
      ),
    );
    const { rendered, pages } = build(join(root, 'site'), join(root, 'cache'));
    const after = snapshot(join(root, 'site'));
    expect(hashes(after)).toEqual(hashes(coldBuild('body')));

    const rewritten = [...after]
      .filter(([file, { inode }]) => file.endsWith('.html') && before.get(file)?.inode !== inode)
      .map(([file]) => file);
    expect(rewritten).toContain(`essays/${slug}/index.html`);
    // Rendered: the essay, its two neighbours, the essays that list it as related, the lists.
    // Written: those whose bytes changed (the reading time shows on some, not on all).
    expect(rewritten.length).toBeLessThanOrEqual(rendered);
    expect(rendered).toBeLessThan(pages / 3);
    const essayPages = rewritten.filter((file) => file.startsWith('essays/'));
    expect(essayPages.length).toBeLessThan(essayCount / 4);
  }, 240_000);

  it('after a title change, a removed essay and a new one, matches a cold build', () => {
    const slugs = readdirSync(essays()).sort();
    const renamed = slugs[3] ?? '';
    const markdown = join(essays(), renamed, 'index.md');
    writeFileSync(
      markdown,
      readFileSync(markdown, 'utf8').replace(/^title: .*$/m, 'title: A title changed later'),
    );
    rmSync(join(essays(), slugs[12] ?? ''), { recursive: true });
    const added = join(essays(), 'an-essay-added-later');
    mkdirSync(added);
    writeFileSync(
      join(added, 'index.md'),
      syntheticEssay(essayCount + 1).replace(/^date: .*$/m, 'date: 2030-01-01'),
    );

    build(join(root, 'site'), join(root, 'cache'));
    const after = snapshot(join(root, 'site'));
    expect(hashes(after)).toEqual(hashes(coldBuild('more')));
    expect(after.has(`essays/${slugs[12]}/index.html`)).toBe(false);
    expect(after.has('essays/an-essay-added-later/index.html')).toBe(true);
  }, 240_000);
});

describe('a corpus that breaks', () => {
  it('fails naming the essay, leaves the last good site as it was, and builds once it is fixed', () => {
    const site = join(root, 'site');
    const before = snapshot(site);
    const slug = readdirSync(essays()).sort()[5] ?? '';
    const markdown = join(essays(), slug, 'index.md');
    const good = readFileSync(markdown, 'utf8');
    // The pages step starts beside the compile: it must not write while the compile fails.
    writeFileSync(markdown, good.replace(/^date: .*$/m, 'date: the day after tomorrow'));
    expect(() => build(site, join(root, 'cache'))).toThrow(
      new RegExp(`${slug}/index\\.md:\\d+[\\s\\S]*date[\\s\\S]*is as it was`),
    );
    expect(snapshot(site)).toEqual(before);
    // No half-built folder, lock or commit journal left beside it.
    expect(
      readdirSync(root).filter((name) => /^\.site\.(building|old|lock|commit)/.test(name)),
    ).toEqual([]);

    writeFileSync(markdown, good);
    build(site, join(root, 'cache'));
    expect(hashes(snapshot(site))).toEqual(hashes(before));
  }, 240_000);
});

describe('the run folders of output folders', () => {
  it('are removed an hour after their output folder is gone, and kept while it exists', () => {
    const runs = join(webRoot, 'node_modules', '.cache', 'working-notes-site', 'runs');
    const stale = Date.now() / 1000 - 2 * 3600;
    const runFolder = (name: string, target: string) => {
      const folder = join(runs, name);
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, '.target'), target);
      utimesSync(join(folder, '.target'), stale, stale);
      return folder;
    };
    const gone = runFolder('test-gone-target', join(root, 'a-folder-never-built'));
    const kept = runFolder('test-kept-target', join(root, 'site'));
    try {
      build(join(root, 'site'), join(root, 'cache'));
      expect(existsSync(gone)).toBe(false);
      expect(existsSync(kept)).toBe(true);
    } finally {
      rmSync(gone, { recursive: true, force: true });
      rmSync(kept, { recursive: true, force: true });
    }
  }, 240_000);
});
