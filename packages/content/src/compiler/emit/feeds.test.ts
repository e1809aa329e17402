import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileFixture } from '../../../test/helpers.js';
import { site } from '../../site.js';

// Each feed is read back with feedsmith, a parser that shares no code with the writer.
let out: string;
beforeAll(async () => {
  out = await compileFixture('good');
});
const read = (name: string) => readFileSync(join(out, 'feeds', name), 'utf8');
const firstUrl = `${site.url}/essays/first-essay/`;

describe('feeds', () => {
  it('RSS 2.0 carries every published essay with absolute links and full content', () => {
    const feed = parseRssFeed(read('rss.xml'));
    expect(feed.title).toBe(site.title);
    expect(feed.items?.map((item) => item.link)).toEqual([
      firstUrl,
      `${site.url}/essays/second-essay/`,
    ]);
    const content = feed.items?.[0]?.content?.encoded ?? '';
    expect(content).toContain('zeppelin');
    expect(content).toContain(`href="${site.url}/essays/second-essay/#retry-budgets"`);
    expect(content).toContain(
      `<img src="${site.url}/essays/first-essay/flow.svg" alt="A box labelled queue`,
    );
    expect(content).not.toContain('<svg');
    expect(feed.items?.[0]?.pubDate).toBe('Sat, 02 Mar 2024 12:00:00 GMT');
  });

  it('Atom has ids, dates and HTML content', () => {
    const feed = parseAtomFeed(read('atom.xml'));
    expect(feed.entries?.map((entry) => entry.id)).toEqual([
      firstUrl,
      `${site.url}/essays/second-essay/`,
    ]);
    expect(feed.entries?.[0]?.updated).toBe('2024-04-10T12:00:00Z');
    expect(feed.entries?.[0]?.content?.value).toContain(`href="${firstUrl}#why-queues"`);
  });

  it('JSON Feed 1.1 is valid and never includes drafts', () => {
    const raw = JSON.parse(read('feed.json'));
    expect(raw.version).toBe('https://jsonfeed.org/version/1.1');
    const feed = parseJsonFeed(raw);
    expect(feed.items?.map((item) => item.id)).toEqual([
      firstUrl,
      `${site.url}/essays/second-essay/`,
    ]);
    expect(feed.items?.[0]?.content_html).toContain('zeppelin');
    expect(JSON.stringify(feed)).not.toContain('quokka');
  });
});
