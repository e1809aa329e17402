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
  // One pass keeping the best `count` so far, with no object per candidate: a site builds the
  // related essays of every essay, so this runs once per essay over the whole list.
  const limit = Math.max(0, Math.floor(count));
  const best: { candidate: P; shared: number }[] = [];
  for (const candidate of list) {
    if (candidate.slug === post.slug) continue;
    let shared = 0;
    for (const tag of candidate.tags) if (post.tags.includes(tag)) shared++;
    if (shared === 0) continue;
    // Earlier (newer) candidates win ties, so a later one must share strictly more to pass one.
    let at = best.length;
    while (at > 0 && (best[at - 1]?.shared ?? 0) < shared) at--;
    if (at >= limit) continue;
    best.splice(at, 0, { candidate, shared });
    if (best.length > limit) best.pop();
  }
  return best.map(({ candidate }) => candidate);
}

/**
 * `relatedPosts` for every essay of the list at once, by slug: the same essays in the same
 * order, found through an index of the essays by tag, so each essay looks only at those it shares
 * a tag with. What a site that shows related essays on every page needs.
 *
 * @example
 * const related = relatedPostsOfAll(posts, 3);
 * related.get('inside-v8')?.map((post) => post.title);
 */
export function relatedPostsOfAll<P extends Slugged & Tagged>(
  list: readonly P[],
  count = 3,
): Map<string, P[]> {
  const byTag = new Map<Tag, number[]>();
  list.forEach((post, index) => {
    for (const tag of new Set(post.tags)) {
      const indices = byTag.get(tag);
      if (indices) indices.push(index);
      else byTag.set(tag, [index]);
    }
  });
  const limit = Math.max(0, Math.floor(count));
  const related = new Map<string, P[]>();
  // Tags shared with the current post, by index; `touched` lists the nonzero ones so they can be
  // reset. No map, array or sort per post: at 5000 essays sharing a dozen tags, each post has
  // hundreds of candidates, and sorting them all took about a second.
  const shared = new Int32Array(list.length);
  const touched: number[] = [];
  const best: number[] = [];
  for (const post of list) {
    touched.length = 0;
    for (const tag of new Set(post.tags))
      for (const index of byTag.get(tag) ?? []) {
        if (shared[index] === 0) touched.push(index);
        shared[index] = (shared[index] ?? 0) + 1;
      }
    // The best `limit` so far: more shared tags first, then the earlier (newer) essay.
    best.length = 0;
    for (const index of touched) {
      if (list[index]?.slug === post.slug) continue;
      const score = shared[index] ?? 0;
      let at = best.length;
      while (at > 0) {
        const other = best[at - 1] ?? 0;
        const otherScore = shared[other] ?? 0;
        if (otherScore > score || (otherScore === score && other < index)) break;
        at--;
      }
      if (at >= limit) continue;
      best.splice(at, 0, index);
      if (best.length > limit) best.pop();
    }
    for (const index of touched) shared[index] = 0;
    if (!related.has(post.slug))
      related.set(
        post.slug,
        best.flatMap((index) => list[index] ?? []),
      );
  }
  return related;
}

/** Every tag in use with the number of essays carrying it, most used first. */
export function tagCounts(list: readonly Tagged[]): { tag: Tag; count: number }[] {
  const counts = new Map<Tag, number>();
  for (const post of list) for (const tag of post.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts]
    .map(([tag, count]) => ({ tag, count }))
    .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}
