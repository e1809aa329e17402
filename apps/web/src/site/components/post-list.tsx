import type { PostMeta } from '@working-notes/content';
import { formatDate, minutes } from '../format.js';

/** The index of essays: title, then date and reading time, then the description. */
export function PostList({
  posts,
  headingLevel = 2,
}: {
  posts: readonly PostMeta[];
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ol className="post-list">
      {posts.map((post) => (
        <li key={post.slug}>
          <article>
            <Heading className="post-list-title">
              <a href={post.path}>{post.title}</a>
            </Heading>
            <p className="meta">
              <time dateTime={post.date}>{formatDate(post.date)}</time> ·{' '}
              {minutes(post.readingTime)}
            </p>
            <p className="post-list-description">{post.description}</p>
          </article>
        </li>
      ))}
    </ol>
  );
}
