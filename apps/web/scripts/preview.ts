import { existsSync } from 'node:fs';
import { outDir } from './paths.js';
import { serveStatic } from './static-server.js';

// pnpm preview: the production build, served with the same _headers the CDN applies.
if (!existsSync(outDir)) {
  console.error('No build to preview: run pnpm build first.');
  process.exit(1);
}
const { url } = await serveStatic(outDir, Number(process.env.PORT ?? 4173));
console.log(`Working Notes preview: ${url}/ (production build, _headers applied; Ctrl+C to stop)`);
