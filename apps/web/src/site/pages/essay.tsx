import type { Post, PostMeta } from '@working-notes/content';
import { formatDate, minutes } from '../format.js';

interface EssayPageProps {
  post: Post;
  newer: PostMeta | undefined;
  older: PostMeta | undefined;
  related: readonly PostMeta[];
}

export function EssayPage({ post, newer, older, related }: EssayPageProps) {
  const outline = post.headings.filter((heading) => heading.depth <= 3);
  return (
    <div className="essay-layout">
      <article className="essay">
        <header className="essay-header">
          <h1>{post.title}</h1>
          <p className="meta">
            <time dateTime={post.date}>{formatDate(post.date)}</time>
            {post.updated && post.updated !== post.date && (
              <>
                {' · updated '}
                <time dateTime={post.updated}>{formatDate(post.updated)}</time>
              </>
            )}
            {' · '}
            {minutes(post.readingTime)}
            {post.series && <> · {post.series}</>}
          </p>
          <ul className="tags">
            {post.tags.map((tag) => (
              <li key={tag}>
                <a href={`/tags/${tag}/`}>{tag}</a>
              </li>
            ))}
          </ul>
        </header>
        {/* The body is the content package's rendered HTML; it is written once, here. */}
        <div className="prose" dangerouslySetInnerHTML={{ __html: post.html }} />
      </article>
      {outline.length > 1 && (
        <nav className="toc" aria-labelledby="toc-title">
          <h2 id="toc-title">Contents</h2>
          <ol>
            {outline.map((heading) => (
              <li key={heading.id} className={heading.depth === 3 ? 'toc-sub' : undefined}>
                <a href={`#${heading.id}`}>{heading.text}</a>
              </li>
            ))}
          </ol>
        </nav>
      )}
      <footer className="essay-footer">
        <nav className="adjacent" aria-label="Newer and older essays">
          {newer && (
            <a href={newer.path} rel="prev">
              <span className="label">Newer</span> {newer.title}
            </a>
          )}
          {older && (
            <a href={older.path} rel="next">
              <span className="label">Older</span> {older.title}
            </a>
          )}
        </nav>
        {related.length > 0 && (
          <section aria-labelledby="related-title">
            <h2 id="related-title">Related essays</h2>
            <ul className="related">
              {related.map((item) => (
                <li key={item.slug}>
                  <a href={item.path}>{item.title}</a>
                </li>
              ))}
            </ul>
          </section>
        )}
      </footer>
    </div>
  );
}
