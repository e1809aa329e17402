import type { ContentIssue } from '../errors.js';
import type { CodeBlock, Heading, InternalLink } from '../essay.js';
import type { Highlighter } from '../highlight.js';

export interface BodyInput {
  slug: string;
  /** Path of index.md as shown in errors. */
  file: string;
  /** Folder holding index.md and its images. */
  dir: string;
  body: string;
  /** File line on which the body starts, so issues point at the right line. */
  bodyLine: number;
}

export interface RenderedBody {
  html: string;
  headings: Heading[];
  links: InternalLink[];
  /** Images and diagrams the body uses, relative to the essay folder. */
  assets: string[];
  /** The source of every fenced code block, for the sample type-check. */
  code: CodeBlock[];
  issues: ContentIssue[];
}

/**
 * A Markdown engine turns one essay body into HTML plus what the corpus checks need. Two engines
 * exist (markdown-it, fast; unified, the reference) and the golden tests prove they agree.
 */
export interface MarkdownEngine {
  name: EngineName;
  render(input: BodyInput, highlighter: Highlighter): RenderedBody;
}

export type EngineName = 'markdown-it' | 'unified';
