import { site } from '@working-notes/content';
import type { ReactNode } from 'react';
import { feeds, llmsPath } from '../public-paths.js';

const [rss, atom, json] = feeds;

/** Header, main and footer around every page. Controls that need JS stay invisible without it. */
export function Chrome({ children }: { children: ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <a className="site-name" href="/">
          {site.title}
        </a>
        <nav aria-label="Site">
          <ul>
            <li>
              <a href="/archive/">Archive</a>
            </li>
            <li>
              <a href="/tags/">Tags</a>
            </li>
            <li>
              <a href="/embed/">Embed</a>
            </li>
          </ul>
        </nav>
        <div className="controls" data-needs-js="">
          <button
            type="button"
            className="control"
            data-search-open=""
            aria-keyshortcuts="/ Control+K Meta+K"
          >
            Search <kbd>/</kbd>
          </button>
          <button type="button" className="control" data-theme-toggle="" aria-pressed="false">
            Dark theme
          </button>
        </div>
      </header>
      <main id="main">{children}</main>
      <footer className="site-footer">
        <p>
          Follow by <a href={rss.path}>{rss.label}</a>, <a href={atom.path}>{atom.label}</a> or{' '}
          <a href={json.path}>{json.label}</a>. Essays for machines: <a href={llmsPath}>llms.txt</a>
          .
        </p>
        <p>Essays © {site.author}, licensed CC BY 4.0.</p>
      </footer>
    </>
  );
}
