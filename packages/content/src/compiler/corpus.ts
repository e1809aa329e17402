import { essayPath } from '../site.js';
import type { ContentIssue } from './errors.js';
import type { RenderedEssay } from './render-essay.js';

/**
 * Checks that need the whole corpus: titles are unique and every internal link lands on an
 * essay that will be published and on a heading that exists.
 */
export function checkCorpus(essays: readonly RenderedEssay[]): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const bySlug = new Map(essays.map((essay) => [essay.slug, essay]));
  const byTitle = new Map<string, RenderedEssay>();

  for (const essay of essays) {
    const key = essay.frontmatter.title.toLowerCase();
    const first = byTitle.get(key);
    if (first) {
      issues.push({
        file: essay.file,
        line: essay.titleLine,
        column: 8,
        field: 'title',
        expected: 'a title no other essay uses',
        found: `"${essay.frontmatter.title}", already the title of ${first.file}`,
      });
    } else {
      byTitle.set(key, essay);
    }
  }

  for (const essay of essays) {
    for (const link of essay.links) {
      const target = link.slug === undefined ? essay : bySlug.get(link.slug);
      if (!target) {
        issues.push({
          file: essay.file,
          line: link.line,
          column: 1,
          field: 'link',
          expected: `a link to an existing essay, such as ${essayPath(essays[0]?.slug ?? 'some-slug')}`,
          found: `${link.href} (no essay has the slug "${link.slug}")`,
        });
        continue;
      }
      if (target.frontmatter.draft && !essay.frontmatter.draft) {
        issues.push({
          file: essay.file,
          line: link.line,
          column: 1,
          field: 'link',
          expected: 'a link to a published essay',
          found: `${link.href}, which is a draft and will not be published`,
        });
      }
      if (
        link.anchor !== undefined &&
        !target.headings.some((heading) => heading.id === link.anchor)
      ) {
        const known = target.headings
          .map((heading) => `#${heading.id}`)
          .slice(0, 6)
          .join(', ');
        issues.push({
          file: essay.file,
          line: link.line,
          column: 1,
          field: 'link',
          expected: `an anchor that names a heading of ${target.slug}${known ? ` (${known})` : ''}`,
          found: `${link.href}`,
        });
      }
    }
  }
  return issues;
}
