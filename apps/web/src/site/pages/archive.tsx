import type { PostMeta } from '@working-notes/content';
import { formatDate, formatDayMonth } from '../format.js';

export function ArchivePage({ posts }: { posts: readonly PostMeta[] }) {
  const years = new Map<string, PostMeta[]>();
  for (const post of posts) {
    const year = post.date.slice(0, 4);
    years.set(year, [...(years.get(year) ?? []), post]);
  }
  return (
    <div className="page">
      <h1>Archive</h1>
      <p className="meta">
        {posts.length === 1 ? '1 essay' : `${posts.length} essays`}, newest first.
      </p>
      {[...years].map(([year, list]) => (
        <section key={year} aria-labelledby={`year-${year}`}>
          <h2 id={`year-${year}`}>{year}</h2>
          <ul className="archive">
            {list.map((post) => (
              <li key={post.slug}>
                <time dateTime={post.date} title={formatDate(post.date)}>
                  {formatDayMonth(post.date)}
                </time>
                <a href={post.path}>{post.title}</a>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
