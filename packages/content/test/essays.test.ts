import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../src/compiler/compile.js';
import type { BodyRecord, MetaRecord } from '../src/compiler/emit/records.js';
import { ContentError } from '../src/compiler/errors.js';
import { parseEssaySource } from '../src/compiler/frontmatter.js';
import { tags } from '../src/schema/tags.js';
import { fixtures, importModule, packageRoot, temporaryDir } from './helpers.js';

/** The real corpus, one rule per test, so a failure names the rule it broke. */
const essaysDir = join(packageRoot, 'essays');
const slugs = existsSync(essaysDir)
  ? readdirSync(essaysDir).filter((slug) => existsSync(join(essaysDir, slug, 'index.md')))
  : [];
const parsed = slugs.map((slug) => {
  const file = join(essaysDir, slug, 'index.md');
  return { slug, file, ...parseEssaySource(`essays/${slug}/index.md`, readFileSync(file, 'utf8')) };
});

/**
 * The editorial plan's lengths, in prose words (code blocks excluded, as readers count them):
 * flagships 2,000, the Guara Cloud story 1,200, the technical essays 1,500, every other essay 900.
 */
const flagships = [
  'status-is-a-distributed-system',
  'the-control-plane-is-a-reconciliation-loop',
  'you-are-already-writing-a-durable-execution-engine',
  'the-harness-is-the-hard-part',
  'backups-are-a-product-not-a-snapshot',
  'evidence-before-certainty',
];
const technical = [
  'kubernetes-on-bare-metal-on-purpose',
  'the-abstraction-tax',
  'secure-saas-in-the-age-of-vibe-coding',
  'typescript-goes-native',
  'what-makes-software-scale',
  'a-blockchain-from-first-principles-in-typescript',
  'concurrency-and-multithreading-explained',
  'microservices-without-the-buzzwords',
  'rate-limiting-pitfalls',
  'seven-quick-wins-for-nodejs-performance',
  'inside-v8',
  'a-vector-space-search-engine-in-python',
];
const minimumWords = new Map<string, number>([
  ...flagships.map((slug) => [slug, 2000] as const),
  ['why-i-am-building-guara-cloud', 1200],
  ...technical.map((slug) => [slug, 1500] as const),
]);

