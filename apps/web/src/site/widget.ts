import { createRequire } from 'node:module';
import { type PostMeta, site } from '@working-notes/content';
import {
  snippet as embedSnippet,
  fallbackHtml as fallback,
  scriptPath,
} from '@working-notes/widget/snippet';
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

/**
 * The element's attributes as its Custom Elements Manifest states them, generated from the one
 * options table in the widget's source: the Embed page's table cannot drift from the element.
 */
export function widgetAttributes(): { name: string; description: string }[] {
  const manifest = require('@working-notes/widget/custom-elements.json') as {
    modules: { declarations: { attributes?: { name: string; description: string }[] }[] }[];
  };
  return manifest.modules.flatMap((module) =>
    module.declarations.flatMap((declaration) => declaration.attributes ?? []),
  );
}

/** Immutable, versioned: pin this with its integrity hash. */
export const versionedScriptPath = scriptPath;
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

const essays = (posts: readonly PostMeta[]) =>
  posts.map((post) => ({
    title: post.title,
    url: new URL(post.path, site.url).href,
    date: post.date,
    dateText: formatDate(post.date),
  }));

/** The fallback links inside the element: what readers see without JavaScript or when it fails. */
export function fallbackHtml(posts: readonly PostMeta[], headingLevel = 2): string {
  return fallback(essays(posts), { headingLevel });
}

/**
 * The snippet the Embed page hands out: one script tag and one element with its fallback. The
 * widget package builds it, so its own tests embed exactly this on their host pages.
 */
export function snippet(posts: readonly PostMeta[], build: WidgetBuild): string {
  return embedSnippet({
    origin: site.url,
    version: build.version,
    integrity: build.integrity,
    essays: essays(posts),
  });
}
