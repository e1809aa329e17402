import type { ContentIssue } from '../errors.js';
import { supportedLanguages } from '../highlight.js';
import type { Position } from '../positions.js';

/** The problems both engines find in a body, worded once so the two report them alike. */

const fenceExample = '```ts\nconst answer = 42;\n```';

export function unsupportedLanguage(file: string, at: Position, lang: string): ContentIssue {
  return {
    file,
    ...at,
    field: 'code block language',
    expected: `one of: ${supportedLanguages.join(', ')}`,
    found: `"${lang}"`,
    example: fenceExample,
  };
}

export function missingLanguage(file: string, at: Position): ContentIssue {
  return {
    file,
    ...at,
    field: 'code block language',
    expected: `a language after the opening fence (one of: ${supportedLanguages.join(', ')}; text for plain text)`,
    found: 'no language',
    example: fenceExample,
  };
}

export function indentedCodeIssue(file: string, at: Position): ContentIssue {
  return {
    file,
    ...at,
    field: 'code block language',
    expected:
      'a fenced code block that names its language (indented code has no language; unindent it, or fence it)',
    found: 'an indented code block',
    example: fenceExample,
  };
}

export function rawHtmlIssue(file: string, at: Position, html: string): ContentIssue {
  return {
    file,
    ...at,
    field: 'body',
    expected: 'Markdown only; raw HTML is not rendered (write it as Markdown, or put it in `code`)',
    found: JSON.stringify(html.trim().slice(0, 60)),
  };
}

export function taskListIssue(file: string, at: Position): ContentIssue {
  return {
    file,
    ...at,
    field: 'body',
    expected:
      'a plain list item (task lists render unlabelled checkboxes, which fail accessibility checks)',
    found: 'a task list item ("- [ ]" or "- [x]")',
  };
}

export function linkIssue(
  file: string,
  at: Position,
  href: string,
  expected: string,
): ContentIssue {
  return { file, ...at, field: 'link', expected, found: href };
}

export function imageIssue(
  file: string,
  at: Position,
  problem: { expected: string; found: string },
): ContentIssue {
  return { file, ...at, field: 'image', expected: problem.expected, found: problem.found };
}

/** The column of the language word after a fence on its line, or where it belongs when missing. */
export function fenceLanguageColumn(lineText: string): number {
  const fence = /^(\s*(?:`{3,}|~{3,})[ \t]*)/.exec(lineText);
  return (fence?.[1]?.length ?? 0) + 1;
}

/** The column of the `[` of a task item's checkbox on its line. */
export function taskBoxColumn(lineText: string): number {
  const item = /^(\s*(?:[-*+]|\d+[.)])\s+)\[/.exec(lineText);
  return (item?.[1]?.length ?? 0) + 1;
}

/** `</kbd>`: the end of an element whose start was already reported. */
export function isClosingTag(html: string): boolean {
  return /^<\/[a-zA-Z][\w-]*\s*>$/.test(html.trim());
}

export function footnoteIssue(file: string, at: Position, label: string): ContentIssue {
  return {
    file,
    ...at,
    field: 'body',
    expected: 'no footnotes (write the aside inline, or in parentheses)',
    found: `a footnote [^${label}]`,
  };
}

/** `[^label]:` at the start of a paragraph: a footnote's definition, as GFM reads it. */
export const footnoteDefinition = /^\[\^([^\]\s]+)\]:/;

/** `[^label]` in running text: a footnote reference, when the label has a definition. */
export const footnoteReference = /\[\^([^\]\s]+)\]/g;
