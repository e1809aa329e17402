import { describe, expect, it } from 'vitest';
import { typeset, typesetText } from './typography.js';

describe('typeset', () => {
  it('curls double and single quotes, and keeps apostrophes as apostrophes', () => {
    expect(typeset("<p>She said &quot;don't&quot; and left.</p>")).toBe(
      '<p>She said \u201cdon\u2019t\u201d and left.</p>',
    );
    expect(typeset("<p>the 'live' label, the users' view</p>")).toBe(
      '<p>the \u2018live\u2019 label, the users\u2019 view</p>',
    );
  });

  it('leaves code, preformatted blocks, diagrams and attributes as written', () => {
    const html =
      '<p>Run <code>echo "hi"</code> now.</p><pre class="code"><code>const a = "x";</code></pre><svg><text>"a"</text></svg><a title="a &quot;b&quot;" href="/x">"link"</a>';
    expect(typeset(html)).toBe(
      '<p>Run <code>echo "hi"</code> now.</p><pre class="code"><code>const a = "x";</code></pre><svg><text>"a"</text></svg><a title="a &quot;b&quot;" href="/x">\u201clink\u201d</a>',
    );
  });

  it('decides open or close across inline tags', () => {
    expect(typeset('<p>"<em>Live</em>" means <code>ready</code>"s</p>')).toBe(
      '<p>\u201c<em>Live</em>\u201d means <code>ready</code>\u201ds</p>',
    );
  });

  it('turns three dots into an ellipsis but not longer runs', () => {
    expect(typeset('<p>wait... and ....</p>')).toBe('<p>wait\u2026 and ....</p>');
  });

  it('sets frontmatter text the same way', () => {
    expect(typesetText('The word "Live" isn\'t a label')).toBe(
      'The word \u201cLive\u201d isn\u2019t a label',
    );
  });
});
