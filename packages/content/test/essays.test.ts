import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../src/compiler/compile.js';
import { ContentError } from '../src/compiler/errors.js';
import { parseEssaySource } from '../src/compiler/frontmatter.js';
import { packageRoot, temporaryDir } from './helpers.js';

/** The real corpus, one rule per test, so a failure names the rule it broke. */
const essaysDir = join(packageRoot, 'essays');
const slugs = existsSync(essaysDir)
  ? readdirSync(essaysDir).filter((slug) => existsSync(join(essaysDir, slug, 'index.md')))
  : [];
const parsed = slugs.map((slug) => {
  const file = join(essaysDir, slug, 'index.md');
  return { slug, file, ...parseEssaySource(`essays/${slug}/index.md`, readFileSync(file, 'utf8')) };
});

describe.runIf(slugs.length > 0)('the essays', () => {
  let compileError: unknown;
  beforeAll(async () => {
    try {
      await compile({ essaysDir, outDir: temporaryDir('essays'), cacheDir: false });
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

  it('every essay has at least one section heading for its table of contents', () => {
    const without = parsed.filter((essay) => !/^## /m.test(essay.body)).map((essay) => essay.slug);
    expect(without).toEqual([]);
  });
});
