import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFixture, importModule } from '../../test/helpers.js';
import { rebaseHtml } from './rebase.js';
import type { Post } from './types.js';

/** Every URL-carrying attribute of the HTML's tags, as written. */
function urls(html: string): string[] {
  return [...html.matchAll(/<[^>]*?\s(?:href|src|data-src)="([^"]*)"/g)].map(
    (match) => match[1] ?? '',
  );
}

describe('rebaseHtml', () => {
  it('makes every root-relative link and image of a compiled essay absolute, and nothing else', async () => {
    const out = await compileFixture('good');
    const load = async (slug: string) =>
      (await importModule<{ default: Post }>(join(out, 'posts', `${slug}.js`))).default;
    const first = await load('first-essay');
    const second = await load('second-essay');
    for (const post of [first, second]) {
      expect(urls(post.html).some((url) => url.startsWith('/essays/'))).toBe(true);
      const rebased = rebaseHtml(post.html, 'https://mirror.example/notes/');
      for (const url of urls(rebased)) expect(url).toMatch(/^(?:https:\/\/|#)/);
      // Only attribute values change: the text a reader sees is the same.
      const text = (html: string) => html.replace(/<[^>]*>/g, '');
      expect(text(rebased)).toBe(text(post.html));
    }
    expect(rebaseHtml(first.html, 'https://mirror.example/notes/')).toContain(
      'href="https://mirror.example/notes/essays/second-essay/#retry-budgets"',
    );
    expect(rebaseHtml(second.html, 'https://mirror.example')).toContain(
      'src="https://mirror.example/essays/second-essay/pixel.png"',
    );
    // By default, against the site the essays come from.
    expect(rebaseHtml(second.html)).toContain(
      'href="https://workingnotes.dev/essays/first-essay/"',
    );
  });

  it('leaves links inside code, fragments, protocol-relative and absolute URLs alone', () => {
    const html = [
      '<p><a href="#retries">up</a> <a href="//cdn.example/x.js">cdn</a> <a href="https://a.example/">a</a></p>',
      '<pre><code>&#x3C;a href="/essays/not-a-link/">x&#x3C;/a></code></pre>',
      '<img src="/essays/a/b.png" alt="a &#x22;quoted&#x22; > b">',
    ].join('');
    expect(rebaseHtml(html, new URL('http://127.0.0.1:8080'))).toBe(
      [
        '<p><a href="#retries">up</a> <a href="//cdn.example/x.js">cdn</a> <a href="https://a.example/">a</a></p>',
        '<pre><code>&#x3C;a href="/essays/not-a-link/">x&#x3C;/a></code></pre>',
        '<img src="http://127.0.0.1:8080/essays/a/b.png" alt="a &#x22;quoted&#x22; > b">',
      ].join(''),
    );
  });

  it('refuses a base that is not an absolute http(s) URL, naming what it found', () => {
    expect(() => rebaseHtml('<a href="/x">x</a>', '/relative')).toThrow(
      /needs an absolute http\(s\) URL as its base, such as "https:\/\/workingnotes.dev"; found "\/relative"/,
    );
    expect(() => rebaseHtml('<a href="/x">x</a>', 'file:///tmp/')).toThrow(
      /needs an http\(s\) URL as its base; found "file:\/\/\/tmp\/"/,
    );
  });
});
