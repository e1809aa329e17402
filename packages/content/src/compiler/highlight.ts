import { createHighlighterCore, type HighlighterCore } from 'shiki/core';
import { createOnigurumaEngine } from 'shiki/engine/oniguruma';
import { escapeHtml } from './html.js';

/**
 * The languages essays may use, by the name written after the fence. An explicit list keeps the
 * highlighter small and turns a typo such as ```tsx2 into a build error instead of plain text.
 */
const languageLoaders = {
  ts: () => import('shiki/langs/typescript.mjs'),
  tsx: () => import('shiki/langs/tsx.mjs'),
  js: () => import('shiki/langs/javascript.mjs'),
  json: () => import('shiki/langs/json.mjs'),
  sql: () => import('shiki/langs/sql.mjs'),
  yaml: () => import('shiki/langs/yaml.mjs'),
  bash: () => import('shiki/langs/bash.mjs'),
  python: () => import('shiki/langs/python.mjs'),
  go: () => import('shiki/langs/go.mjs'),
  diff: () => import('shiki/langs/diff.mjs'),
  dockerfile: () => import('shiki/langs/docker.mjs'),
  html: () => import('shiki/langs/html.mjs'),
  css: () => import('shiki/langs/css.mjs'),
  toml: () => import('shiki/langs/toml.mjs'),
  ini: () => import('shiki/langs/ini.mjs'),
} as const;

type HighlightedLanguage = keyof typeof languageLoaders;

/** Names accepted after the fence, mapped to the grammar that highlights them. */
const aliases: Record<string, HighlightedLanguage | 'text'> = {
  ts: 'ts',
  typescript: 'ts',
  tsx: 'tsx',
  js: 'js',
  javascript: 'js',
  mjs: 'js',
  json: 'json',
  sql: 'sql',
  yaml: 'yaml',
  yml: 'yaml',
  bash: 'bash',
  sh: 'bash',
  shell: 'bash',
  python: 'python',
  py: 'python',
  go: 'go',
  diff: 'diff',
  dockerfile: 'dockerfile',
  html: 'html',
  css: 'css',
  toml: 'toml',
  ini: 'ini',
  text: 'text',
  txt: 'text',
  plaintext: 'text',
};

export const supportedLanguages = Object.keys(aliases);

const themes = { light: 'github-light-default', dark: 'github-dark-default' } as const;
/** The themes' default foreground, written into the stylesheet for unclassed text. */
const plainColors = { light: '#1f2328', dark: '#e6edf3' } as const;

export interface Highlighter {
  /** The HTML of a highlighted block, or undefined when the language is not supported. */
  highlight(code: string, language: string): string | undefined;
}

let shared: Promise<HighlighterCore> | undefined;

function loadShiki(): Promise<HighlighterCore> {
  shared ??= createHighlighterCore({
    themes: [
      import('shiki/themes/github-light-default.mjs'),
      import('shiki/themes/github-dark-default.mjs'),
    ],
    langs: Object.values(languageLoaders).map((load) => load()),
    // Oniguruma (WebAssembly) compiles the large TypeScript grammar in about half the time the
    // JavaScript regex engine needs, and highlights each block a little faster after that.
    engine: createOnigurumaEngine(import('shiki/wasm')),
  });
  return shared;
}

/**
 * Colours live in classes, not in style attributes: a strict Content Security Policy blocks
 * inline styles, and a class can switch theme by CSS. Each class holds the light and dark colour
 * of one kind of token; `tokenClassCss` turns the classes a build used into a stylesheet.
 */
export function tokenClass(light: string, dark: string, fontStyle: string): string {
  return `hl-${fnv1a(`${light}|${dark}|${fontStyle}`)}`;
}

export async function createHighlighter(usedClasses: Map<string, string>): Promise<Highlighter> {
  const shiki = await loadShiki();
  // Text in the theme's own foreground needs no class: the stylesheet colours <pre> itself.
  const plainLight = shiki.getTheme(themes.light).fg.toLowerCase();
  const plainDark = shiki.getTheme(themes.dark).fg.toLowerCase();
  if (plainLight !== plainColors.light || plainDark !== plainColors.dark) {
    throw new Error(
      `Update plainColors in highlight.ts to the themes' foregrounds: ${plainLight}, ${plainDark}`,
    );
  }
  return {
    highlight(code, language) {
      const name = aliases[language.toLowerCase()];
      if (name === undefined) return undefined;
      const attrs = `class="code" data-lang="${name}" tabindex="0"`;
      if (name === 'text') return `<pre ${attrs}><code>${escapeHtml(code)}</code></pre>`;
      const { tokens } = shiki.codeToTokens(code, { lang: name, themes });
      const lines = tokens.map((line) =>
        line
          .map((token) => {
            const style = token.htmlStyle ?? {};
            const light = style.color ?? '';
            const dark = style['--shiki-dark'] ?? '';
            const fontStyle = style['font-style'] ?? style['--shiki-dark-font-style'] ?? '';
            const content = escapeHtml(token.content);
            const plain = light.toLowerCase() === plainLight && dark.toLowerCase() === plainDark;
            if ((plain || (!light && !dark)) && !fontStyle) return content;
            const cls = tokenClass(light, dark, fontStyle);
            usedClasses.set(cls, tokenCss(light, dark, fontStyle));
            return `<span class="${cls}">${content}</span>`;
          })
          .join(''),
      );
      return `<pre ${attrs}><code>${lines.join('\n')}</code></pre>`;
    },
  };
}

function tokenCss(light: string, dark: string, fontStyle: string): string {
  const parts = [];
  if (light) parts.push(`--hl-light:${light}`);
  if (dark) parts.push(`--hl-dark:${dark}`);
  if (fontStyle) parts.push(`font-style:${fontStyle}`);
  return parts.join(';');
}

/**
 * The stylesheet for every token class a build used. Which theme shows is up to the page: the
 * base rule reads `--hl-light` and `[data-theme="dark"]` or the system preference swaps it.
 */
export function tokenClassCss(classes: ReadonlyMap<string, string>): string {
  const rules = [...classes]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([cls, css]) => `.${cls}{${css}}`);
  return [
    '/* Generated by @working-notes/content: syntax colours for the code in the essays. */',
    `pre.code{color:${plainColors.light}}`,
    'pre.code span[class^="hl-"]{color:var(--hl-light)}',
    `:root[data-theme="dark"] pre.code{color:${plainColors.dark}}`,
    ':root[data-theme="dark"] pre.code span[class^="hl-"]{color:var(--hl-dark)}',
    `@media (prefers-color-scheme: dark){:root:not([data-theme="light"]) pre.code{color:${plainColors.dark}}:root:not([data-theme="light"]) pre.code span[class^="hl-"]{color:var(--hl-dark)}}`,
    ...rules,
    '',
  ].join('\n');
}

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}
