import { posts } from '#meta';

export {
  adjacentPosts,
  latestPosts,
  postsByTag,
  relatedPosts,
  relatedPostsOfAll,
  tagCounts,
} from './runtime/helpers.js';
export { loadPost } from './runtime/load.js';
export { rebaseHtml } from './runtime/rebase.js';
export { isSlug } from './runtime/slugs.js';
export type { Heading, Loaders, Post, PostMeta, Slug, Tag } from './runtime/types.js';
export { isTag, tags } from './schema/tags.js';
export { essayPath, site } from './site.js';
export { posts };
