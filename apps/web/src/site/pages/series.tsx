import { PostList } from '../components/post-list.js';
import type { Series } from '../series.js';

export function SeriesPage({ series }: { series: Series }) {
  return (
    <div className="page">
      <p className="series-line">Series</p>
      <h1>{series.name}</h1>
      <p className="meta">
        {series.parts.length} parts, in reading order · <a href="/tags/">all topics</a>
      </p>
      <PostList posts={series.parts} numbered />
    </div>
  );
}