describe.runIf(slugs.length > 0)('the essays', () => {
  let compileError: unknown;
  const outDir = temporaryDir('essays');
  beforeAll(async () => {
    try {
      await compile({ essaysDir, outDir, cacheDir: false });
    } catch (error) {
      compileError = error;
    }
  });

  it('every essay has valid frontmatter', () => {
    expect(parsed.flatMap((essay) => essay.issues)).toEqual([]);
  });

  it('the whole corpus compiles: links, anchors, images, unique titles', () => {
    expect(
      compileError instanceof ContentError ? compileError.message : compileError,
    ).toBeUndefined();
  });

  it('no two essays share a publication date, so newest-first order is never a tie', () => {
    const dates = parsed.map((essay) => essay.frontmatter?.date);
    expect(new Set(dates).size).toBe(dates.length);
  });

  const linksTo = (source: string, file: string) =>
    new RegExp(
      `\\]\\((?:\\./)?${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:\\s+"[^"]*")?\\)`,
    ).test(source);

  it('every diagram beside an essay is used by it', () => {
    const unused = slugs.flatMap((slug) => {
      const source = readFileSync(join(essaysDir, slug, 'index.md'), 'utf8');
      return (
        readdirSync(join(essaysDir, slug))
          // Linked as ](./file) or ](file), with or without a caption in quotes.
          .filter((file) => file !== 'index.md' && !linksTo(source, file))
          .map((file) => `${slug}/${file}`)
      );
    });
    expect(unused).toEqual([]);
  });

  it('every tag in the list is carried by at least three essays, so no tag page is a dead end', () => {
    const counts = new Map<string, number>(tags.map((tag) => [tag, 0]));
    for (const essay of parsed) {
      for (const tag of essay.frontmatter?.tags ?? []) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    }
    const thin = [...counts]
      .filter(([, count]) => count < 3)
      .map(([tag, count]) => `${tag}: ${count}`);
    expect(thin).toEqual([]);
  });

  it('every essay has at least one section heading for its table of contents', () => {
    const without = parsed.filter((essay) => !/^## /m.test(essay.body)).map((essay) => essay.slug);
    expect(without).toEqual([]);
  });

  it('every essay is as long as the editorial plan asks, in prose words', async () => {
    const { posts } = await importModule<{ posts: MetaRecord[] }>(join(outDir, 'meta.js'));
    const short = posts
      .map((post) => ({
        slug: post.slug,
        words: post.wordCount,
        minimum: minimumWords.get(post.slug) ?? 900,
      }))
      .filter((post) => post.words < post.minimum)
      .map((post) => `${post.slug}: ${post.words} of ${post.minimum} words`);
    expect(short).toEqual([]);
    // A renamed essay must not silently fall back to the general minimum.
    expect([...minimumWords.keys()].filter((slug) => !slugs.includes(slug))).toEqual([]);
  });
});

/**
 * Corpus rules the editor's pass (issue 17) set. Each compares what the essays show today with
 * a list of known violations, so main stays green while the owners of those essays fix them.
 * The lists must only shrink: an entry that no longer violates fails the test until it is removed.
 */
describe.runIf(slugs.length > 0)('the essays, held to the editorial pass of issue 17', () => {
  const outDir = temporaryDir('essays-rules');
  let posts: BodyRecord[] = [];
  beforeAll(async () => {
    await compile({ essaysDir, outDir, cacheDir: false });
    const { posts: meta } = await importModule<{ posts: MetaRecord[] }>(join(outDir, 'meta.js'));
    posts = await Promise.all(
      meta.map(
        async (post) =>
          (await importModule<{ default: BodyRecord }>(join(outDir, 'posts', `${post.slug}.js`)))
            .default,
      ),
    );
  });

  /**
   * Links from an older essay to a newer one whose older essay has no `updated` date on or
   * after the newer one's `date`. Owners: each essay's editor. Remove an entry once fixed.
   */
  const knownNewerLinks: string[] = [];

  it('an essay links to a newer essay only if it was updated on or after that essay’s date', () => {
    const dates = new Map(posts.map((post) => [post.slug, post.date]));
    const violations = new Map<string, string>();
    for (const post of posts) {
      for (const match of post.html.matchAll(/href="\/essays\/([a-z0-9-]+)\/?(?:#[^"]*)?"/g)) {
        const target = match[1] ?? '';
        const targetDate = dates.get(target);
        if (target === post.slug || targetDate === undefined || targetDate <= post.date) continue;
        if (post.updated !== undefined && post.updated >= targetDate) continue;
        violations.set(
          `${post.slug} -> ${target}`,
          `${post.slug} (${post.date}, updated ${post.updated ?? 'never'}) links to ${target} (${targetDate})`,
        );
      }
    }
    expect(
      [...violations].filter(([key]) => !knownNewerLinks.includes(key)).map(([, why]) => why),
      'new links to newer essays without an updated date',
    ).toEqual([]);
    expect(
      knownNewerLinks.filter((key) => !violations.has(key)),
      'fixed, so remove from knownNewerLinks',
    ).toEqual([]);
  });

  /**
   * Essays holding a run of eight or more words copied from the editorial plan (its prose is in
   * test/fixtures/editorial-plan.txt). Owners: each essay's editor. Remove an entry once fixed.
   */
  const knownPlanCopies: string[] = [];

  it('no essay repeats eight or more consecutive words of the editorial plan', () => {
    const run = 8;
    const plan = new Set<string>();
    for (const line of readFileSync(join(fixtures, 'editorial-plan.txt'), 'utf8').split('\n')) {
      if (line.startsWith('#')) continue;
      const words = wordsOf(line);
      for (let i = 0; i + run <= words.length; i++) plan.add(words.slice(i, i + run).join(' '));
    }
    const copies = new Map<string, string[]>();
    for (const essay of parsed) {
      const { title = '', description = '' } = essay.frontmatter ?? {};
      // A link's destination is not prose: an essay's slug may spell out its planned title.
      for (const text of [title, description, essay.body.replace(/\]\([^)]*\)/g, ']')]) {
        const words = wordsOf(text);
        // Overlapping windows are one copied passage: report each passage once, whole.
        let from = -1;
        let to = -1;
        const flush = () => {
          if (from < 0) return;
          copies.set(essay.slug, [
            ...(copies.get(essay.slug) ?? []),
            words.slice(from, to).join(' '),
          ]);
        };
        for (let i = 0; i + run <= words.length; i++) {
          if (!plan.has(words.slice(i, i + run).join(' '))) continue;
          if (i > to) {
            flush();
            from = i;
          }
          to = i + run;
        }
        flush();
      }
    }
    expect(
      [...copies].filter(([slug]) => !knownPlanCopies.includes(slug)),
      'essays with a run of words from the editorial plan',
    ).toEqual([]);
    expect(
      knownPlanCopies.filter((slug) => !copies.has(slug)),
      'fixed, so remove from knownPlanCopies',
    ).toEqual([]);
  });
});

/** Lowercase words, split at anything but letters, digits and apostrophes (curly or straight). */
function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .split(/[^\p{L}\p{N}']+/u)
    .map((word) => word.replace(/^'+|'+$/g, ''))
    .filter((word) => word.length > 0);
}
