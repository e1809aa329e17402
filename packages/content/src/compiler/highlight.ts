import { createCssVariablesTheme, createHighlighterCore, type HighlighterCore } from 'shiki/core';
import { createOnigurumaEngine } from 'shiki/engine/oniguruma';
import { escapeHtml } from './html.js';
import { codeBlockHtml, tokenKinds } from './markup.js';

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
 * naming its kind (`hl-keyword`, `hl-string`), and the stylesheet in markup.ts colours the kinds for the
 * light and the dark theme. Highlighting with two real themes would tokenise every block twice,
 * and the classes keep the HTML free of style attributes, which a strict CSP would block.
 */
const kindTheme = createCssVariablesTheme({
  name: 'working-notes',
  variablePrefix: '--hl-',
  fontStyle: true,
});

export interface Highlighter {
  /** The HTML of a highlighted block, or undefined when the language is not supported. */
  highlight(code: string, language: string): string | undefined;
}

/** What names one highlighted block: the language word as written and the code. */
export function blockKey(code: string, language: string): string {
  return `${language}\n${code}`;
}

/** A highlighter that also keeps what it answered, by `blockKey`. */
export function recording(highlighter: Highlighter): Highlighter & {
  answers: Map<string, string | undefined>;
} {
  const answers = new Map<string, string | undefined>();
  return {
    answers,
    highlight(code, language) {
      const html = highlighter.highlight(code, language);
      answers.set(blockKey(code, language), html);
      return html;
    },
  };
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

/**
 * The answer for a block that needs no grammar: `{ html }` for plain text (undefined `html` for a
 * language not on the list), or undefined when only Shiki can answer. A thread that has not loaded
 * Shiki answers these itself.
 */
export function answerWithoutGrammar(
  code: string,
  language: string,
): { html: string | undefined } | undefined {
  const name = aliases[language.toLowerCase()];
  if (name === undefined) return { html: undefined };
  if (name === 'text') return { html: codeBlockHtml(name, escapeHtml(code)) };
  return undefined;
}

export async function createHighlighter(): Promise<Highlighter> {
  const shiki = await loadShiki();
  return {
    highlight(code, language) {
      const plain = answerWithoutGrammar(code, language);
      if (plain) return plain.html;
      const name = aliases[language.toLowerCase()] as HighlightedLanguage;
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
              kind && kind in tokenKinds ? `hl-${kind}` : '',
              token.fontStyle === 1 ? 'hl-italic' : '',
            ].filter(Boolean);
            return classes.length === 0
              ? content
              : `<span class="${classes.join(' ')}">${content}</span>`;
          })
          .join(''),
      );
      return codeBlockHtml(name, lines.join('\n'));
    },
  };
}
