import type { Post, PostMeta } from '../../runtime/types.js';
import { essayPath } from '../../site.js';
import type { RenderedEssay } from '../essay.js';

// The records are the published types themselves, so what the compiler writes and what the
// declarations promise cannot drift apart.
export type MetaRecord = PostMeta;
export type BodyRecord = Post;

/** Published essays, newest first; the slug breaks ties so the order never depends on the disk. */
export function publishedOrder(essays: readonly RenderedEssay[]): RenderedEssay[] {
  return essays
    .filter((essay) => !essay.frontmatter.draft)
    .sort(
      (a, b) =>
        b.frontmatter.date.localeCompare(a.frontmatter.date) || a.slug.localeCompare(b.slug),
    );
}

export function metaRecord(essay: Omit<RenderedEssay, 'module'>): MetaRecord {
  const { title, description, date, updated, tags, series } = essay.frontmatter;
  return {
    slug: essay.slug,
    title,
    description,
    date,
    ...(updated !== undefined && { updated }),
    tags: [...tags],
    ...(series !== undefined && { series }),
    readingTime: essay.readingTime,
    wordCount: essay.wordCount,
    path: essayPath(essay.slug),
  };
}

export function bodyRecord(essay: Omit<RenderedEssay, 'module'>, text: string): BodyRecord {
  return {
    ...metaRecord(essay),
    html: essay.html,
    headings: essay.headings,
    excerpt: essay.excerpt,
    text,
  };
}
