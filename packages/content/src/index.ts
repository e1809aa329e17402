import { posts } from '#meta';
import type { Post, Slug } from './runtime/types.js';

export {
  adjacentPosts,
  latestPosts,
  postsByTag,
  relatedPosts,
  tagCounts,
} from './runtime/helpers.js';
export type { Heading, Post, PostMeta, Slug, Tag } from './runtime/types.js';
export { isTag, tags } from './schema/tags.js';
export { essayPath, site } from './site.js';
export { posts };

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
  const module: { default: Post<S> } = await import(`./posts/${slug}.js`);
  return module.default;
}
