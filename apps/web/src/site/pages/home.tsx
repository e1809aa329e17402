import { type PostMeta, site } from '@working-notes/content';
import { PostList } from '../components/post-list.js';

/** Past this many essays the home page lists the newest and sends readers to the archive. */
export const homeLimit = 40;

export function HomePage({ posts }: { posts: readonly PostMeta[] }) {
  const shown = posts.slice(0, homeLimit);
  return (
    <div className="page">
      <div className="intro">
        <h1>{site.title}</h1>
        <p className="lede">{site.description}</p>
      </div>
      <PostList posts={shown} />
      {posts.length > shown.length && (
        <p className="more">
          <a href="/archive/">All {posts.length} essays, by year</a>
        </p>
      )}
    </div>
  );
}
