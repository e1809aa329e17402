import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type ViteDevServer } from 'vite';
import { contentDist, webRoot } from './paths.js';

/**
 * The dev server: Vite serves the client script and CSS with hot reload; pages render on each
 * request from the same React components the build uses. When the content compiler (running in
 * watch mode beside this) rewrites an essay, every open page reloads with the new text.
 */
const fromContent: Record<string, string> = {
  '/rss.xml': 'feeds/rss.xml',
  '/atom.xml': 'feeds/atom.xml',
  '/feed.json': 'feeds/feed.json',
  '/search-index.json': 'search-index.json',
};

const server: ViteDevServer = await createServer({
  root: webRoot,
  // Pages come from our middleware; Vite's SPA fallback would rewrite every path to /index.html.
  appType: 'custom',
  server: { host: '127.0.0.1', port: Number(process.env.PORT ?? 5173) },
  plugins: [
    {
      name: 'working-notes-pages',
      configureServer(vite) {
        vite.watcher.add(contentDist);
        vite.watcher.on('change', (file) => {
          if (!file.startsWith(contentDist)) return;
          vite.moduleGraph.invalidateAll();
          vite.ws.send({ type: 'full-reload' });
        });
        return () => {
          vite.middlewares.use(async (request, response, next) => {
            const path = new URL(request.url ?? '/', 'http://localhost').pathname;
            const content =
              fromContent[path] ??
              (path.startsWith('/essays/') && /\.\w+$/.test(path) ? path.slice(1) : undefined);
            if (content && existsSync(join(contentDist, content))) {
              response.end(readFileSync(join(contentDist, content)));
              return;
            }
            try {
              const { routes } = (await vite.ssrLoadModule(
                '/src/site/routes.tsx',
              )) as typeof import('../src/site/routes.js');
              const all = routes();
              const route =
                all.find((candidate) => candidate.path === path) ??
                all.find((candidate) => candidate.file === '404.html');
              if (!route) return next();
              const html = await route.render({
                css: ['/src/styles/site.css'],
                script: '/src/client/enhance.ts',
                devHead: '<script type="module" src="/@vite/client"></script>',
              });
              response.statusCode = route.path === path ? 200 : 404;
              response.setHeader('Content-Type', 'text/html; charset=utf-8');
              response.end(html);
            } catch (error) {
              vite.ssrFixStacktrace(error as Error);
              next(error);
            }
          });
        };
      },
    },
  ],
});
await server.listen();
server.printUrls();
