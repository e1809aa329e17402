import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { outDir } from './paths.js';
import { serveStatic } from './static-server.js';

// pnpm preview [--dir <folder>]: a production build (dist/, or a site `pnpm site` built), served
// with the same _headers the CDN applies. A relative --dir means the folder the command was typed in.
const { values } = parseArgs({ options: { dir: { type: 'string' } } });
const dir = values.dir ? resolve(process.env.INIT_CWD ?? process.cwd(), values.dir) : outDir;
if (!existsSync(dir)) {
  console.error(
    values.dir
      ? `No site in ${dir}: build one with pnpm site.`
      : 'No build to preview: run pnpm build first.',
  );
  process.exit(1);
}
const { url } = await serveStatic(dir, Number(process.env.PORT ?? 4173));
console.log(`Working Notes preview: ${url}/ (production build, _headers applied; Ctrl+C to stop)`);
