import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from './helpers.js';
import { bin, consumerProject, packTarball, run } from './packed.js';

/**
 * The package as an npm user meets it: the real tarball (`pnpm pack`), installed into an empty
 * project, imported from plain Node, type-checked under two resolution modes, and bundled.
 */
let tarball: string;
let project: string;
let firstSlug: string;
let bodySentence: string;

beforeAll(async () => {
  tarball = packTarball();
  project = consumerProject('consumer', tarball);
  const meta = readFileSync(join(packageRoot, 'dist', 'meta.js'), 'utf8');
  firstSlug = /"slug":"([^"]+)"/.exec(meta)?.[1] ?? '';
  const body: { default: { text: string } } = await import(
    pathToFileURL(join(packageRoot, 'dist', 'posts', `${firstSlug}.js`)).href
  );
  // A run of words from the middle of the first essay's plain text: it must never reach a bundle
  // that only asked for the metadata.
  const text = body.default.text;
  bodySentence = text
    .slice(Math.floor(text.length / 2), Math.floor(text.length / 2) + 60)
    .replace(/^\S*\s/, '')
    .replace(/\s\S*$/, '');
});

describe('the packed package', () => {
  it('ships only built files, with no Markdown tooling as a dependency', () => {
    const manifest = JSON.parse(
      readFileSync(
        join(project, 'node_modules', '@working-notes', 'content', 'package.json'),
        'utf8',
      ),
    );
    // One runtime dependency, the stemmer search uses; the Markdown toolchain stays build-time.
    expect(Object.keys(manifest.dependencies ?? {})).toEqual(['stemmer']);
    expect(firstSlug).not.toBe('');
  });

  it('holds the licence, a changelog and source maps, and no build cache', () => {
    const files = run('tar', ['-tzf', tarball], project).split('\n').filter(Boolean);
    expect(files).toContain('package/LICENSE');
    expect(files).toContain('package/CHANGELOG.md');
    expect(files.filter((file) => /\/\.[^/]+$/.test(file))).toEqual([]);
    const installed = join(project, 'node_modules', '@working-notes', 'content');
    const licence = readFileSync(join(installed, 'LICENSE'), 'utf8');
    expect(licence).toContain('Creative Commons Attribution 4.0 International Public License');
    expect(licence).toContain('Section 3 – License Conditions.');
    expect(readFileSync(join(installed, 'CHANGELOG.md'), 'utf8').split('\n')[0]).toBe(
      '# @working-notes/content',
    );
    // Every runtime module points at its map, and the map carries the TypeScript it came from.
    const runtime = files.filter((file) => /^package\/dist\/(?:runtime\/)?[a-z-]+\.js$/.test(file));
    const generated = ['package/dist/meta.js', 'package/dist/loaders.js'];
    expect(runtime).toContain('package/dist/runtime/load.js');
    for (const file of runtime.filter((file) => !generated.includes(file))) {
      const path = join(installed, file.slice('package/'.length));
      const code = readFileSync(path, 'utf8');
      expect(code).toContain(`//# sourceMappingURL=`);
      // A module of types alone is empty once compiled; its map has nothing to point at.
      if (code.startsWith('//# sourceMappingURL=')) continue;
      const map = JSON.parse(readFileSync(`${path}.map`, 'utf8'));
      expect(map.sources[0]).toMatch(/\.ts$/);
      expect(map.sourcesContent?.[0]?.length).toBeGreaterThan(0);
    }
  });

  it('works from plain Node ESM: metadata, a body module, loadPost and helpers', () => {
    writeFileSync(
      join(project, 'node.mjs'),
      `import { posts, loadPost, postsByTag, adjacentPosts, site } from '@working-notes/content';
import first from '@working-notes/content/posts/${firstSlug}';
import { search } from '@working-notes/content/search';
import { createRequire } from 'node:module';
const index = createRequire(import.meta.url)('@working-notes/content/search-index.json');
const loaded = await loadPost(posts[0].slug);
console.log(JSON.stringify({
  count: posts.length,
  newestFirst: posts.every((post, i) => i === 0 || posts[i - 1].date >= post.date),
  same: loaded === first,
  headings: first.headings.length,
  byTag: postsByTag(posts, posts[0].tags[0]).length,
  older: adjacentPosts(posts, posts[0].slug).older?.slug ?? null,
  found: search(index, posts[0].title)[0]?.slug,
  site: site.url,
}));`,
    );
    const result = JSON.parse(run('node', ['node.mjs'], project));
    expect(result.count).toBeGreaterThan(0);
    expect(result).toMatchObject({
      newestFirst: true,
      same: true,
      found: firstSlug,
      site: 'https://workingnotes.dev',
    });
    expect(result.headings).toBeGreaterThan(0);
    expect(result.byTag).toBeGreaterThan(0);
  });

  it('reads every essay synchronously from Node with readPost, as loadPost loads it', () => {
    writeFileSync(
      join(project, 'read.mjs'),
      `import { posts, loadPost } from '@working-notes/content';
import { readPost } from '@working-notes/content/node';
import { isDeepStrictEqual } from 'node:util';
const differ = [];
for (const { slug } of posts) if (!isDeepStrictEqual(readPost(slug), await loadPost(slug))) differ.push(slug);
let unknown = '';
try { readPost('../meta'); } catch (error) { unknown = error.message; }
console.log(JSON.stringify({ read: posts.length, differ, unknown }));`,
    );
    const result = JSON.parse(run('node', ['read.mjs'], project));
    expect(result.read).toBeGreaterThan(0);
    expect(result.differ).toEqual([]);
    expect(result.unknown).toBe(
      '@working-notes/content: no published essay has the slug "../meta"',
    );
  });

  it('loads from CommonJS with require(), as the README says (Node 20.19+)', () => {
    writeFileSync(
      join(project, 'common.cjs'),
      `const { posts, loadPost, rebaseHtml } = require('@working-notes/content');
const { search } = require('@working-notes/content/search');
loadPost(posts[0].slug).then((post) => {
  console.log(JSON.stringify({ title: post.title, rebased: rebaseHtml(post.html).length > 0, search: typeof search }));
});
`,
    );
    const result = JSON.parse(run('node', ['common.cjs'], project));
    expect(result).toMatchObject({ rebased: true, search: 'function' });
    expect(result.title.length).toBeGreaterThan(0);
  });

  it.each([
    ['bundler', { module: 'esnext', moduleResolution: 'bundler' }],
    ['node16', { module: 'node16', moduleResolution: 'node16' }],
  ])(
    'type-checks with moduleResolution %s, and a mistyped slug is a compile error',
    (name, resolution) => {
      writeFileSync(
        join(project, `check-${name}.ts`),
        `import { posts, loadPost, type Post, type PostMeta, type Slug, type Tag } from '@working-notes/content';
import first from '@working-notes/content/posts/${firstSlug}';
const slug = '${firstSlug}' satisfies Slug;
const tag: Tag = first.tags[0] ?? 'ai';
const meta: readonly PostMeta[] = posts;
export async function main(): Promise<string> {
  const post: Post<'${firstSlug}'> = await loadPost(slug);
  // @ts-expect-error: not a slug of any essay
  await loadPost('${firstSlug}-typo');
  // @ts-expect-error: not a known tag
  const wrong: Tag = 'kubernets';
  return post.html + tag + meta.length + String(wrong);
}
`,
      );
      writeFileSync(
        join(project, `tsconfig.${name}.json`),
        JSON.stringify({
          compilerOptions: {
            ...resolution,
            strict: true,
            noEmit: true,
            target: 'es2022',
            skipLibCheck: false,
            types: [],
          },
          files: [`check-${name}.ts`],
        }),
      );
      expect(() => run(bin('tsc'), ['-p', `tsconfig.${name}.json`], project)).not.toThrow();
    },
  );

  it('bundles `posts` without a single essay body', () => {
    writeFileSync(
      join(project, 'list.mjs'),
      "import { posts } from '@working-notes/content';\nconsole.log(posts.map((post) => post.title).join('\\n'));\n",
    );
    run(
      bin('esbuild'),
      ['list.mjs', '--bundle', '--format=esm', '--outfile=list.bundle.js', '--log-level=error'],
      project,
    );
    const bundle = readFileSync(join(project, 'list.bundle.js'), 'utf8');
    expect(bodySentence.length).toBeGreaterThan(20);
    expect(bundle).toContain('"slug"');
    expect(bundle).not.toContain(bodySentence);
    expect(bundle).not.toContain('"html"');
  });

  it('passes publint and Are the Types Wrong', () => {
    expect(() => run(bin('publint'), ['--strict'], packageRoot)).not.toThrow();
    expect(() =>
      // The stylesheet is a plain file export; attw only judges JavaScript and types. attw
      // reports the `#meta` and `#loaders` imports under node10 even with that mode ignored by the profile; the
      // tsc checks above already resolve every declaration under node16 and bundler.
      run(
        bin('attw'),
        [
          '--pack',
          '.',
          '--profile',
          'esm-only',
          '--exclude-entrypoints',
          './highlight.css',
          '--ignore-rules',
          'internal-resolution-error',
        ],
        packageRoot,
      ),
    ).not.toThrow();
  });
});
