import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Site } from '../../site.js';
import type { EssaySource, RenderedEssay } from '../essay.js';
import { highlightCss, standaloneDiagram } from '../markup.js';
import type { OutputFile } from '../output.js';
import { atomFeed, jsonFeed, rssFeed } from './feeds.js';
import { loadersModule, metaModule } from './modules.js';
import { publishedOrder } from './records.js';
import { searchIndexJson } from './search-index.js';
import { searchShardFiles } from './search-shards.js';

/**
 * Everything a build publishes, by path inside the output folder. Drafts are rendered and checked
 * like any essay but appear in none of it.
 */
export function buildOutputs(
  essays: readonly RenderedEssay[],
  sources: readonly EssaySource[],
  site: Site,
  {
    declarations = true,
    timings,
  }: {
    declarations?: boolean;
    /** Filled in with the milliseconds spent building the search indexes from the essays' entries. */
    timings?: { search?: number };
  } = {},
): Map<string, OutputFile> {
  const published = publishedOrder(essays);
  const sourceOf = new Map(sources.map((source) => [source.slug, source]));
  const files = new Map<string, OutputFile>();

  const meta = metaModule(published);
  files.set('meta.js', meta.js);
  files.set('meta.d.ts', meta.dts);
  const loaders = loadersModule(published);
  files.set('loaders.js', loaders.js);
  files.set('loaders.d.ts', loaders.dts);

  for (const essay of published) {
    files.set(`posts/${essay.slug}.js`, essay.module.js);
    if (declarations) files.set(`posts/${essay.slug}.d.ts`, essay.module.dts);
    const source = sourceOf.get(essay.slug);
    // The raw Markdown and images, served beside the essay page (llms.txt links to the Markdown).
    if (source) {
      files.set(`essays/${essay.slug}/index.md`, source.source);
      for (const asset of essay.assets) {
        const path = join(source.dir, asset);
        files.set(
          `essays/${essay.slug}/${asset}`,
          asset.endsWith('.svg') ? standaloneDiagram(readFileSync(path, 'utf8')) : { copy: path },
        );
      }
    }
  }

  const inFeeds = published.slice(0, site.feedItems);
  files.set('feeds/rss.xml', rssFeed(inFeeds, site));
  files.set('feeds/atom.xml', atomFeed(inFeeds, site));
  files.set('feeds/feed.json', jsonFeed(inFeeds, site));
  const searchStarted = performance.now();
  const wholeIndex = searchIndexJson(published);
  files.set('search-index.json', wholeIndex);
  for (const [path, text] of searchShardFiles(published, wholeIndex)) files.set(path, text);
  if (timings) timings.search = performance.now() - searchStarted;
  files.set('highlight.css', highlightCss());
  return files;
}
