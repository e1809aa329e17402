import { describe, expect, it } from 'vitest';
import type { Highlighter } from '../highlight.js';
import { highlightAhead, highlightInOrder } from './highlight-ahead.js';

/** A stand-in highlighter that records what it was asked and knows only ts and sql. */
function recording(): Highlighter & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    highlight(code, language) {
      calls.push(`${language}:${code}`);
      return ['ts', 'sql'].includes(language) ? `<pre>${language}|${code}</pre>` : undefined;
    },
  };
}

const essay = [
  '# Title',
  '',
  '```ts',
  'const a = 1;',
  '```',
  '',
  '~~~sql title="query"',
  'select 1;',
  '~~~',
  '',
  '```nonsense',
  'what language?',
  '```',
  '',
  '- a list item',
  '',
  '  ```ts',
  '  const inList = true;',
  '  ```',
].join('\n');

describe('highlightAhead', () => {
  it('highlights the top-level blocks of a batch once, before anyone asks', () => {
    const inner = recording();
    highlightAhead([essay, essay], inner);
    expect(inner.calls).toEqual(['ts:const a = 1;', 'sql:select 1;', 'nonsense:what language?']);
  });

  it('answers exactly as the highlighter would, for blocks it saw and blocks it did not', () => {
    const ahead = highlightAhead([essay], recording());
    const direct = recording();
    for (const [code, language] of [
      ['const a = 1;', 'ts'],
      ['select 1;', 'sql'],
      ['what language?', 'nonsense'],
      ['const inList = true;', 'ts'],
      ['never seen', 'sql'],
    ] as const)
      expect(ahead.highlight(code, language)).toBe(direct.highlight(code, language));
  });
});

describe('highlightInOrder', () => {
  it('reports every step of sources with the blocks first met in it, and the last step too', () => {
    const reports: [number, string[]][] = [];
    const other = essay.replace('const a = 1;', 'const b = 2;');
    highlightInOrder(
      [essay, essay, other],
      recording(),
      (done, fresh) => {
        reports.push([done, fresh.map(([key]) => key)]);
      },
      2,
    );
    expect(reports).toEqual([
      [2, ['ts\nconst a = 1;', 'sql\nselect 1;', 'nonsense\nwhat language?']],
      [3, ['ts\nconst b = 2;']],
    ]);
  });
});
