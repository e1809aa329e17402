// Not shipped to readers: the page the search benchmark (scripts/search-bench.ts) drives in
// Chromium, bundled by Vite into the benchmarked site. Each call starts cold, as a reader opening
// search for the first time, and resolves when the first result's title and date are known: what
// the dialog then shows at once. Rendering is left out: it is the same for all three.
import { openSearch, type SearchIndex, search } from '@working-notes/content/search';

type Mode = 'sharded' | 'whole' | 'pagefind';

interface PagefindResult {
  data(): Promise<{ url: string; meta: { title?: string } }>;
}
interface Pagefind {
  init(): Promise<void>;
  search(query: string): Promise<{ results: PagefindResult[] }>;
}

const json = (path: string) =>
  fetch(path).then((response) => {
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return response.json();
  });

/**
 * Opens search as the dialog does (starting to load what it loads on open), waits `typingMs` for
 * the reader to type, then runs the query. `first` is the top result's path, `ms` the time from
 * the query to when it could be shown (title and date known).
 */
async function benchQuery(mode: Mode, query: string, shown = 8, typingMs = 0) {
  const typed = () => new Promise((resolve) => setTimeout(resolve, typingMs));
  let first: string | undefined;
  let ms = 0;
  let started = 0;
  let rest: Promise<unknown> = Promise.resolve();
  if (mode === 'sharded') {
    const searcher = openSearch((path) => json(`/search/${path}`));
    void searcher.preload().catch(() => undefined);
    await typed();
    started = performance.now();
    const results = await searcher.search(query, shown);
    ms = performance.now() - started;
    first = results[0] && `/essays/${results[0].slug}/`;
    // The snippets: the dialog fetches each result's Markdown after showing the list.
    rest = Promise.all(results.map((result) => fetch(`/essays/${result.slug}/index.md`)));
  } else if (mode === 'whole') {
    const loading = json('/search-index.json') as Promise<SearchIndex>;
    await typed();
    started = performance.now();
    const results = search(await loading, query, shown);
    ms = performance.now() - started;
    first = results[0] && `/essays/${results[0].slug}/`;
    rest = Promise.all(results.map((result) => fetch(`/essays/${result.slug}/index.md`)));
  } else {
    const loading = import(/* @vite-ignore */ `${location.origin}/pagefind/pagefind.js`).then(
      async (module: Pagefind) => {
        await module.init();
        return module;
      },
    );
    await typed();
    started = performance.now();
    const pagefind = await loading;
    const { results } = await pagefind.search(query);
    // Pagefind's own fragment of each result holds its title and excerpt: no further fetch.
    const [top, ...others] = results.slice(0, shown);
    const data = top ? await top.data() : undefined;
    ms = performance.now() - started;
    first = data?.url;
    rest = Promise.all(others.map((result) => result.data()));
  }
  await rest;
  return { ms, first };
}

Object.assign(window, { benchQuery });
