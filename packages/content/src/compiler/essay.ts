import type { Heading } from '../runtime/types.js';
import type { Frontmatter } from '../schema/frontmatter.js';
import type { ContentIssue } from './errors.js';

/**
 * The shapes an essay takes on its way through the compiler, in the order it takes them:
 * read from disk (`EssaySource`), rendered (`RenderedEssay`, or the problems that stopped it),
 * then published by `emit/`. Every other module imports these types from here.
 */

export interface EssaySource {
  slug: string;
  /** Path shown in errors, relative to where the build runs. */
  file: string;
  dir: string;
  /** The text of index.md, without a byte-order mark. */
  source: string;
}

/** One entry of an essay's outline: the published type itself, declared once in the runtime. */
export type { Heading };

/** A link to another essay or to a heading, kept so the corpus check can prove that it resolves. */
export interface InternalLink {
  href: string;
  slug: string | undefined;
  anchor: string | undefined;
  line: number;
  column: number;
}

/** A fenced code block as written, for the sample type-check. */
export interface CodeBlock {
  lang: string;
  meta: string;
  value: string;
  line: number;
}

/** Everything the compiler knows about one essay once it is rendered; cached by content hash. */
export interface RenderedEssay {
  slug: string;
  file: string;
  frontmatter: Frontmatter;
  /** File line of the title field, for corpus-level errors such as duplicate titles. */
  titleLine: number;
  html: string;
  headings: Heading[];
  links: InternalLink[];
  assets: string[];
  code: CodeBlock[];
  excerpt: string;
  wordCount: number;
  readingTime: number;
  /** This essay's entry in the search index, already serialised. */
  searchEntry: string;
  /**
   * The essay's published module, serialised and encoded once here rather than on every rebuild.
   * As bytes, it leaves the worker without a copy and stays out of the main thread's heap.
   */
  module: { js: Uint8Array; dts: string };
  /**
   * Every code block the highlighter was asked for while rendering, by `blockKey`, with its HTML
   * (undefined for a language it does not know). Kept in the render cache, so an edit that leaves
   * the code alone renders the essay again without loading Shiki.
   */
  highlighted?: [key: string, html: string | undefined][];
}

/**
 * What the corpus checks still learn from an essay that has problems of its own: which links it
 * makes and which headings it has, so one build reports its bad links too, and a link to it is
 * not mistaken for a link to nothing.
 */
export interface BrokenEssay {
  slug: string;
  file: string;
  headings: Heading[];
  links: InternalLink[];
  /** Undefined when the frontmatter is too broken to tell. */
  draft: boolean | undefined;
}

export type EssayOutcome =
  | { ok: true; essay: RenderedEssay }
  | { ok: false; issues: ContentIssue[]; broken: BrokenEssay };
