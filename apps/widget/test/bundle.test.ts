import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = join(dirname(dirname(fileURLToPath(import.meta.url))), 'dist');

/**
 * Every way a string can become DOM (or code) is a Trusted Types sink a host may block. The built
 * scripts name none of them, so no code path can reach one, whatever the data says.
 */
const sinks = [
  'innerHTML',
  'outerHTML',
  'insertAdjacentHTML',
  'createContextualFragment',
  'DOMParser',
  'parseFromString',
  'setHTMLUnsafe',
  'parseHTMLUnsafe',
  'document.write',
  'srcdoc',
  'eval(',
  'Function(',
  'createPolicy',
];

describe('the built scripts', () => {
  it.each(['latest-essays.iife.js', 'latest-essays.js'])('%s has no string-to-DOM path', (file) => {
    const code = readFileSync(join(dist, file), 'utf8');
    expect(code.length).toBeGreaterThan(1000);
    expect(sinks.filter((sink) => code.includes(sink))).toEqual([]);
  });

  it('ship minified, with no module path comments', () => {
    for (const file of ['latest-essays.iife.js', 'latest-essays.js']) {
      const code = readFileSync(join(dist, file), 'utf8');
      expect(code).not.toContain('node_modules');
      // No indented lines: whitespace was minified away (the stylesheet's own lines start flush).
      expect(code).not.toMatch(/\n[\t ]/);
    }
  });

  it('carry no option descriptions, which exist only for the generated docs', () => {
    const code = readFileSync(join(dist, 'latest-essays.iife.js'), 'utf8');
    expect(code).not.toContain('How many essays to show');
  });
});
