import {
  cpSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileIssues, fixtures, importModule, temporaryDir } from '../../test/helpers.js';
import { compile } from './compile.js';
import type { BodyRecord } from './emit/records.js';
import type { MarkdownEngine } from './engines/index.js';
import { markdownItEngine } from './engines/markdown-it.js';
import { unifiedEngine } from './engines/unified.js';
import { type ContentIssue, OutputError } from './errors.js';
import { createHighlighter } from './highlight.js';

/**
 * The mistakes writers make, one essay each (test/fixtures/faults and test/fixtures/broken), and
 * the one message each must give: the file, the line and column a writer's editor jumps to, the
 * field, and words that say what to do. Every one of them is found by a single build.
 */
interface Fault {
  folder: string;
  line: number;
  column: number;
  field: string;
  expected: RegExp;
  found?: RegExp;
}

const faults: Fault[] = [
  // Already covered by the broken corpus, now with their columns.
  {
    folder: 'broken/invalid-yaml',
    line: 3,
    column: 14,
    field: 'description',
    expected: /double quotes/,
  },
  {
    folder: 'broken/missing-title',
    line: 5,
    column: 1,
    field: 'title',
    expected: /add a "title:" line/,
  },
  { folder: 'broken/bad-date', line: 4, column: 7, field: 'date', expected: /real calendar date/ },
  {
    folder: 'broken/unknown-tag',
    line: 5,
    column: 12,
    field: 'tags.1',
    expected: /known tags/,
    found: /did you mean "kubernetes"/,
  },
  {
    folder: 'broken/long-description',
    line: 3,
    column: 14,
    field: 'description',
    expected: /at most 160/,
  },
  {
    folder: 'broken/same-title-two',
    line: 2,
    column: 8,
    field: 'title',
    expected: /no other essay/,
  },
  {
    folder: 'broken/missing-essay-link',
    line: 10,
    column: 17,
    field: 'link',
    expected: /existing essay/,
    found: /no essay has the slug "no-such-essay"/,
  },
  {
    folder: 'broken/missing-anchor-link',
    line: 10,
    column: 15,
    field: 'link',
    expected: /anchor that names a heading/,
  },
  {
    folder: 'broken/missing-image',
    line: 10,
    column: 35,
    field: 'image',
    expected: /image file at/,
    found: /no such file/,
  },
  {
    folder: 'broken/styled-diagram',
    line: 10,
    column: 55,
    field: 'image',
    expected: /presentation attributes/,
  },
  { folder: 'broken/empty-body', line: 7, column: 1, field: 'body', expected: /essay body/ },
  // The faults of issue 14.
  {
    folder: 'faults/comment-in-description',
    line: 3,
    column: 23,
    field: 'description',
    expected:
      /double quotes.*comment: description: "Pitfalls #1 to #9 of rate limiting, one by one\."/,
    found: /^"Pitfalls", then a comment/,
  },
  {
    folder: 'faults/relative-link',
    line: 10,
    column: 22,
    field: 'link',
    expected: /starts with \/essays\/, such as \/essays\/no-such-essay\//,
    found: /^\.\.\/no-such-essay\/$/,
  },
  {
    folder: 'faults/singular-link',
    line: 10,
    column: 19,
    field: 'link',
    expected: /\(plural\): \/essays\/link-target\//,
    found: /^\/essay\/link-target\/$/,
  },
  {
    folder: 'faults/uppercase-link',
    line: 10,
    column: 19,
    field: 'link',
    expected: /lowercase.*\/essays\/link-target\//,
    found: /^\/essays\/Link-Target\/$/,
  },
  {
    folder: 'faults/protocol-relative-link',
    line: 11,
    column: 29,
    field: 'link',
    expected: /https:\/\/example\.org\/page/,
    found: /^\/\/example\.org\/page$/,
  },
  {
    folder: 'faults/unclosed-frontmatter',
    line: 1,
    column: 1,
    field: 'frontmatter',
    expected: /closing --- line/,
    found: /no closing --- line/,
  },
  {
    folder: 'faults/title-with-colon',
    line: 2,
    column: 8,
    field: 'title',
    expected: /double quotes.*title: "Rate limiting: the pitfalls"/,
  },
  {
    folder: 'faults/tags-as-text',
    line: 5,
    column: 7,
    field: 'tags',
    expected: /a list of tags in square brackets: tags: \[apis, reliability\]/,
  },
  {
    folder: 'faults/misspelt-field',
    line: 5,
    column: 1,
    field: 'update',
    expected: /rename "update" to "updated"/,
    found: /did you mean "updated"/,
  },
  {
    folder: 'faults/fence-without-language',
    line: 10,
    column: 4,
    field: 'code block language',
    expected: /a language after the opening fence/,
    found: /^no language$/,
  },
  {
    folder: 'faults/indented-code',
    line: 10,
    column: 5,
    field: 'code block language',
    expected: /fenced code block/,
  },
  {
    folder: 'faults/raw-html',
    line: 10,
    column: 7,
    field: 'body',
    expected: /Markdown only/,
    found: /<kbd>/,
  },
  { folder: 'faults/task-list', line: 11, column: 3, field: 'body', expected: /plain list item/ },
  {
    folder: 'faults/footnote',
    line: 8,
    column: 20,
    field: 'body',
    expected: /no footnotes/,
    found: /^a footnote \[\^1\]$/,
  },
  {
    folder: 'faults/broken-target',
    line: 5,
    column: 1,
    field: 'description',
    expected: /add a "description:" line/,
  },
];

