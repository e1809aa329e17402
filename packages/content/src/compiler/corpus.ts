import { essayPath } from '../site.js';
import type { ContentIssue } from './errors.js';
import type { BrokenEssay, RenderedEssay } from './essay.js';
import { editDistance } from './suggest.js';

/**
 * Checks that need the whole corpus: titles are unique and every internal link lands on an
 * essay that will be published and on a heading that exists. Essays with problems of their own
 * take part too: their links are checked, and a link to one of them is not a link to nothing.
 */
export function checkCorpus(
  essays: readonly RenderedEssay[],
  broken: readonly BrokenEssay[] = [],
): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const bySlug = new Map<string, RenderedEssay | BrokenEssay>(
    broken.map((essay) => [essay.slug, essay]),
  );
  for (const essay of essays) bySlug.set(essay.slug, essay);
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

  const example = essayPath(essays[0]?.slug ?? broken[0]?.slug ?? 'some-slug');
  for (const essay of [...essays, ...broken]) {
    const isDraft = 'frontmatter' in essay ? essay.frontmatter.draft === true : essay.draft;
    for (const link of essay.links) {
      const at = { file: essay.file, line: link.line, column: link.column, field: 'link' };
      const target = link.slug === undefined ? essay : bySlug.get(link.slug);
      if (!target) {
        const near = link.slug === undefined ? undefined : nearestSlug(link.slug, bySlug.keys());
        issues.push({
          ...at,
          expected: `a link to an existing essay, such as ${near ? essayPath(near) : example}`,
          found: `${link.href} (no essay has the slug "${link.slug}"${near ? `; did you mean "${near}"?` : ''})`,
        });
        continue;
      }
      const targetDraft =
        'frontmatter' in target ? target.frontmatter.draft === true : target.draft;
      if (targetDraft === true && isDraft === false) {
        issues.push({
          ...at,
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
          ...at,
          expected: `an anchor that names a heading of ${target.slug}${known ? ` (${known})` : ''}`,
          found: `${link.href}`,
        });
      }
    }
  }
  return issues;
}

/** The slug closest to a mistyped one, when it is close enough to be a typo. */
function nearestSlug(slug: string, slugs: Iterable<string>): string | undefined {
  let best: { slug: string; distance: number } | undefined;
  for (const candidate of slugs) {
    if (Math.abs(candidate.length - slug.length) > 3) continue;
    const distance = editDistance(slug, candidate);
    if (!best || distance < best.distance) best = { slug: candidate, distance };
  }
  return best && best.distance <= 3 ? best.slug : undefined;
}
