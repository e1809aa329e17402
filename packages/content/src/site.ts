/**
 * The one site configuration. Feeds, canonical URLs and the web app all read it, so a domain
 * change is one edit here.
 */
export const site = {
  url: 'https://workingnotes.dev',
  title: 'Working Notes',
  description:
    'Essays and working notes on software architecture, infrastructure, AI tooling, APIs and the tradeoffs behind production systems.',
  /** The person who writes the essays; the site's about page and every feed name them. */
  author: 'Lucas Moraes',
  language: 'en',
  /** How many of the newest essays the feeds carry, each with its full content. */
  feedItems: 50,
} as const;

export type Site = typeof site;

/** The path of an essay on the site, for example `/essays/inside-v8/`. */
export function essayPath(slug: string): string {
  return `/essays/${slug}/`;
}
