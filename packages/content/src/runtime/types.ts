import type { Slug } from '#meta';
import type { Tag } from '../schema/tags.js';

export type { Slug, Tag };

/** One entry of an essay's outline, for a table of contents. */
export interface Heading {
  depth: 2 | 3 | 4;
  /** The heading's id in `html`, so `#${id}` links to it. */
  id: string;
  text: string;
}

/** What lists need to know about an essay; small enough to ship for every essay at once. */
export interface PostMeta<S extends Slug = Slug> {
  slug: S;
  title: string;
  /** At most 160 characters. */
  description: string;
  /** Published, `YYYY-MM-DD`. */
  date: string;
  /** Last meaningful update, `YYYY-MM-DD`, when there was one. */
  updated?: string;
  tags: readonly Tag[];
  series?: string;
  /** Minutes, rounded, at least 1. */
  readingTime: number;
  wordCount: number;
  /** The essay's path on the site, for example `/essays/inside-v8/`. */
  path: string;
}

/** An essay with its body: what `@working-notes/content/posts/<slug>` exports by default. */
export interface Post<S extends Slug = Slug> extends PostMeta<S> {
  /** The rendered body: highlighted code, heading ids and anchors, safe external links. */
  html: string;
  headings: readonly Heading[];
  /** The first paragraph as plain text. */
  excerpt: string;
  /** The body as plain text, code included, for search. */
  text: string;
}
