/**
 * Marks the contents link of the section being read. A section counts as read once its heading
 * has passed the top quarter of the window; the check runs at most once a frame while scrolling.
 */
export function setUpContentsHighlight(): void {
  const links = [...document.querySelectorAll<HTMLAnchorElement>('.toc a[href^="#"]')];
  const targets = links
    .map((link) => ({ link, heading: document.getElementById(link.hash.slice(1)) }))
    .filter((entry): entry is { link: HTMLAnchorElement; heading: HTMLElement } =>
      Boolean(entry.heading),
    );
  if (targets.length === 0) return;

  let marked: HTMLAnchorElement | undefined;
  let queued = false;
  const update = () => {
    queued = false;
    const line = innerHeight / 4;
    let reading: HTMLAnchorElement | undefined;
    for (const { link, heading } of targets) {
      if (heading.getBoundingClientRect().top > line) break;
      reading = link;
    }
    if (reading === marked) return;
    marked?.removeAttribute('aria-current');
    reading?.setAttribute('aria-current', 'true');
    marked = reading;
  };
  addEventListener(
    'scroll',
    () => {
      if (!queued) {
        queued = true;
        requestAnimationFrame(update);
      }
    },
    { passive: true },
  );
  update();
}
