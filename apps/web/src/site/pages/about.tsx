import { essayPath, site } from '@working-notes/content';
import type { ReactNode } from 'react';

interface AboutPageProps {
  /** Which of the pages this one names exist in the corpus being built. */
  has: { guaraEssay: boolean; guaraSeries: boolean };
}

/** A link when its page exists, its words alone when not: a preview of another corpus lacks it. */
function LinkIf({
  exists,
  href,
  children,
}: {
  exists: boolean;
  href: string;
  children: ReactNode;
}) {
  return exists ? <a href={href}>{children}</a> : children;
}

/** Who writes the essays, what they work on, and where to follow. */
export function AboutPage({ has }: AboutPageProps) {
  return (
    <div className="page prose-page">
      <h1>About</h1>
      <p className="lede">
        I am {site.author}, a software engineer from Brazil. I write here about the systems I build
        and the tradeoffs I would like to have understood sooner.
      </p>
      <p>
        For four years I worked in product engineering at Deel, on software that decides whether
        people get hired and paid on time. In June 2026 I left to build{' '}
        <LinkIf exists={has.guaraEssay} href={essayPath('why-i-am-building-guara-cloud')}>
          Guara Cloud
        </LinkIf>
        , a platform for deploying web applications, priced in reais, that runs on bare-metal
        Kubernetes I operate myself. The series{' '}
        <LinkIf exists={has.guaraSeries} href="/series/building-guara-cloud/">
          Building Guara Cloud
        </LinkIf>{' '}
        follows that work as it happens, incidents included.
      </p>
      <p>
        Before that, evenings went to a homelab that grew from one tower under a desk into a rack,
        and to side products: Threadrize, an AI tool for people who write on X; SQLTemple, an SQL
        editor with an assistant built in; and Quintile, a framework for teams of AI agents. Each
        left an essay behind.
      </p>
      <p>
        The essays are licensed CC BY 4.0: quote them, translate them, build on them, and say where
        they came from. They are also published as a typed npm package,{' '}
        <code>@working-notes/content</code>, and as <a href="/rss.xml">RSS</a>,{' '}
        <a href="/atom.xml">Atom</a> and <a href="/feed.json">JSON</a> feeds.
      </p>
      <p>
        If an essay is wrong, I want to know: the newest ones say so in an update when a reader
        catches something. Start with <a href="/">the essays I would read first</a>, or{' '}
        <a href="/archive/">the whole archive</a>.
      </p>
    </div>
  );
}
