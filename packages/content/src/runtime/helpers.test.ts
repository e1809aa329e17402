import { describe, expect, it } from 'vitest';
import type { Tag } from '../schema/tags.js';
import { adjacentPosts, latestPosts, postsByTag, relatedPosts, tagCounts } from './helpers.js';

const list: { slug: string; tags: Tag[] }[] = [
  { slug: 'newest', tags: ['ai', 'engineering'] },
  { slug: 'middle', tags: ['kubernetes'] },
  { slug: 'older', tags: ['ai'] },
  { slug: 'oldest', tags: ['ai', 'engineering', 'architecture'] },
];

describe('helpers', () => {
  it('filters by tag keeping order', () => {
    expect(postsByTag(list, 'ai').map((post) => post.slug)).toEqual(['newest', 'older', 'oldest']);
  });

  it('finds the newer and older neighbours, undefined at the ends', () => {
    expect(adjacentPosts(list, 'middle')).toEqual({ newer: list[0], older: list[2] });
    expect(adjacentPosts(list, 'newest').newer).toBeUndefined();
    expect(adjacentPosts(list, 'oldest').older).toBeUndefined();
    expect(adjacentPosts(list, 'missing')).toEqual({ newer: undefined, older: undefined });
  });

  it('takes the latest N, optionally by tag, tolerating silly counts', () => {
    expect(latestPosts(list, 2).map((post) => post.slug)).toEqual(['newest', 'middle']);
    expect(latestPosts(list, 1, 'kubernetes').map((post) => post.slug)).toEqual(['middle']);
    expect(latestPosts(list, -3)).toEqual([]);
  });

  it('relates essays by the number of shared tags', () => {
    expect(relatedPosts(list, list[0] as (typeof list)[number]).map((post) => post.slug)).toEqual([
      'oldest',
      'older',
    ]);
  });

  it('counts tags, most used first', () => {
    expect(tagCounts(list)[0]).toEqual({ tag: 'ai', count: 3 });
  });
});
