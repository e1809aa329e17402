import type { Post, PostMeta } from '@working-notes/content';
import { DateAndLength } from '../components/post-list.js';
import { formatDate, minutes } from '../format.js';
import type { Series } from '../series.js';

interface EssayPageProps {
  post: Post;
  newer: PostMeta | undefined;
  older: PostMeta | undefined;
  related: readonly PostMeta[];
  /** The essay's series and its 1-based place in it, when it belongs to one. */
  series?: { series: Series; part: number } | undefined;
}

export function EssayPage({ post, newer, older, related, series }: EssayPageProps) {
  const outline = post.headings.filter((heading) => heading.depth <= 3);
  const nextInSeries = series?.series.parts[series.part];
  // The ending offers one clear next read: the next part of the series, else the closest essays.
  const suggestions = [nextInSeries, ...related]
    .filter((item): item is PostMeta => item !== undefined)
    .filter((item, index, all) => all.findIndex((other) => other.slug === item.slug) === index)
    .slice(0, 3);
  return (
    <article className="essay">
      <header className="essay-header">
        {series && (
          <p className="series-line">
            <a href={series.series.path}>{series.series.name}</a>
            {`, part ${series.part} of ${series.series.parts.length}`}
          </p>
        )}
        <h1>{post.title}</h1>
        <p className="lede">{post.description}</p>
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
        </p>
        <ul className="tags">
          {post.tags.map((tag) => (
            <li key={tag}>
              <a href={`/tags/${tag}/`}>{tag}</a>
            </li>
          ))}
        </ul>
      </header>
      {outline.length > 1 && (
        <nav className="toc" aria-labelledby="toc-title">
          {/* Collapsed on phones, where it sits above the text; wide screens show it as a rail. */}
          <details>
            <summary id="toc-title">Contents</summary>
            <ol>
              {outline.map((heading) => (
                <li key={heading.id} className={heading.depth === 3 ? 'toc-sub' : undefined}>
                  <a href={`#${heading.id}`}>{heading.text}</a>
                </li>
              ))}
            </ol>
          </details>
        </nav>
      )}
      {/* The body is the content package's rendered HTML; it is written once, here. */}
      <div className="prose" dangerouslySetInnerHTML={{ __html: post.html }} />
      <footer className="essay-footer">
        {series && <SeriesParts series={series.series} current={post.slug} />}
        {suggestions.length > 0 && (
          <section aria-labelledby="next-title">
            <h2 id="next-title" className="section-title">
              Read next
            </h2>
            <ul className="next-reads">
              {suggestions.map((item) => (
                <li key={item.slug}>
                  <a href={item.path}>{item.title}</a>
                  <p>{item.description}</p>
                  <DateAndLength
                    post={item}
                    lead={item === nextInSeries ? 'Next in the series · ' : undefined}
                  />
                </li>
              ))}
            </ul>
          </section>
        )}
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
      </footer>
    </article>
  );
}

/** The parts of a series in reading order, the current one marked. */
export function SeriesParts({ series, current }: { series: Series; current?: string }) {
  return (
    <nav className="series-parts" aria-labelledby={`series-${series.slug}`}>
      <h2 id={`series-${series.slug}`} className="section-title">
        <a href={series.path}>{series.name}</a>
      </h2>
      <ol>
        {series.parts.map((part) => (
          <li key={part.slug}>
            {part.slug === current ? (
              <span aria-current="page">{part.title}</span>
            ) : (
              <a href={part.path}>{part.title}</a>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
