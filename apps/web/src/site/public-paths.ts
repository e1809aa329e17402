/**
 * The public URLs that more than one part of the site names: the page head and footer link the
 * feeds, the search dialog fetches the search files, and the table of outputs (scripts/outputs.ts) serves
 * them. Each is spelled here once. No Node imports: the search dialog ships this to browsers.
 */
export const feeds = [
  {
    path: '/rss.xml',
    label: 'RSS',
    type: 'application/rss+xml',
    /** The file inside the content package's dist/. */
    source: 'feeds/rss.xml',
  },
  { path: '/atom.xml', label: 'Atom', type: 'application/atom+xml', source: 'feeds/atom.xml' },
  {
    path: '/feed.json',
    label: 'JSON Feed',
    type: 'application/feed+json',
    source: 'feeds/feed.json',
  },
] as const;

/** The whole search index, one file that grows with every essay; the dialog no longer reads it. */
export const searchIndexPath = '/search-index.json';
/** The sharded search index the dialog reads: `index.json`, `shards/*`, `docs/*`. */
export const searchPath = '/search/';
export const llmsPath = '/llms.txt';
export const sitemapPath = '/sitemap.xml';
