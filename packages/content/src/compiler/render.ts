import { postModule } from './emit/modules.js';
import { searchEntry } from './emit/search-index.js';
import type { MarkdownEngine } from './engines/index.js';
import type { EssayOutcome, EssaySource, RenderedEssay } from './essay.js';
import { type PlainFrontmatterReader, parseEssaySource } from './frontmatter.js';
import type { Highlighter } from './highlight.js';
import { countWords, excerptOf, plainTexts, readingMinutes } from './text.js';
import { typeset, typesetText } from './typography.js';

/** What rendering one essay may use besides its engine and highlighter. */
export interface RenderOptions {
  /** A quicker reader for frontmatter of the common shape (see parallel/plain-frontmatter.ts). */
  plainFrontmatter?: PlainFrontmatterReader;
}

/**
 * Renders one essay: its frontmatter read and validated, its Markdown turned into HTML, its
 * plain text, word count and search entry worked out, and its published module serialised.
 * Everything here depends on this essay alone, so any thread can do it; what needs the whole
 * corpus (duplicate titles, links between essays) is `corpus.ts`'s job afterwards.
 */
export function renderEssay(
  input: EssaySource,
  engine: MarkdownEngine,
  highlighter: Highlighter,
  options: RenderOptions = {},
): EssayOutcome {
  const split = parseEssaySource(input.file, input.source, options.plainFrontmatter);
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
  // Typographic quotes are set once, here, so every engine and every output shares them.
  const html = typeset(body.html);
  const { prose: text, full: fullText } = plainTexts(html);
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
  if (!split.frontmatter || issues.length > 0)
    return {
      ok: false,
      issues,
      broken: {
        slug: input.slug,
        file: input.file,
        headings: body.headings,
        links: body.links,
        draft: split.frontmatter?.draft ?? draftOf(input.source),
      },
    };
  const wordCount = countWords(text);
  const titleIndex = input.source.split('\n').findIndex((line) => line.startsWith('title:'));
  const titleLine = titleIndex >= 0 ? titleIndex + 1 : 1;
  const frontmatter = {
    ...split.frontmatter,
    title: typesetText(split.frontmatter.title),
    description: typesetText(split.frontmatter.description),
  };
  const essay: Omit<RenderedEssay, 'module'> = {
    slug: input.slug,
    file: input.file,
    frontmatter,
    titleLine,
    html,
    headings: body.headings,
    links: body.links,
    assets: body.assets,
    code: body.code,
    excerpt: excerptOf(html),
    searchEntry: searchEntry({
      ...frontmatter,
      slug: input.slug,
      headings: body.headings,
      text: fullText,
    }),
    wordCount,
    readingTime: readingMinutes(wordCount),
  };
  const module = postModule(essay, fullText);
  return { ok: true, essay: { ...essay, module: { js: Buffer.from(module.js), dts: module.dts } } };
}

/** Whether frontmatter that did not validate still says `draft: true`, for the corpus checks. */
function draftOf(source: string): boolean | undefined {
  const draft = /^draft:[ \t]*(\S+)/m.exec(source.slice(0, 2000))?.[1];
  return draft === 'true' ? true : draft === 'false' ? false : undefined;
}
