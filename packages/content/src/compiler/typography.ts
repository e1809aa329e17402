/**
 * Typographic punctuation for prose, set at build time: straight quotes become curly ones and
 * three dots an ellipsis. Only text is touched: tags, attribute values and everything inside
 * code, preformatted blocks and diagrams keep their characters, so samples still copy as written.
 */

// Elements whose text is code or drawing, never prose.
const verbatim = new Set(['code', 'pre', 'kbd', 'samp', 'script', 'style', 'svg']);
// After these, a quote opens: the start of text, a space, an opening bracket or a dash.
const opensAfter = /[\s([{\u2014\u2013/-]/;

function setQuotes(text: string, before: string): string {
  let out = '';
  let previous = before;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    const next = text[i + 1];
    if (char === '"') {
      // At the end of a text run the next character is behind a tag, so it is not a space.
      const opening = (previous === '' || opensAfter.test(previous)) && !/\s/.test(next ?? 'x');
      out += opening ? '\u201c' : '\u201d';
    } else if (char === "'") {
      // Between letters it is an apostrophe (don't); after a space and before a letter it opens.
      const opening =
        (previous === '' || opensAfter.test(previous)) && /[\p{L}\p{N}]/u.test(next ?? 'x');
      out += opening ? '\u2018' : '\u2019';
    } else if (
      char === '.' &&
      text.startsWith('...', i) &&
      text[i + 3] !== '.' &&
      text[i - 1] !== '.'
    ) {
      out += '\u2026';
      i += 2;
    } else {
      out += char;
    }
    previous = out[out.length - 1] ?? previous;
  }
  return out;
}

/** `html` with typographic quotes and ellipses in its text (see the module comment). */
export function typeset(html: string): string {
  let depth = 0;
  // The last character of text seen so far, code included, so a quote after `code` closes.
  let before = '';
  return html.replace(
    /(<[^>]*>)|([^<]+)/g,
    (whole, tag: string | undefined, text: string | undefined) => {
      if (tag !== undefined) {
        const name = /^<\/?([a-z0-9]+)/i.exec(tag)?.[1]?.toLowerCase();
        if (name && verbatim.has(name) && !tag.endsWith('/>'))
          depth += tag.startsWith('</') ? -1 : 1;
        // A block starts its text afresh; so does the text after a diagram or a code block.
        if (
          name &&
          /^(p|li|h[1-6]|td|th|blockquote|figcaption|dd|dt|div|pre|svg|figure)$/.test(name)
        )
          before = '';
        return whole;
      }
      const raw = text ?? '';
      if (depth > 0) {
        before = raw.at(-1) ?? before;
        return raw;
      }
      // The renderers escape double quotes in text as &quot; and may write &#39; for apostrophes.
      const plain = raw.replace(/&quot;/g, '"').replace(/&#39;|&#x27;/g, "'");
      const set = setQuotes(plain, before);
      before = set.at(-1) ?? before;
      return set;
    },
  );
}

/** Frontmatter prose (titles, descriptions) is plain text: the same rules, with no markup. */
export function typesetText(text: string): string {
  return setQuotes(text, '');
}
