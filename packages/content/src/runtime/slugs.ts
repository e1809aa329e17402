import { posts } from '#meta';
import type { Slug } from './types.js';

const known: ReadonlySet<string> = new Set(posts.map((post) => post.slug));

/** True when `value` is the slug of a published essay. */
export function isSlug(value: string): value is Slug {
  return known.has(value);
}
