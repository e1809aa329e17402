import { posts } from '#meta';

export {
  adjacentPosts,
  latestPosts,
  postsByTag,
  relatedPosts,
  tagCounts,
} from './runtime/helpers.js';
export { isSlug, loadPost } from './runtime/load.js';
export type { Heading, Post, PostMeta, Slug, Tag } from './runtime/types.js';
export { isTag, tags } from './schema/tags.js';
export { essayPath, site } from './site.js';
export { posts };
