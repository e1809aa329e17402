import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { outDir } from '../scripts/paths.js';

const htmlFiles = readdirSync(outDir, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.html'))
  .map((file) => join(outDir, file));

describe('the built HTML', () => {
  const validator = new HtmlValidate({
    extends: ['html-validate:recommended'],
    rules: {
      // React writes <br/>, charSet, dateTime and <!doctype html>: all valid HTML, only styles.
      'void-style': 'off',
      'attr-case': 'off',
      'doctype-style': 'off',
      // Essay headings carry a permalink anchor after the text; long titles wrap on purpose.
      'long-title': 'off',
      // The essay body is the content package's HTML with its own inline SVG attribute style.
      'attribute-boolean-style': 'off',
      'no-inline-style': 'error',
      // Heading ids follow GitHub's rule, so "## 1. Do less" becomes id="1-do-less": valid HTML5,
      // and links reach it; only the stricter CSS-identifier style forbids a leading digit.
      'valid-id': ['error', { relaxed: true }],
      // Text comes from escapers (React's, and the content compiler's, which escapes & and < the
      // way hast-util-to-html does). A bare ">" in text, as in `balance >= $2`, is valid HTML,
      // and this rule has no setting that allows it.
      'no-raw-characters': 'off',
    },
  });

  it.each(htmlFiles.map((file) => [relative(outDir, file), file]))(
    '%s is valid HTML',
    async (_name, file) => {
      const report = await validator.validateString(readFileSync(file, 'utf8'), file);
      const messages = report.results.flatMap((result) =>
        result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`),
      );
      expect(messages).toEqual([]);
    },
  );

  it('has no broken internal links or #anchors', () => {
    const ids = new Map<string, Set<string>>();
    const pageFor = (path: string) => {
      const clean = path.split('#')[0]?.split('?')[0] ?? '/';
      const candidates = clean.endsWith('/')
        ? [join(outDir, clean, 'index.html')]
        : [join(outDir, clean), join(outDir, clean, 'index.html')];
      return candidates.find((candidate) => {
        try {
          return readFileSync(candidate) !== undefined;
        } catch {
          return false;
        }
      });
    };
    const idsOf = (file: string) => {
      let set = ids.get(file);
      if (!set) {
        set = new Set(
          [...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] ?? ''),
        );
        ids.set(file, set);
      }
      return set;
    };
    const broken: string[] = [];
    for (const file of htmlFiles) {
      const html = readFileSync(file, 'utf8');
      const here = `/${relative(outDir, file).replace(/index\.html$/, '')}`;
      for (const match of html.matchAll(/\s(?:href|src)="([^"]+)"/g)) {
        const link = (match[1] ?? '').replace(/&amp;/g, '&');
        if (/^(?:[a-z]+:|\/\/)/i.test(link)) continue;
        const absolute = link.startsWith('#')
          ? `${here}${link}`
          : new URL(link, `http://x${here}`).pathname +
            (link.includes('#') ? `#${link.split('#')[1]}` : '');
        const target = pageFor(absolute);
        if (!target) {
          broken.push(`${here} -> ${link}`);
          continue;
        }
        const anchor = absolute.split('#')[1];
        if (anchor && target.endsWith('.html') && !idsOf(target).has(decodeURIComponent(anchor)))
          broken.push(`${here} -> ${link} (no such anchor)`);
      }
    }
    expect(broken).toEqual([]);
  });
});
