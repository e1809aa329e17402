import type { PostMeta, Tag } from '@working-notes/content';
import { PostList } from '../components/post-list.js';

export function TagIndexPage({ counts }: { counts: readonly { tag: Tag; count: number }[] }) {
  return (
    <div className="page">
      <h1>Topics</h1>
      <ul className="tag-index">
        {counts.map(({ tag, count }) => (
          <li key={tag}>
            <a href={`/tags/${tag}/`}>{tag}</a>{' '}
            <span className="count">{count === 1 ? '1 essay' : `${count} essays`}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function TagPage({ tag, posts }: { tag: Tag; posts: readonly PostMeta[] }) {
  return (
    <div className="page">
      <h1>
        Essays tagged <span className="tag-name">{tag}</span>
      </h1>
      <p className="meta">
        {posts.length === 1 ? '1 essay' : `${posts.length} essays`} ·{' '}
        <a href="/tags/">all topics</a>
      </p>
      <PostList posts={posts} />
    </div>
  );
}
