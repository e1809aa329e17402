import { describe, expect, it } from 'vitest';
import { defaultSource } from './options.js';
import { fallbackHtml, snippet } from './snippet.js';

const essays = [
  {
    title: 'Queues & <Backpressure>',
    url: 'https://workingnotes.dev/essays/queues/',
    date: '2026-11-18',
    dateText: '18 November 2026',
  },
];
const build = { version: '1.2.3', integrity: 'sha384-abc' };

describe('the embed snippet', () => {
  it('pins the versioned script with its integrity hash and carries escaped fallback links', () => {
    const html = snippet({ origin: 'https://workingnotes.dev', ...build, essays });
    expect(html).toContain(
      '<script async src="https://workingnotes.dev/widget/v1.2.3/latest-essays.js" integrity="sha384-abc" crossorigin="anonymous"></script>',
    );
    expect(html).toContain('<latest-essays count="5">');
    expect(html).toContain('Queues &amp; &lt;Backpressure&gt;');
    expect(html).toContain('<time datetime="2026-11-18">18 November 2026</time>');
  });

  it('names the data only when the blog is not at the default origin', () => {
    expect(snippet({ origin: 'https://workingnotes.dev', ...build, essays })).toContain(
      '<latest-essays count="5">',
    );
    expect(snippet({ origin: 'http://127.0.0.1:8080', ...build, essays })).toContain(
      '<latest-essays count="5" src="http://127.0.0.1:8080/widget/latest.json">',
    );
  });

  it('agrees with the element on the default data URL', () => {
    const html = snippet({ origin: new URL(defaultSource).origin, ...build, essays });
    expect(html).not.toContain('<latest-essays count="5" src=');
  });

  it('writes the heading at the level asked for', () => {
    expect(fallbackHtml(essays, { headingLevel: 3 })).toMatch(/^ {2}<h3>Latest essays<\/h3>/);
  });
});
