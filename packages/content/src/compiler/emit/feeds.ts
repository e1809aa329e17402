import { rebaseHtml } from '../../runtime/rebase.js';
import { essayPath, type Site } from '../../site.js';
import type { RenderedEssay } from '../essay.js';
import { anchorLinkPattern, diagramPattern } from '../markup.js';

/**
 * Feed readers do not share our stylesheet or URL: links become absolute, and inlined diagrams
 * go back to being images, which every reader can show.
 */
export function feedHtml(essay: RenderedEssay, site: Site): string {
  const page = `${site.url}${essayPath(essay.slug)}`;
  const html = essay.html
    .replace(diagramPattern, '<img src="$1" alt="$2">')
    .replace(anchorLinkPattern, '');
  return rebaseHtml(html, site.url).replace(/\bhref="#/g, `href="${page}#`);
}

function xml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function rfc822(day: string): string {
  return new Date(`${day}T12:00:00Z`).toUTCString();
}

function iso(day: string): string {
  return `${day}T12:00:00Z`;
}

export function rssFeed(essays: readonly RenderedEssay[], site: Site): string {
  const items = essays.map((essay) => {
    const url = `${site.url}${essayPath(essay.slug)}`;
    return [
      '<item>',
      `<title>${xml(essay.frontmatter.title)}</title>`,
      `<link>${url}</link>`,
      `<guid isPermaLink="true">${url}</guid>`,
      `<pubDate>${rfc822(essay.frontmatter.date)}</pubDate>`,
      `<description>${xml(essay.frontmatter.description)}</description>`,
      ...essay.frontmatter.tags.map((tag) => `<category>${tag}</category>`),
      `<content:encoded>${xml(feedHtml(essay, site))}</content:encoded>`,
      '</item>',
    ].join('\n');
  });
  const latest = essays[0]?.frontmatter;
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
    '<channel>',
    `<title>${xml(site.title)}</title>`,
    `<link>${site.url}/</link>`,
    `<description>${xml(site.description)}</description>`,
    `<language>${site.language}</language>`,
    `<atom:link href="${site.url}/rss.xml" rel="self" type="application/rss+xml"/>`,
    ...(latest ? [`<lastBuildDate>${rfc822(latest.updated ?? latest.date)}</lastBuildDate>`] : []),
    ...items,
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}

export function atomFeed(essays: readonly RenderedEssay[], site: Site): string {
  // ISO days sort as text, so the last one is the newest.
  const days = essays.map((essay) => essay.frontmatter.updated ?? essay.frontmatter.date).sort();
  const updated = days.at(-1) ?? '1970-01-01';
  const entries = essays.map((essay) => {
    const url = `${site.url}${essayPath(essay.slug)}`;
    return [
      '<entry>',
      `<title>${xml(essay.frontmatter.title)}</title>`,
      `<link href="${url}"/>`,
      `<id>${url}</id>`,
      `<published>${iso(essay.frontmatter.date)}</published>`,
      `<updated>${iso(essay.frontmatter.updated ?? essay.frontmatter.date)}</updated>`,
      `<summary>${xml(essay.frontmatter.description)}</summary>`,
      ...essay.frontmatter.tags.map((tag) => `<category term="${tag}"/>`),
      `<content type="html">${xml(feedHtml(essay, site))}</content>`,
      '</entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${site.language}">`,
    `<title>${xml(site.title)}</title>`,
    `<subtitle>${xml(site.description)}</subtitle>`,
    `<link href="${site.url}/"/>`,
    `<link rel="self" href="${site.url}/atom.xml"/>`,
    `<id>${site.url}/</id>`,
    `<updated>${iso(updated)}</updated>`,
    `<author><name>${xml(site.author)}</name></author>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}

export function jsonFeed(essays: readonly RenderedEssay[], site: Site): string {
  return `${JSON.stringify(
    {
      version: 'https://jsonfeed.org/version/1.1',
      title: site.title,
      home_page_url: `${site.url}/`,
      feed_url: `${site.url}/feed.json`,
      description: site.description,
      language: site.language,
      authors: [{ name: site.author }],
      items: essays.map((essay) => ({
        id: `${site.url}${essayPath(essay.slug)}`,
        url: `${site.url}${essayPath(essay.slug)}`,
        title: essay.frontmatter.title,
        summary: essay.frontmatter.description,
        content_html: feedHtml(essay, site),
        date_published: iso(essay.frontmatter.date),
        ...(essay.frontmatter.updated && { date_modified: iso(essay.frontmatter.updated) }),
        tags: essay.frontmatter.tags,
      })),
    },
    null,
    1,
  )}\n`;
}
