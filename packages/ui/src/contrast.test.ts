import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * Every text colour the tokens define must stay readable on every background they define, in both
 * themes: WCAG AA asks 4.5:1 for body text. A token edit that breaks this fails here, not in a
 * reader's eyes.
 */
const css = readFileSync(new URL('./tokens.css', import.meta.url), 'utf8');

function block(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  const body = css.slice(start, css.indexOf('}', start));
  return Object.fromEntries(
    [...body.matchAll(/--wn-([\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1] ?? '', m[2] ?? '']),
  );
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

describe.each([
  ['light', block(':root')],
  ['dark', block(':root[data-theme="dark"]')],
])('the %s theme', (_name, tokens) => {
  it.each(['fg', 'muted', 'accent', 'accent-strong'])(
    '--wn-%s is readable on every background',
    (text) => {
      for (const background of ['bg', 'surface', 'code-bg']) {
        const ratio = contrast(tokens[text] ?? '', tokens[background] ?? '');
        expect(ratio, `${text} on ${background}: ${ratio.toFixed(2)}:1`).toBeGreaterThanOrEqual(
          4.5,
        );
      }
    },
  );
});

it('the system-preference dark block matches the explicit dark theme', () => {
  const media = css.slice(css.indexOf('@media (prefers-color-scheme: dark)'));
  const fromMedia = Object.fromEntries(
    [...media.matchAll(/--wn-([\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1], m[2]]),
  );
  expect(fromMedia).toEqual(block(':root[data-theme="dark"]'));
});
