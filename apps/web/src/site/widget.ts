import { createRequire } from 'node:module';
import { type PostMeta, site } from '@working-notes/content';
import { formatDate } from './format.js';

const require = createRequire(import.meta.url);
const integrityFile = require.resolve('@working-notes/widget/integrity.json');

export interface WidgetBuild {
  version: string;
  integrity: string;
  /** The built IIFE on disk, copied into the site at build. */
  file: string;
}

export function widgetBuild(): WidgetBuild {
  const info = require(integrityFile) as { version: string; integrity: string; file: string };
  return {
    version: info.version,
    integrity: info.integrity,
    file: integrityFile.replace(/integrity\.json$/, info.file),
  };
}

/** Immutable, versioned: pin this with its integrity hash. */
export const versionedScriptPath = (version: string) => `/widget/v${version}/latest-essays.js`;
/** The channel: always the newest version, cached for minutes. */
export const channelScriptPath = '/widget/latest-essays.js';
export const dataPath = '/widget/latest.json';

/**
 * The JSON the widget reads: a JSON Feed 1.1 subset with the newest 20 essays and only what a list
 * needs, so it stays well under 2 KB gzip.
 */
export function widgetData(posts: readonly PostMeta[]): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: site.title,
    home_page_url: `${site.url}/`,
    feed_url: new URL(dataPath, site.url).href,
    items: posts.slice(0, 20).map((post) => ({
      id: new URL(post.path, site.url).href,
      url: new URL(post.path, site.url).href,
      title: post.title,
      date_published: post.date,
      tags: post.tags,
    })),
  });
}

/** The fallback links inside the element: what readers see without JavaScript or when it fails. */
export function fallbackHtml(posts: readonly PostMeta[], count = 5): string {
  const items = posts.slice(0, count).map((post) => {
    const title = post.title.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    return `    <li><a href="${new URL(post.path, site.url).href}">${title}</a> <time datetime="${post.date}">${formatDate(post.date)}</time></li>`;
  });
  return `  <h2>Latest essays</h2>\n  <ol>\n${items.join('\n')}\n  </ol>`;
}

/** The snippet the Embed page hands out: one script tag and one element with its fallback. */
export function snippet(posts: readonly PostMeta[], build: WidgetBuild): string {
  const src = new URL(versionedScriptPath(build.version), site.url).href;
  return `<script async src="${src}" integrity="${build.integrity}" crossorigin="anonymous"></script>\n<latest-essays count="5">\n${fallbackHtml(posts)}\n</latest-essays>`;
}
