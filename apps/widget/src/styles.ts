/**
 * The element's only styles, adopted into its shadow root as a constructable stylesheet: nothing
 * is injected into the host page, and a host CSP without style-src does not block them. Box
 * metrics are left to the browser's defaults for h2-h6, ol and li, the same defaults the fallback
 * links get, so replacing the fallback with the list moves nothing on a page that does not restyle
 * lists. Theming goes through the custom properties and parts documented in the README.
 */
const css = `
:host { display: block; font: inherit; color: inherit; }
:host([hidden]) { display: none; }
.list { padding-inline-start: var(--latest-essays-indent, 40px); }
.link { color: var(--latest-essays-link, LinkText); }
.date { color: var(--latest-essays-muted, inherit); opacity: var(--latest-essays-muted-opacity, 0.75); font-size: 0.9em; }
:host([theme="light"]) { color-scheme: light; color: #1f2328; background: var(--latest-essays-background, #fdfcfa); }
:host([theme="light"]) .link { color: var(--latest-essays-link, #1d5fbf); }
:host([theme="dark"]) { color-scheme: dark; color: #e6e6e3; background: var(--latest-essays-background, #111315); }
:host([theme="dark"]) .link { color: var(--latest-essays-link, #7fb0ff); }
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
