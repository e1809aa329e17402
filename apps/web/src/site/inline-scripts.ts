import { createHash } from 'node:crypto';

/**
 * Runs in <head> before the first paint: applies the reader's saved theme, so a dark-theme reader
 * never sees a light flash, and marks the page as scripted so JS-only controls can show.
 */
export const themeScript =
  "(()=>{var d=document.documentElement;try{var t=localStorage.getItem('theme');if(t==='light'||t==='dark')d.dataset.theme=t}catch(e){}d.classList.add('js')})()";

/**
 * Prefetches and prerenders same-site pages when a reader hovers a link: instant navigation with no
 * router shipped. Feeds and raw files are excluded.
 */
export const speculationRules = JSON.stringify({
  prerender: [
    {
      where: {
        and: [{ href_matches: '/*' }, { not: { href_matches: '/*.(xml|json|md|txt|png)' } }],
      },
      eagerness: 'moderate',
    },
  ],
});

/** The CSP source for an inline script: its SHA-256, so no 'unsafe-inline' is needed. */
export function scriptHash(source: string): string {
  return `'sha256-${createHash('sha256').update(source).digest('base64')}'`;
}
