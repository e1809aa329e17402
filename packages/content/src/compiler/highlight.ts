import { createCssVariablesTheme, createHighlighterCore, type HighlighterCore } from 'shiki/core';
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

/**
 * One tokenisation pass with a theme whose colours are CSS variables: each token gets a class
 * naming its kind (`hl-keyword`, `hl-string`), and the stylesheet below colours the kinds for the
 * light and the dark theme. Highlighting with two real themes would tokenise every block twice,
 * and the classes keep the HTML free of style attributes, which a strict CSP would block.
 */
const kindTheme = createCssVariablesTheme({
  name: 'working-notes',
  variablePrefix: '--hl-',
  fontStyle: true,
});

/** Colours per token kind: GitHub's default light and dark palettes, AA contrast on code blocks. */
const palette: Record<string, [light: string, dark: string]> = {
  keyword: ['#cf222e', '#ff7b72'],
  string: ['#0a3069', '#a5d6ff'],
  'string-expression': ['#0a3069', '#a5d6ff'],
  comment: ['#59636e', '#9198a1'],
  function: ['#8250df', '#d2a8ff'],
  constant: ['#0550ae', '#79c0ff'],
  parameter: ['#953800', '#ffa657'],
  punctuation: ['#1f2328', '#e6edf3'],
  link: ['#0a3069', '#a5d6ff'],
};
const plain: [light: string, dark: string] = ['#1f2328', '#e6edf3'];

export interface Highlighter {
  /** The HTML of a highlighted block, or undefined when the language is not supported. */
  highlight(code: string, language: string): string | undefined;
}

let shared: Promise<HighlighterCore> | undefined;

function loadShiki(): Promise<HighlighterCore> {
  shared ??= createHighlighterCore({
    themes: [kindTheme],
    langs: Object.values(languageLoaders).map((load) => load()),
    // Oniguruma (WebAssembly) compiles the large TypeScript grammar in about half the time the
    // JavaScript regex engine needs, and highlights each block a little faster after that.
    engine: createOnigurumaEngine(import('shiki/wasm')),
  });
  return shared;
}

export async function createHighlighter(): Promise<Highlighter> {
  const shiki = await loadShiki();
  return {
    highlight(code, language) {
      const name = aliases[language.toLowerCase()];
      if (name === undefined) return undefined;
      const attrs = `class="code" data-lang="${name}" tabindex="0"`;
      if (name === 'text') return `<pre ${attrs}><code>${escapeHtml(code)}</code></pre>`;
      const { tokens } = shiki.codeToTokens(code, {
        lang: name,
        theme: kindTheme.name ?? '',
        // Shiki gives up on a line after 500 ms by default and emits the rest unhighlighted. The
        // first line a grammar sees also pays for compiling its patterns, which on a busy machine
        // can pass that limit: the output would then depend on the machine's load.
        tokenizeTimeLimit: 0,
      });
      const lines = tokens.map((line) =>
        line
          .map((token) => {
            const content = escapeHtml(token.content);
            const kind = /--hl-token-([\w-]+)/.exec(token.color ?? '')?.[1];
            const classes = [
              kind && kind in palette ? `hl-${kind}` : '',
              token.fontStyle === 1 ? 'hl-italic' : '',
            ].filter(Boolean);
            return classes.length === 0
              ? content
              : `<span class="${classes.join(' ')}">${content}</span>`;
          })
          .join(''),
      );
      return `<pre ${attrs}><code>${lines.join('\n')}</code></pre>`;
    },
  };
}

/** The stylesheet for highlighted code: one rule per token kind and theme. */
export function highlightCss(): string {
  const rules = (index: 0 | 1, scope: string) =>
    [
      `${scope}pre.code{color:${plain[index]}}`,
      ...Object.entries(palette).map(
        ([kind, colours]) => `${scope}.hl-${kind}{color:${colours[index]}}`,
      ),
    ].join('\n');
  return [
    '/* Generated by @working-notes/content: syntax colours for the code in the essays. */',
    rules(0, ''),
    '.hl-italic{font-style:italic}',
    rules(1, ':root[data-theme="dark"] '),
    '@media (prefers-color-scheme: dark){',
    rules(1, ':root:not([data-theme="light"]) '),
    '}',
    '',
  ].join('\n');
}
