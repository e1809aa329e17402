import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, packageRoot, temporaryDir } from '../../test/helpers.js';
import { markdownItEngine } from './engines/markdown-it.js';
import type { MarkdownEngine } from './engines/types.js';
import { unifiedEngine } from './engines/unified.js';
import { parseEssaySource } from './frontmatter.js';
import { createHighlighter, type Highlighter } from './highlight.js';
import {
  checkScripts,
  type RunnableBlock,
  runnableBlocks,
  TemporaryPostgres,
} from './sample-runners.js';
import { checkSamples, completeSamples } from './samples.js';

const typeRoots = [join(packageRoot, 'node_modules', '@types')];
let highlighter: Highlighter;
beforeAll(async () => {
  highlighter = await createHighlighter();
});

function codeOf(file: string, slug: string, engine: MarkdownEngine = markdownItEngine) {
  const split = parseEssaySource(file, readFileSync(file, 'utf8'));
  return engine.render(
    { slug, file, dir: join(file, '..'), body: split.body, bodyLine: split.bodyLine },
    highlighter,
  );
}

function samplesOf(file: string, slug: string) {
  return completeSamples(codeOf(file, slug).code);
}

describe('the sample checker', () => {
  it('extracts complete blocks and passes a sample that compiles', () => {
    const samples = samplesOf(join(fixtures, 'good', 'first-essay', 'index.md'), 'first-essay');
    expect(samples.map((sample) => sample.name)).toEqual(['sample-1.ts']);
    expect(
      checkSamples(samples, temporaryDir('sample-ok'), 'first-essay/index.md', typeRoots),
    ).toEqual([]);
  });

  it('fails a sample with a type error, pointing at the essay line', () => {
    const samples = [{ name: 'broken.ts', code: 'export const n: number = "four";\n', line: 20 }];
    const problems = checkSamples(samples, temporaryDir('sample-bad'), 'x/index.md', typeRoots);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^x\/index\.md:21: Type 'string' is not assignable to type 'number'/,
    );
  });

  it('lets named blocks import each other', () => {
    const samples = [
      {
        name: 'hash.ts',
        code: "import { createHash } from 'node:crypto';\nexport const sha = (s: string): string => createHash('sha256').update(s).digest('hex');\n",
        line: 1,
      },
      {
        name: 'sample-2.ts',
        code: "import { sha } from './hash.js';\nconsole.log(sha('a').length);\n",
        line: 9,
      },
    ];
    expect(checkSamples(samples, temporaryDir('sample-import'), 'x/index.md', typeRoots)).toEqual(
      [],
    );
  });
});

