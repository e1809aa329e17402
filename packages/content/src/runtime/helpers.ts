import type { Tag } from './types.js';

// Structural constraints, so the helpers work on `posts` and on any list shaped like it.
type Tagged = { readonly tags: readonly Tag[] };
type Slugged = { readonly slug: string };

/**
 * Essays carrying `tag`, newest first.
 *
 * @example
 * postsByTag(posts, 'kubernetes').map((post) => post.title);
 */
export function postsByTag<P extends Tagged>(list: readonly P[], tag: Tag): P[] {
  return list.filter((post) => post.tags.includes(tag));
}

/**
 * The essays around `slug` in a newest-first list: `newer` is the next one published after it,
 * `older` the one before. Either is undefined at the ends of the list.
 *
 * @example
 * const { newer, older } = adjacentPosts(posts, 'inside-v8');
 */
export function adjacentPosts<P extends Slugged>(
  list: readonly P[],
  slug: string,
): { newer: P | undefined; older: P | undefined } {
  const index = list.findIndex((post) => post.slug === slug);
  if (index === -1) return { newer: undefined, older: undefined };
  return { newer: list[index - 1], older: list[index + 1] };
}

/**
 * The newest `count` essays, optionally only those with `tag`.
 *
 * @example
 * latestPosts(posts, 5, 'ai');
 */
export function latestPosts<P extends Tagged>(list: readonly P[], count: number, tag?: Tag): P[] {
  const pool = tag === undefined ? list : postsByTag(list, tag);
  return pool.slice(0, Math.max(0, Math.floor(count)));
}

/**
 * Essays sharing the most tags with `post`, newest first among equals; the post itself excluded.
 *
 * @example
 * relatedPosts(posts, post, 3);
 */
export function relatedPosts<P extends Slugged & Tagged>(
  list: readonly P[],
  post: Slugged & Tagged,
  count = 3,
): P[] {
  return list
    .map((candidate, order) => ({
      candidate,
      order,
      shared: candidate.tags.filter((tag) => post.tags.includes(tag)).length,
    }))
    .filter(({ candidate, shared }) => shared > 0 && candidate.slug !== post.slug)
    .sort((a, b) => b.shared - a.shared || a.order - b.order)
    .slice(0, count)
    .map(({ candidate }) => candidate);
}

/** Every tag in use with the number of essays carrying it, most used first. */
export function tagCounts(list: readonly Tagged[]): { tag: Tag; count: number }[] {
  const counts = new Map<Tag, number>();
  for (const post of list) for (const tag of post.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts]
    .map(([tag, count]) => ({ tag, count }))
    .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}
