import { tags } from '../schema/tags.js';
import { essayPath } from '../site.js';

/** Where a link in an essay points, decided once for both engines. */
export type LinkTarget =
  | { kind: 'essay'; slug: string; anchor: string | undefined }
  | { kind: 'anchor'; anchor: string }
  | { kind: 'external' }
  /** A page of the site that is not an essay (the archive, a tag page, a feed). */
  | { kind: 'site' }
  /** mailto:, tel: and other schemes that leave the site without a page to check. */
  | { kind: 'other' }
  /** A link that cannot work as written; `expected` says how to write it. */
  | { kind: 'invalid'; expected: string; external: boolean };

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const essayLink = /^\/essays\/([^/?#]*)(\/[^?#]*)?(?:\?[^#]*)?(?:#(.*))?$/;
const tagLink = /^\/tags\/([^/?#]+)\/?(?:#.*)?$/;
const knownTags: ReadonlySet<string> = new Set(tags);

/** Site pages an essay may link to besides other essays. */
export const sitePages = [
  '/',
  '/archive/',
  '/tags/',
  '/embed/',
  '/rss.xml',
  '/atom.xml',
  '/feed.json',
];

const sitePaths = new Set(sitePages.flatMap((path) => [path, path.replace(/\/$/, '')]));

const essayExample = essayPath('some-essay');

export function classifyHref(href: string, slug = 'this-essay'): LinkTarget {
  if (href.startsWith('#')) return { kind: 'anchor', anchor: decode(href.slice(1)) };
  if (/^https?:\/\//i.test(href)) return { kind: 'external' };
  if (href.startsWith('//'))
    return {
      kind: 'invalid',
      external: true,
      expected: `a full address that names its scheme, https:${href} (a link that starts with // breaks in the feeds and the published Markdown)`,
    };
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return { kind: 'other' };
  if (!href.startsWith('/')) {
    const resolved = new URL(href, `https://site.invalid${essayPath(slug)}`).pathname;
    const target = essayLink.exec(resolved);
    const suggestion = target && slugPattern.test(target[1] ?? '') ? `, such as ${resolved}` : '';
    return {
      kind: 'invalid',
      external: false,
      expected: `a site path that starts with /essays/${suggestion || ` (${essayExample})`}; a relative link breaks in the feeds and the published Markdown`,
    };
  }
  const essay = essayLink.exec(href);
  if (essay) {
    const [, name = '', rest = '', anchor] = essay;
    if (slugPattern.test(name))
      return {
        kind: 'essay',
        slug: name,
        anchor: anchor === undefined ? undefined : decode(anchor),
      };
    const lower = decode(name).toLowerCase();
    return {
      kind: 'invalid',
      external: false,
      expected: slugPattern.test(lower)
        ? `a slug in lowercase, as the folder is named: /essays/${lower}${rest || '/'}${anchor === undefined ? '' : `#${anchor}`}`
        : `a link to an essay by its slug, such as ${essayExample}`,
    };
  }
  const path = href.replace(/[?#].*$/, '');
  if (sitePaths.has(path)) return { kind: 'site' };
  const tag = tagLink.exec(href);
  if (tag && knownTags.has(tag[1] ?? '')) return { kind: 'site' };
  if (tag)
    return {
      kind: 'invalid',
      external: false,
      expected: `a tag page of a known tag, such as /tags/${tags[0]}/`,
    };
  const singular = /^\/essay\/([^?#]*)/.exec(href);
  return {
    kind: 'invalid',
    external: false,
    expected: singular
      ? `an essay link under /essays/ (plural): /essays/${singular[1]?.replace(/\/?$/, '/')}`
      : `a link to an essay (${essayExample}) or a page of the site (${sitePages.join(', ')})`,
  };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Attributes every external link gets: marked for styling, and no access to our window. */
export const externalLinkAttributes = { class: 'external', rel: 'noopener noreferrer' } as const;
