import { posts } from '#meta';
import type { Post, Slug } from './types.js';

// Kept in its own module: the package is `sideEffects: false`, so a bundle that never calls
// loadPost drops this file, and with it the import(`../posts/…`) that would pull every essay in.
const known: ReadonlySet<string> = new Set(posts.map((post) => post.slug));

/** True when `value` is the slug of a published essay. */
export function isSlug(value: string): value is Slug {
  return known.has(value);
}

/**
 * Loads one essay's body on demand; bundlers split each essay into its own chunk.
 *
 * @example
 * const post = await loadPost('inside-v8');
 * post.headings.map((heading) => heading.text);
 */
export async function loadPost<S extends Slug>(slug: S): Promise<Post<S>> {
  if (!isSlug(slug))
    throw new Error(`@working-notes/content: no published essay has the slug "${slug}"`);
  const module: { default: Post<S> } = await import(`../posts/${slug}.js`);
  return module.default;
}
