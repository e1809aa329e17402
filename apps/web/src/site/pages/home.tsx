import { type PostMeta, site, type Tag } from '@working-notes/content';
import { DateAndLength, PostList } from '../components/post-list.js';
import type { Series } from '../series.js';

/** Past this many essays the home page lists the newest and sends readers to the archive. */
export const homeLimit = 40;

interface HomePageProps {
  posts: readonly PostMeta[];
  featured: readonly PostMeta[];
  topics: readonly { tag: Tag; count: number }[];
  series: readonly Series[];
}

/** Home: who writes this, the essays to start with, the topics and series, then everything. */
export function HomePage({ posts, featured, topics, series }: HomePageProps) {
  const featuredSlugs = new Set(featured.map((post) => post.slug));
  const rest = posts.filter((post) => !featuredSlugs.has(post.slug)).slice(0, homeLimit);
  return (
    <div className="home">
      <div className="intro">
        <h1>{site.title}</h1>
        <p className="lede">
          {site.description} By <a href="/about/">{site.author}</a>, a software engineer building a
          developer platform in Brazil.
        </p>
      </div>
      <section aria-labelledby="start-title">
        <h2 id="start-title" className="section-title">
          Start here
        </h2>
        <ul className="featured">
          {featured.map((post) => (
            <li key={post.slug}>
              <h3 className="post-list-title">
                <a href={post.path}>{post.title}</a>
              </h3>
              <p className="post-list-description">{post.description}</p>
              <DateAndLength post={post} />
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="topics-title">
        <h2 id="topics-title" className="section-title">
          Topics and series
        </h2>
        <ul className="topics">
          {series.map((entry) => (
            <li key={entry.slug}>
              <a href={entry.path}>
                {entry.name} <span className="count">{entry.parts.length} parts</span>
              </a>
            </li>
          ))}
          {topics.map(({ tag, count }) => (
            <li key={tag}>
              <a href={`/tags/${tag}/`}>
                {tag} <span className="count">{count}</span>
              </a>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="latest-title" className="page">
        <h2 id="latest-title" className="section-title">
          Latest essays
        </h2>
        <PostList posts={rest} headingLevel={3} />
        {posts.length > rest.length + featured.length && (
          <p className="more">
            <a href="/archive/">All {posts.length} essays, by year</a>
          </p>
        )}
      </section>
    </div>
  );
}
