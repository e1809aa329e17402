import { site } from '@working-notes/content';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { Chrome } from './components/chrome.js';
import { speculationRules, themeScript } from './inline-scripts.js';
import { feeds } from './public-paths.js';

/** What a page says about itself to browsers, search engines and link previews. */
export interface PageMeta {
  title: string;
  description: string;
  /** Site path, such as `/essays/inside-v8/`; made absolute for canonical and Open Graph. */
  path: string;
  image?: string;
  type?: 'website' | 'article';
  article?: { published: string; modified?: string; tags: readonly string[] };
  jsonLd?: Record<string, unknown>;
  /** A 404 must not be indexed or claim a canonical URL. */
  noindex?: boolean;
  /** Classic async scripts beyond the site's own, such as the widget on the Embed page. */
  scripts?: readonly string[];
}

/** URLs of the built client assets: hashed files from Vite's manifest, or sources in dev. */
export interface Assets {
  css: string[];
  script: string;
  /** Font files every page uses at once, preloaded so they are ready for the first paint. */
  fonts?: readonly string[];
  /** Extra tags only the dev server needs (Vite's client). */
  devHead?: string;
  /**
   * For hosts that send no headers (GitHub Pages): the Content-Security-Policy as a `<meta>` tag,
   * placed before any script so it governs them all, with the referrer policy beside it.
   */
  metaPolicy?: string;
}

/**
 * The fonts worth preloading from Vite's manifest: the upright text face only. Italic and code
 * faces load when a page uses them; preloading them too would delay the text on every page.
 */
export function preloadedFonts(manifest: Record<string, { file: string }>): string[] {
  return Object.values(manifest)
    .map((entry) => entry.file)
    .filter((file) => /source-serif-4-latin-wght-normal-[\w-]+\.woff2$/.test(file))
    .map((file) => `/${file}`);
}

export function absolute(path: string): string {
  return new URL(path, site.url).href;
}

export function renderDocument(meta: PageMeta, assets: Assets, body: ReactNode): string {
  const title =
    meta.path === '/'
      ? `${site.title}: ${site.description.split(',')[0]?.toLowerCase()}`
      : `${meta.title} · ${site.title}`;
  const image = absolute(meta.image ?? '/og/default.png');
  const html = renderToStaticMarkup(
    <html lang={site.language}>
      <head>
        <meta charSet="utf-8" />
        {assets.metaPolicy && (
          <>
            <meta httpEquiv="Content-Security-Policy" content={assets.metaPolicy} />
            <meta name="referrer" content="strict-origin-when-cross-origin" />
          </>
        )}
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <meta name="description" content={meta.description} />
        {meta.noindex ? (
          <meta name="robots" content="noindex" />
        ) : (
          <link rel="canonical" href={absolute(meta.path)} />
        )}
        <meta name="color-scheme" content="light dark" />
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
        {assets.fonts?.map((href) => (
          <link
            key={href}
            rel="preload"
            href={href}
            as="font"
            type="font/woff2"
            crossOrigin="anonymous"
          />
        ))}
        {assets.css.map((href) => (
          <link key={href} rel="stylesheet" href={href} />
        ))}
        <script type="module" src={assets.script} />
        {meta.scripts?.map((src) => (
          <script key={src} async src={src} />
        ))}
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        {feeds.map((feed) => (
          <link
            key={feed.path}
            rel="alternate"
            type={feed.type}
            title={`${site.title} (${feed.label})`}
            href={feed.path}
          />
        ))}
        <meta property="og:site_name" content={site.title} />
        <meta property="og:title" content={meta.title} />
        <meta property="og:description" content={meta.description} />
        <meta property="og:type" content={meta.type ?? 'website'} />
        <meta property="og:url" content={absolute(meta.path)} />
        <meta property="og:image" content={image} />
        <meta property="og:image:width" content="1200" />
        <meta property="og:image:height" content="630" />
        {meta.article && (
          <meta property="article:published_time" content={meta.article.published} />
        )}
        {meta.article?.modified && (
          <meta property="article:modified_time" content={meta.article.modified} />
        )}
        {meta.article?.tags.map((tag) => (
          <meta key={tag} property="article:tag" content={tag} />
        ))}
        <meta name="twitter:card" content="summary_large_image" />
        <meta name="twitter:title" content={meta.title} />
        <meta name="twitter:description" content={meta.description} />
        <meta name="twitter:image" content={image} />
        <script type="speculationrules" dangerouslySetInnerHTML={{ __html: speculationRules }} />
        {meta.jsonLd && (
          <script
            type="application/ld+json"
            dangerouslySetInnerHTML={{
              __html: JSON.stringify(meta.jsonLd).replace(/</g, '\\u003c'),
            }}
          />
        )}
      </head>
      <body>
        <Chrome path={meta.path}>{body}</Chrome>
      </body>
    </html>,
  );
  const devHead = assets.devHead ?? '';
  return `<!doctype html>\n${devHead ? html.replace('<head>', `<head>${devHead}`) : html}`;
}
