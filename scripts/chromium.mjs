// How every browser run in the repository starts Chromium: Debian's build (CHROMIUM_PATH
// overrides), headless, and quiet, so tests and reports never reach beyond 127.0.0.1.
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
