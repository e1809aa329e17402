import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { posts } from '@working-notes/content';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, type Site } from './browser.js';

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);
const pages = [
  '/',
  posts[0]?.path ?? '/',
  '/tags/',
  `/tags/${posts[0]?.tags[0]}/`,
  '/archive/',
  '/about/',
  '/embed/',
  '/series/building-guara-cloud/',
  '/no-such-page/',
];

let site: Site;
const contexts: Record<string, BrowserContext> = {};
beforeAll(async () => {
  site = await openSite();
  for (const scheme of ['light', 'dark'] as const)
    contexts[scheme] = await site.browser.newContext({ colorScheme: scheme });
});
afterAll(async () => {
  for (const context of Object.values(contexts)) await context.close();
  await site?.close();
});

describe.each(['light', 'dark'] as const)('axe-core in the %s theme', (scheme) => {
  it.each(pages)('%s has no violations', async (path) => {
    const page = await contexts[scheme]?.newPage();
    if (!page) throw new Error('no browser context');
    await page.goto(`${site.url}${path}`);
    // Injected through the DevTools protocol, so the page's CSP does not apply to axe itself.
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: {
            run(
              options: object,
            ): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
          };
        }
      ).axe;
      const result = await axe.run({ resultTypes: ['violations'] });
      return result.violations.map(
        (violation) =>
          `${violation.id}: ${violation.nodes
            .map((node) => node.target.join(' '))
            .slice(0, 3)
            .join(', ')}`,
      );
    });
    expect(violations).toEqual([]);
    await page.close();
  });
});
