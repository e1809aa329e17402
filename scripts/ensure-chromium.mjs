// The browser tests need Debian's Chromium: nothing else can be downloaded on these machines.
// On a fresh Debian machine, as root, install it; otherwise say exactly what is missing.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

import { chromiumPath as path } from './chromium.mjs';

if (!existsSync(path)) {
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    console.error(
      `The browser tests need Chromium at ${path}.\nInstall it with: sudo apt-get install -y chromium (or set CHROMIUM_PATH).`,
    );
    process.exit(1);
  }
  console.log("Installing Debian's Chromium for the browser tests (apt-get install chromium)...");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
}
