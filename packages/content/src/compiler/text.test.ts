import { describe, expect, it } from 'vitest';
import { anchorLinkHtml, codeBlockHtml, diagramHtml } from './markup.js';
import { htmlToText, plainTexts } from './text.js';

// Built with the markup contract's own builders, as the renderer builds them.
const essayHtml = [
  `<h2 id="why">Why <code>fsync</code> matters${anchorLinkHtml('why')}</h2>`,
  '<p>Writes reach the disk&nbsp;later &amp; in any order.</p>',
  codeBlockHtml(
    'ts',
    '<span class="hl-keyword">await</span> file.sync();\n<span class="hl-comment">// durable now</span>',
  ),
  `<figure>${diagramHtml('/essays/x/d.svg', 'A diagram', 'viewBox="0 0 10 10"', '<text>diagram label</text></svg>')}</figure>`,
  '<ul>\n<li>one</li>\n<li>two&lt;three</li>\n</ul>',
].join('\n');

describe('plainTexts', () => {
  it('gives the prose without code and the full text with it', () => {
    const { prose, full } = plainTexts(essayHtml);
    expect(prose).toBe(
      'Why fsync matters Writes reach the disk later & in any order. one two<three',
    );
    expect(full).toBe(
      'Why fsync matters Writes reach the disk later & in any order. await file.sync(); // durable now one two<three',
    );
  });

  it('matches htmlToText for both kinds of text', () => {
    const samples = [
      essayHtml,
      '<p>No code at all,\n\tonly   prose.</p>',
      codeBlockHtml('text', 'only code'),
      `<p>a</p>${codeBlockHtml('text', 'x &amp;&amp; y')}${codeBlockHtml('text', 'z')}<p>b</p>`,
      `<p>A stray \0 character.</p>${codeBlockHtml('text', 'kept')}`,
    ];
    for (const html of samples) {
      expect(plainTexts(html)).toEqual({
        prose: htmlToText(html, { code: false }),
        full: htmlToText(html, { code: true }),
      });
    }
  });

  it('collapses every kind of whitespace run to one space', () => {
    expect(htmlToText('<p> a \u00a0 b\n\nc\t d  e </p>', { code: true })).toBe('a b c d e');
  });
});
