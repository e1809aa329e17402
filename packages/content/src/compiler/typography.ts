/**
 * Typographic punctuation for prose, set at build time: straight quotes become curly ones and
 * three dots an ellipsis. Only text is touched: tags, attribute values and everything inside
 * code, preformatted blocks and diagrams keep their characters, so samples still copy as written.
 */

// Elements whose text is code or drawing, never prose.
const verbatim = new Set(['code', 'pre', 'kbd', 'samp', 'script', 'style', 'svg']);
// After these, a quote opens: the start of text, a space, an opening bracket or a dash.
const opensAfter = /[\s([{\u2014\u2013/-]/;

/**
 * Sets the quotes and ellipses of one run of text. `before` is the character before it. Text
 * between the characters it changes is copied in slices: most runs have none at all.
 */
function setQuotes(text: string, before: string): string {
  if (!text.includes('"') && !text.includes("'") && !text.includes('...')) return text;
  let out = '';
  // Everything before `copied` is in `out`; `previous` is the last character written there.
  let copied = 0;
  let previous = before;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 0x22 && code !== 0x27 && code !== 0x2e) continue;
    // The character before this one as written out: copied as is, or what replaced it.
    const last = i > copied ? (text[i - 1] as string) : previous;
    const next = text[i + 1];
    let set: string;
    if (code === 0x22) {
      // At the end of a text run the next character is behind a tag, so it is not a space.
      const opening = (last === '' || opensAfter.test(last)) && !/\s/.test(next ?? 'x');
      set = opening ? '\u201c' : '\u201d';
    } else if (code === 0x27) {
      // Between letters it is an apostrophe (don't); after a space and before a letter it opens.
      const opening = (last === '' || opensAfter.test(last)) && /[\p{L}\p{N}]/u.test(next ?? 'x');
      set = opening ? '\u2018' : '\u2019';
    } else if (text.startsWith('...', i) && text[i + 3] !== '.' && text[i - 1] !== '.') {
      set = '\u2026';
    } else {
      continue;
    }
    out += text.slice(copied, i) + set;
    previous = set;
    copied = code === 0x2e ? i + 3 : i + 1;
    i = copied - 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
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
