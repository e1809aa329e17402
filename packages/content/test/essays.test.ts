import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../src/compiler/compile.js';
import type { MetaRecord } from '../src/compiler/emit/records.js';
import { ContentError } from '../src/compiler/errors.js';
import { parseEssaySource } from '../src/compiler/frontmatter.js';
import { tags } from '../src/schema/tags.js';
import { importModule, packageRoot, temporaryDir } from './helpers.js';

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

  it('every diagram beside an essay is used by it', () => {
    const unused = slugs.flatMap((slug) => {
      const source = readFileSync(join(essaysDir, slug, 'index.md'), 'utf8');
      return readdirSync(join(essaysDir, slug))
        .filter(
          (file) =>
            file !== 'index.md' &&
            !source.includes(`](./${file})`) &&
            !source.includes(`](${file})`),
        )
        .map((file) => `${slug}/${file}`);
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
