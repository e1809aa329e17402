import {
  latestPosts,
  posts,
  postsByTag,
  relatedPostsOfAll,
  site,
  tagCounts,
} from '@working-notes/content';
// Pages render in Node only: a body read from its file, not imported (about 15 times faster).
import { readPost } from '@working-notes/content/node';
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

/** One page of the site: where it lives, what it is made from, and how to render it. */
export interface Route {
  path: string;
  /** File inside the output folder: `essays/x/index.html`, or `404.html`. */
  file: string;
  /**
   * Everything the page reads from the content, as plain data: the build re-renders a page only
   * when this (or the code, or the assets) changed. An essay names its body by `module`, the
   * essay's module file, so deciding costs a hash of that file rather than loading it.
   */
  inputs: { module?: string; [name: string]: unknown };
  render(assets: Assets): Promise<string>;
  /**
   * An essay page's article HTML, for the size report's check that the page sends it once: the
   * body its last render read, handed over once, or read again.
   */
  article?(): string;
}

const author = { '@type': 'Person', name: site.author, url: absolute('/about/') };
const publisher = { '@type': 'Organization', name: site.title, url: absolute('/') };

function page(
  path: string,
  meta: Omit<PageMeta, 'path'>,
  inputs: Route['inputs'],
  body: () => Promise<ReactNode> | ReactNode,
  file?: string,
): Route {
  return {
    path,
    file: file ?? `${path.slice(1)}index.html`,
    inputs,
    render: async (assets) => renderDocument({ ...meta, path }, assets, await body()),
  };
}

/** Every page the site has, derived from the content package. */
export function routes(): Route[] {
  const series = allSeries(posts);
  const featured = featuredSlugs.flatMap((slug) => posts.filter((post) => post.slug === slug));
  const aboutLinks = {
    guaraEssay: posts.some((post) => post.slug === 'why-i-am-building-guara-cloud'),
    guaraSeries: series.some((entry) => entry.slug === 'building-guara-cloud'),
  };
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
      { posts },
      () => (
        <HomePage posts={posts} featured={featured} topics={tagCounts(posts)} series={series} />
      ),
    ),
    page(
      '/archive/',
      { title: 'Archive', description: `All ${posts.length} essays on ${site.title}, by year.` },
      { posts },
      () => <ArchivePage posts={posts} />,
    ),
    page(
      '/tags/',
      {
        title: 'Topics',
        description: `The topics ${site.title} writes about, with the number of essays on each.`,
      },
      { counts: tagCounts(posts) },
      () => <TagIndexPage counts={tagCounts(posts)} />,
    ),
    page(
      '/embed/',
      {
        title: 'Embed the latest essays',
        description: `Show the newest ${site.title} essays on your own site with one script tag; it keeps working without JavaScript.`,
        scripts: [versionedScriptPath(widgetBuild().version)],
      },
      { posts, widget: widgetBuild() },
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
      { has: aboutLinks },
      () => <AboutPage has={aboutLinks} />,
    ),
    page(
      '/404',
      {
        title: 'Page not found',
        description: 'This page does not exist. Search the essays or start from the newest ones.',
        noindex: true,
      },
      { latest: latestPosts(posts, 5) },
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
        { tagged },
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
        { entry },
        () => <SeriesPage series={entry} />,
      ),
    );
  }
  const relatedByEssay = relatedPostsOfAll(posts, 3);
  for (const [index, meta] of posts.entries()) {
    const newer = posts[index - 1];
    const older = posts[index + 1];
    const related = relatedByEssay.get(meta.slug) ?? [];
    const place = placeInSeries(series, meta.slug);
    let article: string | undefined;
    const essay = page(
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
      { module: `posts/${meta.slug}.js`, meta, newer, older, related, place },
      () => {
        const post = readPost(meta.slug);
        article = post.html;
        return (
          <EssayPage post={post} newer={newer} older={older} related={related} series={place} />
        );
      },
    );
    list.push({
      ...essay,
      article() {
        const html = article ?? readPost(meta.slug).html;
        article = undefined;
        return html;
      },
    });
  }
  return list;
}
