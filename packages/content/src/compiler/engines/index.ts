import type { EngineName, MarkdownEngine } from './types.js';

export type { BodyInput, EngineName, MarkdownEngine, RenderedBody } from './types.js';

/**
 * The Markdown engines, behind one interface: markdown-it renders the site, unified is the
 * reference the golden tests hold it to. Each loads on first use: unified's module graph alone
 * takes a quarter second to import.
 */
export async function loadEngine(name: EngineName): Promise<MarkdownEngine> {
  if (name === 'unified') return (await import('./unified.js')).unifiedEngine;
  return (await import('./markdown-it.js')).markdownItEngine;
}
