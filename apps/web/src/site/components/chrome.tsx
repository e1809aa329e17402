import { site } from '@working-notes/content';
import type { ReactNode } from 'react';
import { feeds, llmsPath } from '../public-paths.js';
import { DarkThemeIcon, LightThemeIcon, SearchIcon, SiteMark, SystemThemeIcon } from './icons.js';

const sections = [
  { href: '/archive/', label: 'Archive' },
  { href: '/tags/', label: 'Topics' },
  { href: '/about/', label: 'About' },
];

/**
 * Header, main and footer around every page. The header is one row at every width; controls that
 * need JS stay invisible without it.
 */
export function Chrome({ path, children }: { path: string; children: ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <a className="site-name" href="/" aria-current={path === '/' ? 'page' : undefined}>
          <SiteMark />
          <span className="site-name-text">{site.title}</span>
        </a>
        <nav aria-label="Site">
          <ul>
            {sections.map((section) => (
              <li key={section.href}>
                <a
                  href={section.href}
                  aria-current={path.startsWith(section.href) ? 'page' : undefined}
                >
                  {section.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="controls" data-needs-js="">
          <button
            type="button"
            className="control"
            data-search-open=""
            aria-keyshortcuts="/ Control+K Meta+K"
          >
            <SearchIcon />
            <span className="visually-hidden">Search essays</span>
            <span className="kbd" aria-hidden="true">
              /
            </span>
          </button>
          <button type="button" className="control theme-toggle" data-theme-toggle="">
            <SystemThemeIcon />
            <LightThemeIcon />
            <DarkThemeIcon />
            <span className="visually-hidden" data-theme-label="">
              Theme: system
            </span>
          </button>
        </div>
      </header>
      <main id="main">{children}</main>
      <footer className="site-footer">
        <div>
          <p>
            Written by <a href="/about/">{site.author}</a>. Essays licensed CC BY 4.0.
          </p>
        </div>
        <nav aria-label="Feeds and more">
          <ul>
            {feeds.map((feed) => (
              <li key={feed.path}>
                <a href={feed.path}>{feed.label}</a>
              </li>
            ))}
            <li>
              <a href="/embed/">Embed</a>
            </li>
            <li>
              <a href={llmsPath}>llms.txt</a>
            </li>
          </ul>
        </nav>
      </footer>
    </>
  );
}
