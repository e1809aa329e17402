/**
 * The embed snippet, as the Working Notes Embed page hands it out: one pinned script tag with its
 * integrity hash, and the element with its fallback links. Pure string building, for Node or a
 * browser; the site and the widget's own tests both call it, so what is tested is what is copied.
 *
 * @example
 * snippet({ origin: 'https://workingnotes.dev', version: '0.2.0', integrity: 'sha384-…', essays })
 */

/** The element's default `src` (options.ts; a test holds the two equal). Kept apart so this
 * module shares no code with the element and builds as its own small file. */
const defaultSource = 'https://workingnotes.dev/widget/latest.json';

/** One fallback link: an essay's title, absolute URL, day and that day as readers see it. */
export interface SnippetEssay {
  title: string;
  url: string;
  /** `YYYY-MM-DD` */
  date: string;
  /** The date as written in the fallback, such as "18 November 2026". */
  dateText: string;
}

export interface SnippetInput {
  /** The blog's origin, which serves the script and the data. */
  origin: string;
  version: string;
  /** The script's Subresource Integrity hash, from `@working-notes/widget/integrity.json`. */
  integrity: string;
  /** The newest essays; the first `count` become the fallback. */
  essays: readonly SnippetEssay[];
  count?: number | undefined;
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The fallback inside the element: what readers see without JavaScript or when it fails. */
export function fallbackHtml(
  essays: readonly SnippetEssay[],
  { count = 5, headingLevel = 2 }: { count?: number; headingLevel?: number } = {},
): string {
  const items = essays
    .slice(0, count)
    .map(
      (essay) =>
        `    <li><a href="${escapeHtml(essay.url)}">${escapeHtml(essay.title)}</a> <time datetime="${escapeHtml(essay.date)}">${escapeHtml(essay.dateText)}</time></li>`,
    );
  return `  <h${headingLevel}>Latest essays</h${headingLevel}>\n  <ol>\n${items.join('\n')}\n  </ol>`;
}

/** The versioned script's path on the blog. */
export const scriptPath = (version: string) => `/widget/v${version}/latest-essays.js`;

/**
 * The whole snippet. A blog served from another origin than the widget's default data (a preview
 * deployment, a mirror, a test server) gets an explicit `src`, so the list it hands out reads its
 * own data.
 */
export function snippet({ origin, version, integrity, essays, count = 5 }: SnippetInput): string {
  const script = new URL(scriptPath(version), origin).href;
  const data = new URL('/widget/latest.json', origin).href;
  const src = data === defaultSource ? '' : ` src="${escapeHtml(data)}"`;
  return `<script async src="${escapeHtml(script)}" integrity="${escapeHtml(integrity)}" crossorigin="anonymous"></script>\n<latest-essays count="${count}"${src}>\n${fallbackHtml(essays, { count })}\n</latest-essays>`;
}
