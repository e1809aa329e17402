import { posts, site, tagCounts } from '@working-notes/content';
import { sitemapPath } from '../src/site/public-paths.js';

/** sitemap.xml: every indexable page with its last change. */
export function sitemap(paths: readonly string[]): string {
  const lastmod = new Map(posts.map((post) => [post.path, post.updated ?? post.date]));
  const urls = paths.map((path) => {
    const modified = lastmod.get(path);
    return `<url><loc>${new URL(path, site.url).href}</loc>${modified ? `<lastmod>${modified}</lastmod>` : ''}</url>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}

export function robots(): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${new URL(sitemapPath, site.url).href}\n`;
}

/** llms.txt: what the site is, and each essay's raw Markdown for language models to read. */
export function llms(): string {
  const lines = [
    `# ${site.title}`,
    '',
    `> ${site.description}`,
    '',
    `Every essay is available as Markdown at its page URL plus \`index.md\`. Topics: ${tagCounts(
      posts,
    )
      .map(({ tag }) => tag)
      .join(', ')}.`,
    '',
    '## Essays',
    '',
    ...posts.map(
      (post) =>
        `- [${post.title}](${new URL(`${post.path}index.md`, site.url).href}): ${post.description}`,
    ),
    '',
  ];
  return lines.join('\n');
}
