import { site } from '../site.js';

// A start tag as the compiler writes it: a name, then attributes whose values are always in
// double quotes. Text and code never hold a bare `<` (it is escaped), so every match is a real tag
// and a link written inside a code sample is left as it is.
const startTag = /<[A-Za-z][^\s/>]*(?:\s+[^\s"'>/=]+(?:="[^"]*")?)*\s*\/?>/g;
const rootRelative = /(\s(?:href|src|data-src)=")\/(?!\/)/g;

/**
 * `html` with its root-relative links and image URLs (`/essays/…`) made absolute against `base`,
 * for rendering an essay anywhere but the site itself. `base` is an http(s) URL; a path in it is
 * kept as a prefix, so `https://example.org/notes` turns `/essays/a/` into
 * `https://example.org/notes/essays/a/`. Fragment links (`#heading`) stay as they are: they point
 * at the headings of the same `html`, wherever it is rendered.
 *
 * @example
 * rebaseHtml(post.html); // links to https://workingnotes.dev/essays/…
 * rebaseHtml(post.html, 'https://mirror.example'); // where you serve the essays' images yourself
 */
export function rebaseHtml(html: string, base: string | URL = site.url): string {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new TypeError(
      `@working-notes/content: rebaseHtml needs an absolute http(s) URL as its base, such as "${site.url}"; found "${String(base)}"`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new TypeError(
      `@working-notes/content: rebaseHtml needs an http(s) URL as its base; found "${url.href}"`,
    );
  const prefix = `${url.origin}${url.pathname.replace(/\/+$/, '')}`
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;');
  return html.replace(startTag, (tag) => tag.replace(rootRelative, `$1${prefix}/`));
}
