import type { ContentIssue } from '../errors.js';
import { supportedLanguages } from '../highlight.js';

export function unsupportedLanguage(file: string, line: number, lang: string): ContentIssue {
  return {
    file,
    line,
    column: 1,
    field: 'code block language',
    expected: `one of: ${supportedLanguages.join(', ')}`,
    found: lang ? `"${lang}"` : 'no language',
    example: '```ts\nconst answer = 42;\n```',
  };
}

export function rawHtmlIssue(file: string, line: number, html: string): ContentIssue {
  return {
    file,
    line,
    column: 1,
    field: 'body',
    expected: 'Markdown only; raw HTML is not rendered',
    found: JSON.stringify(html.trim().slice(0, 60)),
  };
}

export function taskListIssue(file: string, line: number): ContentIssue {
  return {
    file,
    line,
    column: 1,
    field: 'body',
    expected:
      'a plain list item (task lists render unlabelled checkboxes, which fail accessibility checks)',
    found: 'a task list item ("- [ ]" or "- [x]")',
  };
}
