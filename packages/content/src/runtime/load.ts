import { loaders } from '#loaders';
import { isSlug } from './slugs.js';
import type { Post, Slug } from './types.js';

// Kept in its own module: the package is `sideEffects: false`, so a bundle that never calls
// loadPost drops this file and the loader table, whose literal import()s would otherwise give
// every essay a chunk.

/**
 * Loads one essay's body on demand; bundlers split each essay into its own chunk.
 *
 * @example
 * const post = await loadPost('inside-v8');
 * post.headings.map((heading) => heading.text);
 */
export async function loadPost<S extends Slug>(slug: S): Promise<Post<S>> {
  // isSlug first: the table is a plain object, and `loaders['constructor']` is not an essay.
  const load = isSlug(slug)
    ? (loaders[slug] as (() => Promise<{ default: Post<S> }>) | undefined)
    : undefined;
  if (load === undefined)
    throw new Error(`@working-notes/content: no published essay has the slug "${slug}"`);
  return (await load()).default;
}
