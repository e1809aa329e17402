import { describe, expect, it } from 'vitest';
import { parseFeed } from './data.js';

const origin = 'https://workingnotes.dev';

describe('parsing the feed', () => {
  it('keeps well-formed items from the blog origin', () => {
    const feed = {
      items: [
        {
          title: ' A title ',
          url: `${origin}/essays/a/`,
          date_published: '2026-11-18',
          tags: ['ai', 3],
        },
      ],
    };
    expect(parseFeed(feed, origin)).toEqual([
      { title: 'A title', url: `${origin}/essays/a/`, date: '2026-11-18', tags: ['ai'] },
    ]);
  });

  it('drops items that link elsewhere, lack a title or a date, or are not objects', () => {
    const feed = {
      items: [
        { title: 'Kept', url: `${origin}/essays/kept/`, date_published: '2026-01-02' },
        { title: 'Elsewhere', url: 'https://evil.example/a', date_published: '2026-01-01' },
        { title: '', url: `${origin}/a/`, date_published: '2026-01-01' },
        { title: 'No date', url: `${origin}/b/` },
        { title: 'Script URL', url: 'javascript:alert(1)', date_published: '2026-01-01' },
        null,
        'text',
      ],
    };
    expect(parseFeed(feed, origin).map((essay) => essay.title)).toEqual(['Kept']);
  });

  it('compares parsed origins, so a look-alike host is another site', () => {
    const item = (url: string) => ({ title: 'T', url, date_published: '2026-01-01' });
    const feed = {
      items: [
        item('https://workingnotes.dev.example.com/essays/a/'),
        item('https://workingnotes.dev:8443/essays/b/'),
        item('http://workingnotes.dev/essays/c/'),
      ],
    };
    expect(() => parseFeed(feed, origin)).toThrow(
      "none of the data's 3 items links to https://workingnotes.dev",
    );
  });

  it('returns an empty list, without blame, for a feed with no items', () => {
    expect(parseFeed({ items: [] }, origin)).toEqual([]);
  });

  it('refuses a document that is not a feed', () => {
    expect(() => parseFeed({ entries: [] }, origin)).toThrow('not a feed');
    expect(() => parseFeed(null, origin)).toThrow('not a feed');
  });
});
