import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtures, packageRoot } from '../../../test/helpers.js';
import { parseEssaySource } from '../frontmatter.js';
import { createHighlighter, type Highlighter } from '../highlight.js';
import { markdownItEngine } from './markdown-it.js';
import type { BodyInput, MarkdownEngine } from './types.js';
import { unifiedEngine } from './unified.js';

/**
 * markdown-it renders the site because it is about ten times faster; unified is the reference.
 * These tests hold the fast engine to the reference: the same HTML, byte for byte, for the golden
 * fixtures and for every real essay. `UPDATE_GOLDEN=1` rewrites the golden files from unified.
 */
let highlighter: Highlighter;
beforeAll(async () => {
  highlighter = await createHighlighter();
});

function input(file: string, slug: string): BodyInput {
  const split = parseEssaySource(file, readFileSync(file, 'utf8'));
  return { slug, file, dir: join(file, '..'), body: split.body, bodyLine: split.bodyLine };
}

const render = (engine: MarkdownEngine, body: BodyInput) => engine.render(body, highlighter);

const goldenDir = join(fixtures, 'golden');
const goldenFiles = readdirSync(goldenDir).filter((file) => file.endsWith('.md'));

describe.each(goldenFiles)('golden fixture %s', (name) => {
  it('renders the golden HTML with both engines', () => {
    const body = input(join(goldenDir, name), 'golden');
    const reference = render(unifiedEngine, body);
    const goldenPath = join(goldenDir, name.replace(/\.md$/, '.html'));
    if (process.env.UPDATE_GOLDEN || !existsSync(goldenPath))
      writeFileSync(goldenPath, `${reference.html}\n`);
    const golden = readFileSync(goldenPath, 'utf8').trimEnd();
    expect(reference.html).toBe(golden);
    expect(render(markdownItEngine, body).html).toBe(golden);
  });

  it('finds the same outline, links and code with both engines', () => {
    const body = input(join(goldenDir, name), 'golden');
    const fast = render(markdownItEngine, body);
    const reference = render(unifiedEngine, body);
    expect(fast.headings).toEqual(reference.headings);
    expect(fast.links.map((link) => link.href)).toEqual(reference.links.map((link) => link.href));
    expect(fast.code.map(({ lang, meta, value }) => [lang, meta, value.trimEnd()])).toEqual(
      reference.code.map(({ lang, meta, value }) => [lang, meta, value.trimEnd()]),
    );
  });
});

const essaysDir = join(packageRoot, 'essays');
const essays = existsSync(essaysDir)
  ? readdirSync(essaysDir).filter((slug) => existsSync(join(essaysDir, slug, 'index.md')))
  : [];

describe.runIf(essays.length > 0)('every essay', () => {
  it.each(essays)('%s renders the same with both engines', (slug) => {
    const body = input(join(essaysDir, slug, 'index.md'), slug);
    expect(render(markdownItEngine, body).html).toBe(render(unifiedEngine, body).html);
  });
});
