import {
  adjacentPosts,
  latestPosts,
  loadPost,
  posts,
  postsByTag,
  relatedPosts,
  site,
  tagCounts,
} from '@working-notes/content';
import type { ReactNode } from 'react';
import { type Assets, absolute, type PageMeta, renderDocument } from './document.js';
import { featuredSlugs } from './featured.js';
import { AboutPage } from './pages/about.js';
import { ArchivePage } from './pages/archive.js';
import { EmbedPage } from './pages/embed.js';
import { EssayPage } from './pages/essay.js';
import { HomePage } from './pages/home.js';
import { NotFoundPage } from './pages/not-found.js';
import { SeriesPage } from './pages/series.js';
import { TagIndexPage, TagPage } from './pages/tags.js';
import { allSeries, placeInSeries } from './series.js';
import { versionedScriptPath, widgetBuild } from './widget.js';

/** One page of the site: where it lives and how to render it. */
export interface Route {
  path: string;
  /** File inside the output folder: `essays/x/index.html`, or `404.html`. */
  file: string;
  render(assets: Assets): Promise<string>;
}

const author = { '@type': 'Person', name: site.author, url: absolute('/about/') };
const publisher = { '@type': 'Organization', name: site.title, url: absolute('/') };

function page(
  path: string,
  meta: Omit<PageMeta, 'path'>,
  body: () => Promise<ReactNode> | ReactNode,
  file?: string,
): Route {
  return {
    path,
    file: file ?? `${path.slice(1)}index.html`,
    render: async (assets) => renderDocument({ ...meta, path }, assets, await body()),
  };
}

/** Every page the site has, derived from the content package. */
export function routes(): Route[] {
  const series = allSeries(posts);
  const featured = featuredSlugs.flatMap((slug) => posts.filter((post) => post.slug === slug));
  const list: Route[] = [
    page(
      '/',
      {
        title: site.title,
        description: site.description,
        jsonLd: {
          '@context': 'https://schema.org',
          '@type': 'Blog',
          name: site.title,
          description: site.description,
          url: absolute('/'),
          author,
        },
      },
      () => (
        <HomePage posts={posts} featured={featured} topics={tagCounts(posts)} series={series} />
      ),
    ),
    page(
      '/archive/',
      { title: 'Archive', description: `All ${posts.length} essays on ${site.title}, by year.` },
      () => <ArchivePage posts={posts} />,
    ),
    page(
      '/tags/',
      {
        title: 'Topics',
        description: `The topics ${site.title} writes about, with the number of essays on each.`,
      },
      () => <TagIndexPage counts={tagCounts(posts)} />,
    ),
    page(
      '/embed/',
      {
        title: 'Embed the latest essays',
        description: `Show the newest ${site.title} essays on your own site with one script tag; it keeps working without JavaScript.`,
        scripts: [versionedScriptPath(widgetBuild().version)],
      },
      () => <EmbedPage posts={posts} build={widgetBuild()} />,
    ),
    page(
      '/about/',
      {
        title: 'About',
        description: `${site.author}, a software engineer from Brazil, writes ${site.title}: who that is and what the essays are about.`,
        jsonLd: {
          '@context': 'https://schema.org',
          '@type': 'ProfilePage',
          url: absolute('/about/'),
          mainEntity: { ...author, jobTitle: 'Software engineer', nationality: 'Brazilian' },
        },
      },
      () => (
        <AboutPage
          has={{
            guaraEssay: posts.some((post) => post.slug === 'why-i-am-building-guara-cloud'),
            guaraSeries: series.some((entry) => entry.slug === 'building-guara-cloud'),
          }}
        />
      ),
    ),
    page(
      '/404',
      {
        title: 'Page not found',
        description: 'This page does not exist. Search the essays or start from the newest ones.',
        noindex: true,
      },
      () => <NotFoundPage latest={latestPosts(posts, 5)} />,
      '404.html',
    ),
  ];
  for (const { tag } of tagCounts(posts)) {
    const tagged = postsByTag(posts, tag);
    list.push(
      page(
        `/tags/${tag}/`,
        {
          title: `Essays tagged ${tag}`,
          description: `${tagged.length} ${tagged.length === 1 ? 'essay' : 'essays'} on ${tag}: ${tagged[0]?.title ?? ''} and more.`,
        },
        () => <TagPage tag={tag} posts={tagged} />,
      ),
    );
  }
  for (const entry of series) {
    list.push(
      page(
        entry.path,
        {
          title: entry.name,
          description: `${entry.name}: a series of ${entry.parts.length} essays, in reading order, starting with ${entry.parts[0]?.title ?? ''}.`,
        },
        () => <SeriesPage series={entry} />,
      ),
    );
  }
  for (const meta of posts) {
    list.push(
      page(
        meta.path,
        {
          title: meta.title,
          description: meta.description,
          type: 'article',
          image: `/og/${meta.slug}.png`,
          article: {
            published: meta.date,
            tags: meta.tags,
            ...(meta.updated && { modified: meta.updated }),
          },
          jsonLd: {
            '@context': 'https://schema.org',
            '@type': 'BlogPosting',
            headline: meta.title,
            description: meta.description,
            datePublished: meta.date,
            dateModified: meta.updated ?? meta.date,
            url: absolute(meta.path),
            mainEntityOfPage: absolute(meta.path),
            image: absolute(`/og/${meta.slug}.png`),
            keywords: meta.tags.join(', '),
            wordCount: meta.wordCount,
            author,
            publisher,
          },
        },
        async () => {
          const post = await loadPost(meta.slug);
          const { newer, older } = adjacentPosts(posts, meta.slug);
          return (
            <EssayPage
              post={post}
              newer={newer}
              older={older}
              related={relatedPosts(posts, meta, 3)}
              series={placeInSeries(series, meta.slug)}
            />
          );
        },
      ),
    );
  }
  return list;
}
