// The entry of each Open Graph card worker (scripts/og-images.ts starts them). A worker thread
// does not inherit the parent's `--import tsx`, so it registers tsx itself before loading the
// TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./og-worker.ts');
