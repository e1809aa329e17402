import type { PostMeta } from '@working-notes/content';
import { PostList } from '../components/post-list.js';

/** A 404 that helps: search (opens the search dialog), and the newest essays. */
export function NotFoundPage({ latest }: { latest: readonly PostMeta[] }) {
  return (
    <div className="page">
      <h1>This page does not exist</h1>
      <p>The link may be old or mistyped. Search the essays, or start from the newest ones.</p>
      {/* biome-ignore lint/a11y/useSemanticElements: a form with role=search works without JS; <search> would need one more wrapper. */}
      <form className="search-form" role="search" data-search-form="" action="/archive/">
        <label htmlFor="not-found-query">Search the essays</label>
        <input id="not-found-query" name="q" type="search" autoComplete="off" />
        <button type="submit">Search</button>
      </form>
      <h2>Latest essays</h2>
      <PostList posts={latest} headingLevel={3} />
    </div>
  );
}
