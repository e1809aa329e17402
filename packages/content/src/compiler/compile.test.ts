import {
  cpSync,
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compileFixture,
  compileIssues,
  fixtures,
  importModule,
  temporaryDir,
} from '../../test/helpers.js';
import { compile } from './compile.js';
import type { BodyRecord, MetaRecord } from './emit/records.js';
import { ContentError } from './errors.js';

describe('compiling a good corpus', () => {
  it('publishes every essay but the draft, newest first, with metadata only in the index', async () => {
    const out = await compileFixture('good');
    const { posts } = await importModule<{ posts: MetaRecord[] }>(join(out, 'meta.js'));
    expect(posts.map((post) => post.slug)).toEqual(['first-essay', 'second-essay']);
    expect(posts[0]).toEqual({
      slug: 'first-essay',
      title: 'The First Fixture Essay',
      description: 'A fixture with a diagram, a table and code, used by the compiler’s tests.',
      date: '2024-03-02',
      updated: '2024-04-10',
      tags: ['architecture', 'reliability'],
      series: 'Fixtures',
      readingTime: 1,
      wordCount: expect.any(Number),
      path: '/essays/first-essay/',
    });
    expect(JSON.stringify(posts)).not.toContain('zeppelin');
  });

  it('writes one body module per published essay with outline, excerpt and text', async () => {
    const out = await compileFixture('good');
    const post = (await importModule<{ default: BodyRecord }>(join(out, 'posts', 'first-essay.js')))
      .default;
    expect(post.headings).toEqual([
      { depth: 2, id: 'why-queues', text: 'Why queues' },
      { depth: 3, id: 'retry-policy', text: 'Retry policy' },
      { depth: 2, id: 'closing--notes', text: 'Closing & notes' },
    ]);
    expect(post.excerpt).toMatch(/^The opening paragraph mentions a zeppelin only here/);
    expect(post.text).toContain('Queues decouple producers');
    expect(existsSync(join(out, 'posts', 'unfinished-draft.js'))).toBe(false);
    expect(readFileSync(join(out, 'posts', 'first-essay.d.ts'), 'utf8')).toContain(
      'Post<"first-essay">',
    );
  });

  it('renders safe external links, heading anchors, class-based highlighting and sized images', async () => {
    const out = await compileFixture('good');
    const first = (
      await importModule<{ default: BodyRecord }>(join(out, 'posts', 'first-essay.js'))
    ).default;
    expect(first.html).toContain(
      '<a href="https://example.org/page" class="external" rel="noopener noreferrer">',
    );
    expect(first.html).toContain(
      '<h2 id="why-queues">Why queues<a class="anchor" href="#why-queues"',
    );
    expect(first.html).toMatch(
      /<pre class="code" data-lang="ts" tabindex="0"><code><span class="hl-\w+">export<\/span>/,
    );
    expect(first.html).not.toMatch(/style="/);
    // The diagram is inlined with its ids prefixed, so two diagrams on a page cannot collide.
    expect(first.html).toContain(
      '<figure><svg data-src="/essays/first-essay/flow.svg" role="img" aria-label="A box labelled queue',
    );
    expect(first.html).toContain('marker-end="url(#first-essay-flow-svg-arrow)"');
    const second = (
      await importModule<{ default: BodyRecord }>(join(out, 'posts', 'second-essay.js'))
    ).default;
    expect(second.html).toContain(
      '<img src="/essays/second-essay/pixel.png" alt="A single grey pixel" width="3" height="2"',
    );
    expect(readFileSync(join(out, 'highlight.css'), 'utf8')).toContain(
      ':root[data-theme="dark"] .hl-keyword{color:#ff7b72}',
    );
    expect(existsSync(join(out, 'essays', 'second-essay', 'pixel.png'))).toBe(true);
    expect(readFileSync(join(out, 'essays', 'first-essay', 'index.md'), 'utf8')).toContain(
      'zeppelin',
    );
  });

  it("leaves out each essay's declarations when told, and nothing else", async () => {
    const full = await compileFixture('good');
    const bare = temporaryDir('no-declarations');
    await compile({
      essaysDir: join(fixtures, 'good'),
      outDir: bare,
      cacheDir: false,
      declarations: false,
    });
    const list = (dir: string) =>
      readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((file) => statSync(join(dir, file)).isFile() && file !== '.content-files.json')
        .sort();
    const declarations = list(full).filter((file) => /^posts\/.*\.d\.ts$/.test(file));
    expect(declarations.length).toBeGreaterThan(0);
    expect(list(bare)).toEqual(list(full).filter((file) => !declarations.includes(file)));
    for (const file of list(bare))
      expect(readFileSync(join(bare, file)).equals(readFileSync(join(full, file))), file).toBe(
        true,
      );
  });

  it('removes the output of an essay that was deleted since the last build', async () => {
    const essays = temporaryDir('deleted');
    cpSync(join(fixtures, 'good'), essays, { recursive: true });
    const out = temporaryDir('deleted-out');
    await compile({ essaysDir: essays, outDir: out, cacheDir: false });
    expect(existsSync(join(out, 'posts', 'second-essay.js'))).toBe(true);
    writeFileSync(
      join(essays, 'first-essay', 'index.md'),
      readFileSync(join(essays, 'first-essay', 'index.md'), 'utf8').replace(
        '[the second essay](/essays/second-essay/#retry-budgets)',
        'the second essay',
      ),
    );
    rmSync(join(essays, 'second-essay'), { recursive: true });
    await compile({ essaysDir: essays, outDir: out, cacheDir: false });
    expect(existsSync(join(out, 'posts', 'second-essay.js'))).toBe(false);
    expect(existsSync(join(out, 'posts', 'first-essay.js'))).toBe(true);
  });

  it('rewrites only what an edit changed, even from a new process, and restores a deleted file', async () => {
    const essays = temporaryDir('edited');
    cpSync(join(fixtures, 'good'), essays, { recursive: true });
    const out = temporaryDir('edited-out');
    const first = await compile({ essaysDir: essays, outDir: out, cacheDir: false });
    const untouched = join(out, 'posts', 'second-essay.js');
    const writtenAt = statSync(untouched, { bigint: true }).mtimeNs;

    const source = join(essays, 'first-essay', 'index.md');
    writeFileSync(source, `${readFileSync(source, 'utf8')}\nA sentence added later.\n`);
    // `compile` starts a new compiler with nothing in memory, as `pnpm build` in a new process does.
    const second = await compile({ essaysDir: essays, outDir: out, cacheDir: false });
    expect(readFileSync(join(out, 'posts', 'first-essay.js'), 'utf8')).toContain(
      'A sentence added later.',
    );
    expect(statSync(untouched, { bigint: true }).mtimeNs).toBe(writtenAt);
    expect(second.filesWritten).toBeLessThan(first.filesWritten);

    rmSync(untouched);
    await compile({ essaysDir: essays, outDir: out, cacheDir: false });
    expect(existsSync(untouched)).toBe(true);
  });

  it('renders only the edited essay when a new process finds the disk cache', async () => {
    const essays = temporaryDir('cached');
    cpSync(join(fixtures, 'good'), essays, { recursive: true });
    const out = temporaryDir('cached-out');
    const cacheDir = temporaryDir('cached-cache');
    const first = await compile({ essaysDir: essays, outDir: out, cacheDir });
    expect(first.rendered).toBe(first.essays);

    const source = join(essays, 'first-essay', 'index.md');
    writeFileSync(source, `${readFileSync(source, 'utf8')}\nA sentence added later.\n`);
    const second = await compile({ essaysDir: essays, outDir: out, cacheDir });
    expect(second.rendered).toBe(1);
    expect(readFileSync(join(out, 'posts', 'first-essay.js'), 'utf8')).toContain(
      'A sentence added later.',
    );
    // Nothing changed: everything comes from the cache the second build saved.
    const third = await compile({ essaysDir: essays, outDir: out, cacheDir });
    expect(third.rendered).toBe(0);
  });
});

describe('a broken corpus', () => {
  const broken = join(fixtures, 'broken');
  const issueFor = async (folder: string, field: string) => {
    const issues = await compileIssues(broken);
    const issue = issues.find(
      (candidate) => candidate.file.includes(`${folder}/index.md`) && candidate.field === field,
    );
    expect(
      issue,
      `an issue for ${folder} on ${field}; got ${JSON.stringify(issues.map((i) => [i.file, i.field]))}`,
    ).toBeDefined();
    return issue as NonNullable<typeof issue>;
  };

  it('reports invalid YAML on the field it is in, with how to write the value', async () => {
    const issue = await issueFor('invalid-yaml', 'description');
    expect(issue).toMatchObject({
      line: 3,
      column: 14,
      expected:
        'the whole description in double quotes, because YAML reads a leading [ as the start of a list: description: "[unclosed"',
      found: '"[unclosed"',
    });
    expect(issue.example).toContain('title:');
  });

  it('reports a missing title', async () => {
    const issue = await issueFor('missing-title', 'title');
    expect(issue.found).toBe('nothing (the field is missing)');
    expect(issue.expected).toBe('a title field; add a "title:" line above the closing ---');
  });

  it('reports a date that is not a real day, on its line and column', async () => {
    expect(await issueFor('bad-date', 'date')).toMatchObject({
      line: 4,
      column: 7,
      expected: 'a real calendar date',
      found: '"2024-02-30"',
    });
  });

  it('reports an unknown tag by its position in the list, with the tag it was probably meant to be', async () => {
    const issue = await issueFor('unknown-tag', 'tags.1');
    expect(issue).toMatchObject({
      line: 5,
      column: 12,
      found: '"kubernets" (did you mean "kubernetes"?)',
    });
    expect(issue.expected).toContain('one of the known tags');
  });

  it('reports a description over 160 characters', async () => {
    expect(await issueFor('long-description', 'description')).toMatchObject({
      line: 3,
      expected: 'a description of at most 160 characters',
    });
  });

  it('reports two essays with the same title', async () => {
    const issue = await issueFor('same-title-two', 'title');
    expect(issue.found).toContain('same-title-one/index.md');
    expect(issue.line).toBe(2);
  });

  it('reports a link to an essay that does not exist', async () => {
    expect(await issueFor('missing-essay-link', 'link')).toMatchObject({
      line: 10,
      found: expect.stringContaining('/essays/no-such-essay/'),
    });
  });

  it('reports a link to an anchor that does not exist, and accepts one that does', async () => {
    const issues = (await compileIssues(broken)).filter((i) =>
      i.file.includes('missing-anchor-link'),
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      field: 'link',
      found: '/essays/same-title-one/#not-a-heading',
    });
  });

  it('reports a missing image', async () => {
    expect(await issueFor('missing-image', 'image')).toMatchObject({
      line: 10,
      found: 'no such file',
    });
  });

  it('reports a diagram styled in a way the CSP would block', async () => {
    expect(await issueFor('styled-diagram', 'image')).toMatchObject({
      line: 10,
      found: 'style="fill: #000"',
    });
  });

  it('reports an empty body', async () => {
    expect(await issueFor('empty-body', 'body')).toMatchObject({ found: 'an empty body' });
  });

  it('reports every problem at once, in a message that names file, line and field', async () => {
    try {
      await compile({ essaysDir: broken, outDir: temporaryDir('message'), cacheDir: false });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ContentError);
      const message = (error as ContentError).message;
      expect((error as ContentError).issues.length).toBeGreaterThanOrEqual(10);
      expect(message).toMatch(
        /bad-date\/index\.md:4:7 {2}date\n {2}expected: a real calendar date\n {2}found: {4}"2024-02-30"/,
      );
    }
  });

  it('leaves the last good output untouched when a build fails', async () => {
    const out = await compileFixture('good');
    const snapshot = () =>
      Object.fromEntries(
        readdirSync(out, { recursive: true, withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) => join(entry.parentPath, entry.name))
          .sort()
          .map((file) => [file, readFileSync(file, 'utf8')]),
      );
    const before = snapshot();
    await compileIssues(broken, out);
    expect(snapshot()).toEqual(before);
  });
});
