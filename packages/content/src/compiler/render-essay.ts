import { postModule } from './emit/modules.js';
import { searchEntry } from './emit/search-index.js';
import type { EngineName, MarkdownEngine } from './engines/types.js';
import type { EssayOutcome, EssaySource, RenderedEssay } from './essay.js';
import { parseEssaySource } from './frontmatter.js';
import type { Highlighter } from './highlight.js';
import { highlightAhead } from './highlight-ahead.js';
import { countWords, excerptOf, plainTexts, readingMinutes } from './text.js';

/** Engines load on first use: unified's module graph alone takes a quarter second to import. */
export async function loadEngine(name: EngineName): Promise<MarkdownEngine> {
  if (name === 'unified') return (await import('./engines/unified.js')).unifiedEngine;
  return (await import('./engines/markdown-it.js')).markdownItEngine;
}

/** Renders a batch of essays, their code blocks highlighted together first (see highlightAhead). */
export function renderBatch(
  essays: readonly EssaySource[],
  engine: MarkdownEngine,
  highlighter: Highlighter,
): EssayOutcome[] {
  const ahead = highlightAhead(
    essays.map((essay) => essay.source),
    highlighter,
  );
  return essays.map((essay) => renderEssay(essay, engine, ahead));
}

export function renderEssay(
  input: EssaySource,
  engine: MarkdownEngine,
  highlighter: Highlighter,
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
  const { prose: text, full: fullText } = plainTexts(body.html);
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
  const essay: Omit<RenderedEssay, 'module'> = {
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
    searchEntry: searchEntry({
      ...split.frontmatter,
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
