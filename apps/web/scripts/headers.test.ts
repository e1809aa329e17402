import { describe, expect, it } from 'vitest';
import { headersFile, headersFor, parseHeaders } from './headers.js';

describe('_headers', () => {
  const rules = parseHeaders(headersFile(["'sha256-abc'"]));

  it('applies the CSP to every path and lets specific rules add their own headers', () => {
    expect(headersFor(rules, '/essays/x/').get('content-security-policy')).toContain(
      "script-src 'self' 'sha256-abc'",
    );
    expect(headersFor(rules, '/assets/a.js').get('cache-control')).toBe(
      'public, max-age=31536000, immutable',
    );
    expect(headersFor(rules, '/rss.xml').get('content-type')).toBe(
      'application/rss+xml; charset=utf-8',
    );
  });

  it('matches :placeholders to one path segment', () => {
    expect(headersFor(rules, '/widget/v1.2.3/latest-essays.js').get('cache-control')).toContain(
      'immutable',
    );
    expect(headersFor(rules, '/widget/latest-essays.js').get('cache-control')).toBe(
      'public, max-age=300',
    );
    expect(headersFor(rules, '/widget/latest.json').get('access-control-allow-origin')).toBe('*');
  });

  it('never sets one header from two rules that match the same path', () => {
    const paths = [
      '/',
      '/essays/a/',
      '/assets/x.js',
      '/og/a.png',
      '/rss.xml',
      '/widget/v1/latest-essays.js',
      '/widget/latest.json',
      '/tags/a/',
    ];
    for (const path of paths) {
      const names = rules
        .filter((rule) => rule.pattern.test(path))
        .flatMap((rule) => rule.headers.map(([name]) => name.toLowerCase()));
      expect(names.length, path).toBe(new Set(names).size);
    }
  });
});
