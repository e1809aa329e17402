/**
 * Marks the contents link of the section being read: the last section whose heading has passed
 * the top quarter of the window. An IntersectionObserver reports headings crossing that line, so
 * nothing is measured on the main thread while the reader scrolls.
 */
export function setUpContentsHighlight(): void {
  const links = new Map<Element, HTMLAnchorElement>();
  for (const link of document.querySelectorAll<HTMLAnchorElement>('.toc a[href^="#"]')) {
    const heading = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (heading) links.set(heading, link);
  }
  if (links.size === 0) return;

  const passed = new Set<Element>();
  let marked: HTMLAnchorElement | undefined;
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const above = entry.boundingClientRect.top < (entry.rootBounds?.bottom ?? 0);
        if (above) passed.add(entry.target);
        else passed.delete(entry.target);
      }
      // Headings are in document order, so the last one passed is the section being read.
      let reading: HTMLAnchorElement | undefined;
      for (const [heading, link] of links) if (passed.has(heading)) reading = link;
      if (reading === marked) return;
      marked?.removeAttribute('aria-current');
      reading?.setAttribute('aria-current', 'true');
      marked = reading;
    },
    { rootMargin: '0px 0px -75% 0px' },
  );
  for (const heading of links.keys()) observer.observe(heading);
}
