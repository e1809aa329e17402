import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fixtures } from '../../../test/helpers.js';
import { parsePlainFrontmatter } from './plain-frontmatter.js';

const frontmatterOf = (source: string) => /^---\n([\s\S]*?)\n---/.exec(source)?.[1] ?? '';

function essaySources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => readFileSync(join(dir, entry.name, 'index.md'), 'utf8'));
}

/** Inputs YAML reads in ways a naive line parser would not, and a few it reads plainly. */
const tricky = [
  'title: 2024',
  'title: 0x1F',
  'title: 1e3',
  'title: .inf',
  'title: ~',
  'title: null',
  'title: True',
  'title: yes',
  'title: no',
  'draft: true',
  'draft: FALSE',
  'title: 12:30',
  'title: C# in practice',
  'title: a # comment',
  'title: a: b',
  'title: ends with colon:',
  'title: -leading dash',
  'title: "quoted: with colon"',
  'title: "with \\"escape\\""',
  "title: 'It''s fine'",
  "title: 'unbalanced ' quote'",
  "title: 'triple ''' quote'",
  'title: [brackets] inside',
  'title: ends with [brackets]',
  'title: &anchor value',
  'title: *alias',
  'title: !tag value',
  'title: |',
  'title: >',
  'title: %percent',
  'title: @at',
  'title: `tick`',
  'title: {a: b}',
  'title:  two spaces',
  'title: trailing space ',
  'title:',
  'tags: []',
  'tags: [a, b]',
  'tags: [a,b]',
  'tags: [ a, b ]',
  'tags: [a, 123]',
  'tags: [a, true]',
  'tags: [a, "b"]',
  'tags: [a, b',
  'date: 2026-11-18',
  'date: 2026-11-18T10:00:00Z',
  'title: one\ntitle: two',
  'title: one\n\ndate: 2026-01-01',
  '# a comment\ntitle: one',
  'title: tab\there',
  'Title: capital key',
  'title: ünïcödé and emoji 🚀',
];

describe('the plain frontmatter fast path', () => {
  const inputs = [
    ...essaySources(join(import.meta.dirname, '..', '..', '..', 'essays')).map(frontmatterOf),
    ...essaySources(join(fixtures, 'good')).map(frontmatterOf),
    ...essaySources(join(fixtures, 'broken')).map(frontmatterOf),
    ...tricky,
  ];

  it('reads every input it accepts exactly as the YAML parser does', () => {
    for (const text of inputs) {
      const plain = parsePlainFrontmatter(text);
      if (plain !== undefined) expect({ text, value: plain }).toEqual({ text, value: parse(text) });
    }
  });

  it('accepts the frontmatter of every real essay', () => {
    const essays = essaySources(join(import.meta.dirname, '..', '..', '..', 'essays'));
    for (const source of essays)
      expect(parsePlainFrontmatter(frontmatterOf(source)), source.slice(0, 80)).toBeDefined();
  });

  it('leaves to the YAML parser what YAML reads as another type or as an error', () => {
    for (const text of [
      'title: 2024',
      'title: null',
      'draft: TRUE',
      'title: a: b',
      'title: one\ntitle: two',
      'tags: [a, 123]',
      "title: 'unbalanced ' quote'",
    ])
      expect(parsePlainFrontmatter(text), text).toBeUndefined();
  });
});
