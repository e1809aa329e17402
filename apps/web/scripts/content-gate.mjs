// The content gate between the two steps of `pnpm site` (build-site.mjs), which run at once: the
// compile, and the pages step (build-pages.mjs), which must not read the content before the
// compile has ended. The command opens the gate by writing a file saying whether the compile
// succeeded; the pages step waits for that file while the command that will write it lives.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { alive } from '../../../scripts/alive.mjs';

/** Opens `gate`: written beside and renamed, so a reader never sees half of it. */
export function openGate(gate, ok) {
  writeFileSync(`${gate}.tmp`, JSON.stringify({ ok }));
  renameSync(`${gate}.tmp`, gate);
}

/** True once `gate` says the compile succeeded; false if it failed or `keeper` is gone. */
export async function passGate(gate, keeper) {
  for (;;) {
    let verdict;
    try {
      verdict = readFileSync(gate, 'utf8');
    } catch {
      if (!alive(keeper)) return false;
      await sleep(5);
      continue;
    }
    return JSON.parse(verdict).ok === true;
  }
}
