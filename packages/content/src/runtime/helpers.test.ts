import { describe, expect, it } from 'vitest';
import type { Tag } from '../schema/tags.js';
import {
  adjacentPosts,
  latestPosts,
  postsByTag,
  relatedPosts,
  relatedPostsOfAll,
  tagCounts,
} from './helpers.js';

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

  it('picks the same related essays as sorting every candidate would, ties to the newer, one essay or all at once', () => {
    const tags: Tag[] = ['ai', 'engineering', 'architecture', 'kubernetes', 'nodejs'];
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const many = Array.from({ length: 300 }, (_, index) => ({
      slug: `essay-${index}`,
      tags: tags.filter(() => next() < 0.35),
    }));
    const sorted = (post: (typeof many)[number], count: number) =>
      many
        .map((candidate, order) => ({
          candidate,
          order,
          shared: candidate.tags.filter((tag) => post.tags.includes(tag)).length,
        }))
        .filter(({ candidate, shared }) => shared > 0 && candidate.slug !== post.slug)
        .sort((a, b) => b.shared - a.shared || a.order - b.order)
        .slice(0, count)
        .map(({ candidate }) => candidate.slug);
    for (const count of [1, 3, 8]) {
      const all = relatedPostsOfAll(many, count);
      for (const post of many) {
        expect(relatedPosts(many, post, count).map((found) => found.slug)).toEqual(
          sorted(post, count),
        );
        expect(all.get(post.slug)?.map((found) => found.slug)).toEqual(sorted(post, count));
      }
    }
  });

  it('counts tags, most used first', () => {
    expect(tagCounts(list)[0]).toEqual({ tag: 'ai', count: 3 });
  });
});
