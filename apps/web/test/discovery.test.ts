import { posts, site as siteConfig } from '@working-notes/content';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outDir } from '../scripts/paths.js';
import { serveStatic } from '../scripts/static-server.js';

/** What feed readers, crawlers and CDNs get, over HTTP from the preview server. */
let url: string;
let close: () => void;
beforeAll(async () => {
  const started = await serveStatic(outDir);
  url = started.url;
  close = () => started.server.close();
});
afterAll(() => close?.());

const get = async (path: string) => {
  const response = await fetch(`${url}${path}`);
  return { response, text: await response.text() };
};

describe('feeds, sitemap and friends', () => {
  it('every page links its three feeds for autodiscovery', async () => {
    const { text } = await get(posts[0]?.path ?? '/');
    expect(text).toContain(
      '<link rel="alternate" type="application/rss+xml" title="Working Notes (RSS)" href="/rss.xml"/>',
    );
    expect(text).toContain('type="application/atom+xml"');
    expect(text).toContain('type="application/feed+json"');
  });

  it('serves RSS, Atom and JSON Feed with their content types, parseable and complete', async () => {
    const rss = await get('/rss.xml');
    expect(rss.response.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    expect(parseRssFeed(rss.text).items?.length).toBe(Math.min(posts.length, siteConfig.feedItems));
    const atom = await get('/atom.xml');
    expect(atom.response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(parseAtomFeed(atom.text).entries?.[0]?.id).toBe(`${siteConfig.url}${posts[0]?.path}`);
    const json = await get('/feed.json');
    expect(json.response.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
    expect(parseJsonFeed(JSON.parse(json.text)).items?.[0]?.content_html?.length).toBeGreaterThan(
      100,
    );
  });

  it('the sitemap lists every essay with its last change, and robots.txt points to it', async () => {
    const sitemap = await get('/sitemap.xml');
    for (const post of posts)
      expect(sitemap.text).toContain(
        `<loc>${siteConfig.url}${post.path}</loc><lastmod>${post.updated ?? post.date}</lastmod>`,
      );
    expect(sitemap.text).not.toContain('404');
    expect((await get('/robots.txt')).text).toContain(`Sitemap: ${siteConfig.url}/sitemap.xml`);
  });

  it('llms.txt lists each essay, and each raw Markdown URL answers', async () => {
    const llms = await get('/llms.txt');
    const first = posts[0];
    expect(llms.text).toContain(`[${first?.title}](${siteConfig.url}${first?.path}index.md)`);
    const markdown = await get(`${first?.path}index.md`);
    expect(markdown.response.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(markdown.text).toContain(`title: ${first?.title}`);
  });

  it('hashed assets are immutable, pages revalidate, and every response carries the CSP', async () => {
    const home = await get('/');
    expect(home.response.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    expect(home.response.headers.get('content-security-policy')).toContain("default-src 'self'");
    const script = /<script type="module" src="([^"]+)"/.exec(home.text)?.[1] ?? '';
    const asset = await get(script);
    expect(asset.response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.response.headers.get('content-security-policy')).not.toBeNull();
  });

  it('an Open Graph image of 1200x630 exists for every essay', async () => {
    for (const post of posts) {
      const response = await fetch(`${url}/og/${post.slug}.png`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      const view = new DataView(bytes.buffer);
      expect([view.getUint32(16), view.getUint32(20)]).toEqual([1200, 630]);
    }
  });
});
