import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPost, posts } from '@working-notes/content';
import { describe, expect, it } from 'vitest';
import { outDir } from './paths.js';
import { type Manifest, measurePage, printReport } from './size-report.js';

// The page's scripts are not what this is about: with no manifest, only the entry is counted.
const manifest: Manifest = {};

describe('the size report', () => {
  it('fails a page whose body sends its article a second time, in any encoding', async () => {
    const post = posts[0];
    if (!post) throw new Error('no essays');
    const { html: article } = await loadPost(post.slug);
    const page = readFileSync(join(outDir, post.path, 'index.html'), 'utf8');
    const measure = (html: string) => measurePage(outDir, post.path, html, manifest, article);
    const copies = {
      asBuilt: measure(page),
      hydrationPayload: measure(
        page.replace(
          '</body>',
          `<script>${JSON.stringify(article).replace(/</g, '\\u003c')}</script></body>`,
        ),
      ),
      hiddenCopy: measure(page.replace('</body>', `<template>${article}</template></body>`)),
    };
    expect(copies.asBuilt.articleCopies).toBe(1);
    expect(copies.hydrationPayload.articleCopies).toBe(2);
    expect(copies.hiddenCopy.articleCopies).toBe(2);
    expect(printReport([copies.asBuilt])).toEqual([]);
    expect(printReport([copies.hydrationPayload])).toEqual([
      `${post.path}: the body carries its article's text 2 times, not once`,
    ]);
  });
});
