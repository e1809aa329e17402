import type { Frontmatter } from '../schema/frontmatter.js';
import { termWeights } from './emit/search-index.js';
import { markdownItEngine } from './engines/markdown-it.js';
import type { EngineName, MarkdownEngine, RenderedBody } from './engines/types.js';
import { unifiedEngine } from './engines/unified.js';
import type { ContentIssue } from './errors.js';
import { parseEssaySource } from './frontmatter.js';
import type { Highlighter } from './highlight.js';
import { countWords, excerptOf, htmlToText, readingMinutes } from './text.js';

export const engines: Record<EngineName, MarkdownEngine> = {
  'markdown-it': markdownItEngine,
  unified: unifiedEngine,
};

export interface EssaySource {
  slug: string;
  /** Path shown in errors, relative to where the build runs. */
  file: string;
  dir: string;
  source: string;
}

/** Everything the compiler knows about one essay once it is rendered; cached by content hash. */
export interface RenderedEssay {
  slug: string;
  file: string;
  frontmatter: Frontmatter;
  /** File line of each frontmatter field, for corpus-level errors such as duplicate titles. */
  titleLine: number;
  html: string;
  headings: RenderedBody['headings'];
  links: RenderedBody['links'];
  assets: string[];
  code: RenderedBody['code'];
  excerpt: string;
  /** Prose and code, for full-text search. */
  text: string;
  wordCount: number;
  readingTime: number;
  /** Weighted words for the search index. */
  terms: [string, number][];
  /** Classes and CSS of the syntax colours this essay uses. */
  tokenClasses: [string, string][];
}

export type EssayOutcome =
  | { ok: true; essay: RenderedEssay }
  | { ok: false; issues: ContentIssue[] };

export function renderEssay(
  input: EssaySource,
  engine: MarkdownEngine,
  highlighter: Highlighter,
  tokenClasses: Map<string, string>,
): EssayOutcome {
  const split = parseEssaySource(input.file, input.source);
  const body = engine.render(
    {
      slug: input.slug,
      file: input.file,
      dir: input.dir,
      body: split.body,
      bodyLine: split.bodyLine,
    },
    highlighter,
  );
  const issues = [...split.issues, ...body.issues];
  const text = htmlToText(body.html, { code: false });
  if (text.length === 0 && !body.code.length) {
    issues.push({
      file: input.file,
      line: split.bodyLine,
      column: 1,
      field: 'body',
      expected: 'an essay body below the frontmatter',
      found: 'an empty body',
    });
  }
  if (!split.frontmatter || issues.length > 0) return { ok: false, issues };
  const wordCount = countWords(text);
  const fullText = htmlToText(body.html, { code: true });
  const titleIndex = input.source.split('\n').findIndex((line) => line.startsWith('title:'));
  const titleLine = titleIndex >= 0 ? titleIndex + 1 : 1;
  return {
    ok: true,
    essay: {
      slug: input.slug,
      file: input.file,
      frontmatter: split.frontmatter,
      titleLine,
      html: body.html,
      headings: body.headings,
      links: body.links,
      assets: body.assets,
      code: body.code,
      excerpt: excerptOf(body.html),
      text: fullText,
      terms: termWeights({ ...split.frontmatter, headings: body.headings, text: fullText }),
      wordCount,
      readingTime: readingMinutes(wordCount),
      tokenClasses: [...tokenClasses].filter(([cls]) => body.html.includes(cls)),
    },
  };
}
