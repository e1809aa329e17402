import { watch } from 'node:fs';

/**
 * Calls `rebuild` after essays change, coalescing a burst of events (an editor's save writes
 * more than once) into one build, and never running two builds at the same time.
 */
export function watchEssays(essaysDir: string, rebuild: () => Promise<unknown>): () => void {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let again = false;
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = rebuild();
    await running;
    running = undefined;
    if (again) {
      again = false;
      await run();
    }
  };
  const watcher = watch(essaysDir, { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(run, 30);
  });
  console.log(`content: watching ${essaysDir} for changes`);
  return () => watcher.close();
}