/** A YAML error does not hide a problem in another field. */
const yamlErrorAndBadDate: Omit<Fault, 'folder'>[] = [
  {
    line: 2,
    column: 8,
    field: 'title',
    expected: /double quotes.*title: "Retries: a field guide"/,
  },
  { line: 4, column: 7, field: 'date', expected: /real calendar date/, found: /2024-02-30/ },
];

/** One bad date, a tag typo, a missing image and two bad links, in one essay. */
const manyProblems: Omit<Fault, 'folder'>[] = [
  { line: 4, column: 7, field: 'date', expected: /real calendar date/ },
  {
    line: 5,
    column: 12,
    field: 'tags.1',
    expected: /known tags/,
    found: /did you mean "reliability"/,
  },
  { line: 8, column: 23, field: 'link', expected: /existing essay/, found: /no-such-essay/ },
  { line: 10, column: 35, field: 'image', expected: /image file/ },
  {
    line: 13,
    column: 18,
    field: 'link',
    expected: /such as \/essays\/link-target\//,
    found: /^\.\.\/link-target\/$/,
  },
];

const issuesByEngine = new Map<string, ContentIssue[]>();
beforeAll(async () => {
  for (const engine of ['markdown-it', 'unified'] as const) {
    const issues: ContentIssue[] = [];
    for (const corpus of ['broken', 'faults']) {
      const out = temporaryDir(`faults-${engine}`);
      try {
        await compile({ essaysDir: join(fixtures, corpus), outDir: out, engine, cacheDir: false });
      } catch (error) {
        issues.push(...(error as { issues: ContentIssue[] }).issues);
      }
    }
    issuesByEngine.set(engine, issues);
  }
});

const issuesOf = (folder: string, engine = 'markdown-it') =>
  (issuesByEngine.get(engine) ?? []).filter((issue) =>
    issue.file.endsWith(`fixtures/${folder}/index.md`),
  );

/** Every file in a folder with its bytes. */
function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isFile()) files.set(entry, readFileSync(path));
  }
  return files;
}

function expectFault(issue: ContentIssue | undefined, fault: Omit<Fault, 'folder'>): void {
  expect(issue).toMatchObject({ line: fault.line, column: fault.column, field: fault.field });
  expect(issue?.expected).toMatch(fault.expected);
  if (fault.found) expect(issue?.found).toMatch(fault.found);
}

describe('every writer fault, found in one build', () => {
  it.each(faults)('$folder: one message at $line:$column on $field', (fault) => {
    const issues = issuesOf(fault.folder);
    expect(issues, JSON.stringify(issues, null, 1)).toHaveLength(1);
    expectFault(issues[0], fault);
  });

  it('reports all five problems of one essay at once, and not a link to an essay that exists but is broken', () => {
    const issues = issuesOf('faults/many-problems');
    expect(issues.map((issue) => `${issue.line}:${issue.column} ${issue.field}`)).toEqual(
      manyProblems.map((fault) => `${fault.line}:${fault.column} ${fault.field}`),
    );
    manyProblems.forEach((fault, index) => {
      expectFault(issues[index], fault);
    });
    const all = issuesByEngine.get('markdown-it') ?? [];
    expect(all.some((issue) => issue.found.includes('broken-target'))).toBe(false);
    expect(issuesOf('faults/link-target')).toEqual([]);
  });

  it('reports a problem in another field beside a YAML error', () => {
    const issues = issuesOf('faults/yaml-error-and-bad-date');
    expect(issues).toHaveLength(2);
    yamlErrorAndBadDate.forEach((fault, index) => {
      expectFault(issues[index], fault);
    });
  });

  it('leaves the last good output exactly as it was', async () => {
    const out = temporaryDir('faults-last-good');
    await compile({ essaysDir: join(fixtures, 'good'), outDir: out, cacheDir: false });
    const before = snapshot(out);
    await compileIssues(join(fixtures, 'faults'), out);
    expect(snapshot(out)).toEqual(before);
  });

  it('reports the same places with the reference engine', () => {
    const where = (issues: ContentIssue[]) =>
      issues.map((issue) => `${issue.file}:${issue.line}:${issue.column} ${issue.field}`).sort();
    expect(where(issuesByEngine.get('unified') ?? [])).toEqual(
      where(issuesByEngine.get('markdown-it') ?? []),
    );
  });
});

