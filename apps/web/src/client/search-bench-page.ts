// Not shipped to readers: the page the search benchmark (scripts/search-bench.ts) drives in
// Chromium, bundled by Vite into the benchmarked site. Each call starts cold, as a reader opening
// search for the first time, and resolves when the first result's title and date are known: what
// the dialog then shows at once.
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

/** Runs one query; `first` is the top result's path, `ms` the time until it could be shown. */
async function benchQuery(mode: Mode, query: string, shown = 8) {
  const started = performance.now();
  let first: string | undefined;
  let ms = 0;
  let rest: Promise<unknown> = Promise.resolve();
  if (mode === 'sharded') {
    const results = await openSearch((path) => json(`/search/${path}`)).search(query, shown);
    ms = performance.now() - started;
    first = results[0] && `/essays/${results[0].slug}/`;
    // The snippets: the dialog fetches each result's Markdown after showing the list.
    rest = Promise.all(results.map((result) => fetch(`/essays/${result.slug}/index.md`)));
  } else if (mode === 'whole') {
    const index = (await json('/search-index.json')) as SearchIndex;
    const results = search(index, query, shown);
    ms = performance.now() - started;
    first = results[0] && `/essays/${results[0].slug}/`;
    rest = Promise.all(results.map((result) => fetch(`/essays/${result.slug}/index.md`)));
  } else {
    // Pagefind's own fragment of each result holds its title and excerpt: no further fetch.
    const pagefind = (await import(
      /* @vite-ignore */ `${location.origin}/pagefind/pagefind.js`
    )) as Pagefind;
    await pagefind.init();
    const { results } = await pagefind.search(query);
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
