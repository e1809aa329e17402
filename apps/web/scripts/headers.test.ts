import { describe, expect, it } from 'vitest';
import {
  checkHeaders,
  headerRules,
  headersFile,
  headersFor,
  parseHeaders,
  securityHeaders,
} from './headers.js';
import { type OutputContext, outputFiles, outputs } from './outputs.js';

const options = { scriptHashes: ["'sha256-abc'"] };
const text = headersFile(headerRules(outputs, options));
const rules = parseHeaders(text);
const context: OutputContext = {
  assets: { css: ['/assets/site-x.css'], script: '/assets/enhance-x.js' },
  viteFiles: ['assets/enhance-x.js', 'assets/site-x.css'],
};
const files = outputFiles(context);

describe('_headers, derived from the table of outputs', () => {
  it('gives every file of every output its type and cache policy, each header from one rule', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(
      checkHeaders(
        text,
        files.map(({ file, output }) => ({ path: file.path, output })),
      ),
    ).toEqual([]);
  });

  it('applies the security headers to every path, known or not', () => {
    for (const path of ['/', '/essays/x/', '/no/such/path', '/assets/a.js']) {
      const headers = headersFor(rules, path);
      expect(headers.get('content-security-policy'), path).toContain(
        "script-src 'self' 'sha256-abc'",
      );
      expect(headers.get('content-security-policy'), path).toContain(
        "require-trusted-types-for 'script'",
      );
      expect(headers.get('strict-transport-security'), path).toMatch(/^max-age=\d{8}/);
      expect(headers.get('cross-origin-opener-policy'), path).toBe('same-origin');
      expect(headers.get('permissions-policy'), path).not.toContain('interest-cohort');
    }
  });

  it('spells each public path once: the feeds come from one list', () => {
    expect(text.match(/^\/rss\.xml$/gm)).toHaveLength(1);
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
    expect(headersFor(rules, '/essays/a/b/index.md').get('cache-control')).toBeUndefined();
  });

  it('lets a pattern inside another inherit its headers instead of repeating them', () => {
    const markdown = headersFor(rules, '/essays/x/index.md');
    expect(markdown.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(markdown.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    expect(headersFor(rules, '/essays/x/pipeline.svg').get('content-type')).toBeUndefined();
    const inner = outputs.find((output) => output.pattern === '/essays/:slug/index.md');
    const outer = outputs.find((output) => output.pattern === '/essays/:slug/:file');
    if (!inner || !outer) throw new Error('the essay file outputs are missing');
    expect(() => headerRules([outer, { ...inner, cache: 'no-store' }], options)).toThrow(
      'wants Cache-Control: no-store, but /essays/:slug/:file gives it public, max-age=0, must-revalidate',
    );
  });

  it('refuses two outputs on one pattern, and reports a header two rules set', () => {
    const first = outputs[0];
    if (!first) throw new Error('empty table');
    expect(() => headerRules([first, { ...first, name: 'Copy' }], options)).toThrow(
      /share the pattern \//,
    );
    const doubled = `${text}/essays/*\n  Cache-Control: no-store\n`;
    expect(
      checkHeaders(doubled, [{ path: '/essays/x/', output: files[5]?.output ?? first }]).join(),
    ).toContain('cache-control set by more than one of');
  });

  it('keeps Cloudflare Pages limits: at most 100 rules, one splat each', () => {
    expect(rules.length).toBeLessThanOrEqual(100);
    for (const rule of rules) expect(rule.source.split('*').length - 1).toBeLessThanOrEqual(1);
    expect(Object.keys(securityHeaders(options))).not.toContain('Cache-Control');
  });
});
