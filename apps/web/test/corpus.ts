import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { loadPost, type Post, posts } from '@working-notes/content';
import { openSearch, tokenize } from '@working-notes/content/search';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

const bodies = new Map<string, Post>();
export async function loadBodies(): Promise<Map<string, Post>> {
  if (bodies.size === 0) for (const meta of posts) bodies.set(meta.slug, await loadPost(meta.slug));
  return bodies;
}
await loadBodies();

// The sharded index the dialog reads, searched from Node by the same engine.
const searchFolder = dirname(
  createRequire(import.meta.url).resolve('@working-notes/content/search/index.json'),
);
const searcher = openSearch(async (path) =>
  JSON.parse(await readFile(join(searchFolder, path), 'utf8')),
);

/**
 * A word that appears in exactly one essay's body and in no title, description or heading, and
 * that search (stems and prefixes included) ties to that essay alone, so finding it proves search
 * reads bodies.
 */
export async function wordOnlyInOneBody(): Promise<{ word: string; post: Post }> {
  const visible = new Set(posts.flatMap((post) => tokenize(`${post.title} ${post.description}`)));
  const seen = new Map<string, Set<string>>();
  for (const post of bodies.values()) {
    for (const heading of post.headings)
      for (const word of tokenize(heading.text)) visible.add(word);
    for (const word of tokenize(post.text)) {
      if (word.length < 6 || /\d/.test(word)) continue;
      seen.set(word, (seen.get(word) ?? new Set()).add(post.slug));
    }
  }
  for (const [word, slugs] of seen) {
    // A longer word starting with this one elsewhere would also match as a prefix.
    if (
      slugs.size !== 1 ||
      visible.has(word) ||
      [...seen.keys()].some((other) => other !== word && other.startsWith(word)) ||
      (await searcher.search(word)).length !== 1
    )
      continue;
    const post = bodies.get([...slugs][0] ?? '');
    if (post) return { word, post };
  }
  throw new Error('no word appears in exactly one essay body');
}

/**
 * Opens search with the "/" key, types a word found only in one essay's body, and waits until that
 * essay is the first result. Returns the dialog, still open.
 */
export async function searchBodyWordFromKeyboard(page: Page): Promise<Locator> {
  const { word, post } = await wordOnlyInOneBody();
  await page.keyboard.press('/');
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox').fill(word);
  await expect
    .poll(() => dialog.getByRole('option').first().locator('.search-title').textContent())
    .toBe(post.title);
  return dialog;
}
