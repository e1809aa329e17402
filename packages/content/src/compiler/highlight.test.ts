import { describe, expect, it } from 'vitest';
import { createHighlighter } from './highlight.js';

describe('the highlighter', () => {
  it('highlights the style and script inside html as CSS and JavaScript', async () => {
    const highlighter = await createHighlighter();
    const html = highlighter.highlight(
      '<style>p { color: red; }</style>\n<script>const answer = 42;</script>',
      'html',
    );
    expect(html).toContain('data-lang="html"');
    expect(html).toMatch(
      /<span class="hl-constant">color<\/span><span class="hl-keyword">:<\/span>/,
    );
    expect(html).toMatch(/<span class="hl-keyword">const<\/span>/);
    expect(html).toMatch(/<span class="hl-constant">42<\/span>/);
    expect(highlighter.highlight('const answer = 42;', 'js')).toMatch(
      /<span class="hl-keyword">const<\/span>/,
    );
    expect(highlighter.highlight('x', 'tsx2')).toBeUndefined();
  });
});
