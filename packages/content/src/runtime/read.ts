import { readFileSync } from 'node:fs';
import { isSlug } from './slugs.js';
import type { Post, Slug } from './types.js';

// The compiler writes each body module as one JSON literal (src/compiler/emit/modules.ts):
//   const post = {...};
//   export default post;
const opening = 'const post = ';
const closing = ';\nexport default post;';

/**
 * Reads one essay's body synchronously, for Node: the object `loadPost` resolves to, read from
 * the same `posts/<slug>.js` file without going through the ES module loader. A site generator
 * rendering every essay wants this one: importing 2,500 body modules took about 1.5 s in Node 20,
 * reading them this way about 0.1 s, and nothing stays cached in the module map. Browsers and
 * bundles keep `loadPost`, which splits each essay into its own chunk.
 *
 * @example
 * import { readPost } from '@working-notes/content/node';
 * readPost('inside-v8').headings.map((heading) => heading.text);
 */
export function readPost<S extends Slug>(slug: S): Post<S> {
  // isSlug first: a slug is also a file name, and `../meta` is not an essay.
  if (!isSlug(slug))
    throw new Error(`@working-notes/content: no published essay has the slug "${slug}"`);
  const file = new URL(`../posts/${slug}.js`, import.meta.url);
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(opening);
  const end = text.lastIndexOf(closing);
  if (start === -1 || end < start)
    throw new Error(
      `@working-notes/content: ${file.pathname} is not a body module this version wrote; reinstall the package`,
    );
  return JSON.parse(text.slice(start + opening.length, end)) as Post<S>;
}
