/** Where a link in an essay points, decided once for both engines. */
export type LinkTarget =
  | { kind: 'essay'; slug: string; anchor: string | undefined }
  | { kind: 'anchor'; anchor: string }
  | { kind: 'external' }
  | { kind: 'other' };

const essayLink = /^\/essays\/([a-z0-9]+(?:-[a-z0-9]+)*)\/?(?:#(.+))?$/;

export function classifyHref(href: string): LinkTarget {
  const essay = essayLink.exec(href);
  if (essay)
    return {
      kind: 'essay',
      slug: essay[1] ?? '',
      anchor: essay[2] && decodeURIComponent(essay[2]),
    };
  if (href.startsWith('#')) return { kind: 'anchor', anchor: decodeURIComponent(href.slice(1)) };
  if (/^https?:\/\//i.test(href)) return { kind: 'external' };
  return { kind: 'other' };
}

/** Attributes every external link gets: marked for styling, and no access to our window. */
export const externalLinkAttributes = { class: 'external', rel: 'noopener noreferrer' } as const;

/** A link to another essay, kept so the corpus check can prove that it resolves. */
export interface InternalLink {
  href: string;
  slug: string | undefined;
  anchor: string | undefined;
  line: number;
}