const essaysDir = join(packageRoot, 'essays');
const withSamples = (existsSync(essaysDir) ? readdirSync(essaysDir) : []).filter((slug) => {
  const file = join(essaysDir, slug, 'index.md');
  return (
    existsSync(file) && /```(?:ts|typescript)[^\n]*\bcomplete\b/.test(readFileSync(file, 'utf8'))
  );
});

describe.runIf(withSamples.length > 0)('every complete TypeScript sample in the essays', () => {
  it.each(withSamples)('%s type-checks', (slug) => {
    const file = join(essaysDir, slug, 'index.md');
    const samples = samplesOf(file, slug);
    expect(samples.length).toBeGreaterThan(0);
    expect(
      checkSamples(
        samples,
        join(temporaryDir('samples'), slug),
        `essays/${slug}/index.md`,
        typeRoots,
      ),
    ).toEqual([]);
  });
});

/**
 * SQL, Python, shell and YAML blocks (conventions in docs/essay-format.md). One PostgreSQL cluster
 * serves the whole file, started here in a temporary folder and stopped at the end; every essay
 * gets a database of its own. Without PostgreSQL these tests fail, saying how to install it.
 */
let postgres: TemporaryPostgres | undefined;
const server = () => {
  postgres ??= TemporaryPostgres.start();
  return postgres;
};
afterAll(() => postgres?.stop());

const block = (kind: RunnableBlock['kind'], code: string, line: number, fails = false) => ({
  kind,
  code,
  line,
  fails,
});

describe('the SQL, Python, shell and YAML checker', () => {
  const essay = join(temporaryDir('runnable-essay'), 'info-words');
  const source = [
    '---',
    'title: Info words',
    'description: Blocks with extra words after the language.',
    'date: 2026-01-01',
    'tags: [databases]',
    '---',
    '',
    '## Blocks',
    '',
    '```sql',
    'create table t (id int primary key);',
    '```',
    '',
    '```sql fails',
    'insert into t values (1), (1);',
    '```',
    '',
    '```sql fragment',
    'where id = 1',
    '```',
    '',
    '```python',
    'x = 2',
    '```',
    '',
  ].join('\n');

  it.each([
    ['markdown-it', markdownItEngine],
    ['unified', unifiedEngine],
  ] as const)(
    'reads `fails` and `fragment` as words about the block, not as its language (%s)',
    (_, engine) => {
      mkdirSync(essay, { recursive: true });
      writeFileSync(join(essay, 'index.md'), source);
      const body = codeOf(join(essay, 'index.md'), 'info-words', engine);
      expect(body.issues).toEqual([]);
      expect(body.html.match(/data-lang="(\w+)"/g)).toEqual([
        'data-lang="sql"',
        'data-lang="sql"',
        'data-lang="sql"',
        'data-lang="python"',
      ]);
      expect(body.html).not.toContain('fails');
      expect(body.html).not.toContain('fragment');
      // unified drops the code's last newline and markdown-it keeps it; the checks do not mind.
      const blocks = runnableBlocks(body.code).map((b) => ({ ...b, code: b.code.trimEnd() }));
      expect(blocks).toEqual([
        block('sql', 'create table t (id int primary key);', 10),
        block('sql', 'insert into t values (1), (1);', 14, true),
        block('python', 'x = 2', 22),
      ]);
    },
  );

  it('runs SQL blocks in order in one database and one session; a `fails` block must fail', () => {
    const dir = temporaryDir('sql-ok');
    const blocks = [
      block(
        'sql',
        'create table t (id int primary key);\nprepare add(int) as insert into t values ($1);\n',
        10,
      ),
      block('sql', 'execute add(1);\nexecute add(1);\n', 20, true),
      block('sql', 'do $$ begin assert (select count(*) from t) = 1; end $$;\n', 30),
    ];
    expect(server().runEssay(blocks, dir, 'x/index.md')).toEqual([]);
  });

  it('gives every essay a fresh database', () => {
    const create = [block('sql', 'create table t (id int);\n', 1)];
    expect(server().runEssay(create, temporaryDir('sql-a'), 'a/index.md')).toEqual([]);
    expect(server().runEssay(create, temporaryDir('sql-b'), 'b/index.md')).toEqual([]);
  });

  it('names the essay, the line and the error of a SQL block that fails, and stops there', () => {
    const blocks = [
      block('sql', 'create table t (id int);\nselect nope\n  from t;\n', 40),
      block('sql', 'select 1;\n', 50),
    ];
    const problems = server().runEssay(blocks, temporaryDir('sql-bad'), 'x/index.md');
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(
      /^x\/index\.md:43: ERROR: {2}column "nope" does not exist\nLINE 1: select nope/,
    );
    expect(problems[1]).toBe('x/index.md: the 1 SQL block(s) after line 40 were not run');
  });

  it('fails a `sql fails` block that raises no error', () => {
    const blocks = [block('sql', 'select 1;\n', 50, true), block('sql', 'select 2;\n', 60)];
    expect(server().runEssay(blocks, temporaryDir('sql-quiet'), 'x/index.md')).toEqual([
      'x/index.md:50: this `sql fails` block ran without an error; it must fail as the essay says',
    ]);
  });

  it('runs Python blocks as one program and points a traceback at the essay line', () => {
    const cwd = temporaryDir('py');
    const ok = [
      block('python', 'def f(n):\n    return n * 2\n', 5),
      block('python', 'assert f(2) == 4\n', 12),
    ];
    expect(checkScripts(ok, join(cwd, 'ok'), 'x/index.md', cwd)).toEqual([]);
    const bad = [
      block('python', 'x = 1\n', 5),
      block('python', 'y = 2\nassert x == y, "x is not y"\n', 12),
    ];
    const problems = checkScripts(bad, join(cwd, 'bad'), 'x/index.md', cwd);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^x\/index\.md:14: python3: AssertionError: x is not y/);
  });

  it('syntax-checks shell blocks and parses YAML, with essay lines', () => {
    const cwd = temporaryDir('scripts');
    const blocks = [
      block('shell', 'echo ok\nif true; then\n  echo no fi\n', 7),
      block('yaml', 'a: 1\n---\nb: [1, 2\n', 20),
      block('shell', 'ls "$HOME"\n', 30),
      block('yaml', 'kind: Pod\n---\nkind: Service\n', 40),
    ];
    const problems = checkScripts(blocks, cwd, 'x/index.md', cwd);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^x\/index\.md:1[01]: bash -n: syntax error/);
    expect(problems[1]).toMatch(/^x\/index\.md:2[34]: YAML: /);
  });

  it('rejects `fails` on anything but SQL', () => {
    const cwd = temporaryDir('misplaced');
    const problems = checkScripts([block('python', 'x = 1\n', 3, true)], cwd, 'x/index.md', cwd);
    expect(problems).toEqual([
      'x/index.md:3: `fails` is only for sql blocks; mark this python block `fragment` or make it run',
    ]);
  });
});

const runnableLanguage = /^(`{3,}|~{3,})[ \t]*(sql|python|py|bash|sh|shell|yaml|yml)\b/m;
const withRunnable = (existsSync(essaysDir) ? readdirSync(essaysDir) : []).filter((slug) => {
  const file = join(essaysDir, slug, 'index.md');
  return existsSync(file) && runnableLanguage.test(readFileSync(file, 'utf8'));
});

describe.runIf(withRunnable.length > 0)(
  'every SQL, Python, shell and YAML sample in the essays',
  () => {
    it.each(withRunnable)('%s runs as the essay says', (slug) => {
      const file = join(essaysDir, slug, 'index.md');
      const essayFile = `essays/${slug}/index.md`;
      const blocks = runnableBlocks(codeOf(file, slug).code);
      const dir = join(temporaryDir('runnable'), slug);
      const problems = [
        ...checkScripts(blocks, dir, essayFile, packageRoot),
        ...(blocks.some((b) => b.kind === 'sql')
          ? server().runEssay(blocks, join(dir, 'sql'), essayFile)
          : []),
      ];
      expect(problems.join('\n\n')).toBe('');
    });
  },
);
