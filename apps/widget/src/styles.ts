/**
 * The element's only styles, adopted into its shadow root as a constructable stylesheet: nothing
 * is injected into the host page, and a host CSP without style-src does not block them. Layout is
 * left to the browser's defaults for h2-h6, ol and li (the defaults the fallback links get) and,
 * where there is a fallback, copied from it (view.ts). The `light` and `dark` themes take their
 * colours from @working-notes/ui's tokens, read from tokens.css when the bundle is built.
 */
declare const __TOKENS__: Record<
  'light' | 'dark',
  Record<'fg' | 'bg' | 'accent' | 'muted', string>
>;

const theme = (name: 'light' | 'dark') => {
  const { fg, bg, accent, muted } = __TOKENS__[name];
  return `:host([theme="${name}"]) { color-scheme: ${name}; color: ${fg}; background: var(--latest-essays-background, ${bg}); }
:host([theme="${name}"]) .link { color: var(--latest-essays-link, ${accent}); }
:host([theme="${name}"]) .date { color: var(--latest-essays-muted, ${muted}); opacity: 1; }`;
};

const css = `
:host { display: block; }
:host([hidden]) { display: none; }
.container { display: contents; }
.list { padding-inline-start: var(--latest-essays-indent, 40px); }
.link { color: var(--latest-essays-link, LinkText); }
.date { color: var(--latest-essays-muted, inherit); opacity: var(--latest-essays-muted-opacity, 0.75); font-size: 0.9em; }
${theme('light')}
${theme('dark')}
`;

let sheet: CSSStyleSheet | undefined;

/** One sheet for every instance on the page. */
export function stylesheet(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
  }
  return sheet;
}
