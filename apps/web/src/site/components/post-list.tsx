import type { PostMeta } from '@working-notes/content';
import { formatDate, minutes } from '../format.js';

/** "18 November 2026 · 12 min read", under every essay's title in a list, a card or an ending. */
export function DateAndLength({ post, lead }: { post: PostMeta; lead?: string | undefined }) {
  return (
    <p className="meta">
      {lead}
      <time dateTime={post.date}>{formatDate(post.date)}</time> · {minutes(post.readingTime)}
    </p>
  );
}

/** The index of essays: title, then date and reading time, then the description. */
export function PostList({
  posts,
  headingLevel = 2,
  numbered = false,
}: {
  posts: readonly PostMeta[];
  headingLevel?: 2 | 3;
  /** Show each entry's place ("Part 1"), as a series page does. */
  numbered?: boolean;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ol className="post-list">
      {posts.map((post, index) => (
        <li key={post.slug}>
          {numbered && <p className="part-number">Part {index + 1}</p>}
          <article>
            <Heading className="post-list-title">
              <a href={post.path}>{post.title}</a>
            </Heading>
            <DateAndLength post={post} />
            <p className="post-list-description">{post.description}</p>
          </article>
        </li>
      ))}
    </ol>
  );
}
