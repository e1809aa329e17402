import { describe, expect, it } from 'vitest';
import { htmlToText, plainTexts } from './text.js';

const essayHtml = [
  '<h2 id="why">Why <code>fsync</code> matters<a class="anchor" href="#why">#</a></h2>',
  '<p>Writes reach the disk&nbsp;later &amp; in any order.</p>',
  '<pre class="code" data-lang="ts"><code><span class="hl-keyword">await</span> file.sync();\n',
  '<span class="hl-comment">// durable now</span></code></pre>',
  '<figure><svg viewBox="0 0 10 10"><text>diagram label</text></svg></figure>',
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
      '<pre class="code"><code>only code</code></pre>',
      '<p>a</p><pre><code>x &amp;&amp; y</code></pre><pre><code>z</code></pre><p>b</p>',
      '<p>A stray \0 character.</p><pre><code>kept</code></pre>',
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