describe.each([markdownItEngine, unifiedEngine])('the $name engine', (engine: MarkdownEngine) => {
  it('marks a protocol-relative link as external, with rel="noopener noreferrer"', async () => {
    const body = engine.render(
      { slug: 'x', file: 'x.md', dir: '.', body: 'Go [there](//example.org/a).\n', bodyLine: 7 },
      await createHighlighter(),
    );
    expect(body.html).toContain(
      '<a href="//example.org/a" class="external" rel="noopener noreferrer">',
    );
    expect(body.issues).toMatchObject([{ line: 7, column: 12, field: 'link' }]);
  });
});

describe('links the site can serve', () => {
  it('accepts the site pages and known tag pages, and rejects a tag page nobody has', async () => {
    const body = [
      'See [the archive](/archive/), [a tag](/tags/apis/), [all tags](/tags/), [home](/),',
      '[the feed](/rss.xml), [mail](mailto:someone@example.org) and [a typo](/tags/apiss/).',
      '',
    ].join('\n');
    const highlighter = await createHighlighter();
    for (const engine of [markdownItEngine, unifiedEngine]) {
      const rendered = engine.render(
        { slug: 'x', file: 'x.md', dir: '.', body, bodyLine: 7 },
        highlighter,
      );
      expect(rendered.issues).toMatchObject([
        { line: 8, column: 71, field: 'link', found: '/tags/apiss/' },
      ]);
      expect(rendered.issues[0]?.expected).toMatch(/known tag/);
    }
  });
});

/** A copy of the good fault target in a folder of its own, to break in ways git cannot store. */
function singleEssay(prefix: string): { essays: string; file: string } {
  const essays = temporaryDir(prefix);
  cpSync(join(fixtures, 'faults', 'link-target'), join(essays, 'link-target'), { recursive: true });
  return { essays, file: join(essays, 'link-target', 'index.md') };
}

describe('faults in the file itself', () => {
  it('rejects bytes that are not UTF-8, at their line and column, instead of publishing U+FFFD', async () => {
    const { essays, file } = singleEssay('latin1');
    const text = readFileSync(file, 'utf8').replace('Text under', 'Caf\u00e9 under');
    // Saved as Latin-1: é is the single byte 0xE9.
    writeFileSync(file, Buffer.from(text, 'latin1'));
    const out = temporaryDir('latin1-out');
    const issues = await compileIssues(essays, out);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      line: 12,
      column: 4,
      field: 'encoding',
      found: 'the byte 0xE9, which is not UTF-8',
    });
    expect(issues[0]?.expected).toMatch(/save the file as UTF-8/);
  });

  it('builds an essay saved with a byte-order mark and Windows line endings exactly as without', async () => {
    const plain = singleEssay('plain');
    const windows = singleEssay('bom-crlf');
    const text = readFileSync(windows.file, 'utf8');
    writeFileSync(windows.file, `\ufeff${text.replace(/\n/g, '\r\n')}`);
    const outPlain = temporaryDir('plain-out');
    const outWindows = temporaryDir('bom-crlf-out');
    await compile({ essaysDir: plain.essays, outDir: outPlain, cacheDir: false });
    await compile({ essaysDir: windows.essays, outDir: outWindows, cacheDir: false });
    const post = async (out: string) =>
      (await importModule<{ default: BodyRecord }>(join(out, 'posts', 'link-target.js'))).default;
    const built = await post(outWindows);
    expect(built.title).toBe('The Link Target');
    expect(built).toEqual(await post(outPlain));
    expect(readFileSync(join(outWindows, 'meta.js'), 'utf8')).toBe(
      readFileSync(join(outPlain, 'meta.js'), 'utf8'),
    );
  });

  it('reports an index.md that cannot be read as unreadable, not as missing', async () => {
    const { essays, file } = singleEssay('unreadable');
    mkdirSync(join(essays, 'a-folder-named-index'));
    mkdirSync(join(essays, 'a-folder-named-index', 'index.md'));
    mkdirSync(join(essays, 'no-index'));
    const issues = await compileIssues(essays);
    expect(issues).toEqual([
      expect.objectContaining({
        file: expect.stringMatching(/a-folder-named-index\/index\.md$/),
        field: 'index.md',
        expected: expect.stringMatching(/can read/),
        found: 'could not be read: a folder, not a file (EISDIR)',
      }),
      expect.objectContaining({
        file: expect.stringMatching(/no-index\/index\.md$/),
        field: 'index.md',
        found: 'no index.md',
      }),
    ]);
    expect(readFileSync(file, 'utf8')).toContain('The Link Target');
  });

  it('says which output folder cannot be written and what to do, instead of a stack trace', async () => {
    const { essays } = singleEssay('unwritable');
    const parent = temporaryDir('unwritable-out');
    const blocker = join(parent, 'dist');
    writeFileSync(blocker, 'a file where the output folder should be\n');
    const error = await compile({
      essaysDir: essays,
      outDir: join(blocker, 'out'),
      cacheDir: false,
    })
      .then(() => undefined)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutputError);
    expect((error as OutputError).message).toMatch(
      /^The output could not be written to .*dist\/out.*: a file stands where a folder must be \(ENOTDIR\): remove that file, or choose another --out$/,
    );
    expect(readFileSync(blocker, 'utf8')).toBe('a file where the output folder should be\n');
    rmSync(blocker);
  });
});
