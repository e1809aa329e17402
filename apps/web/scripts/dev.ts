import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { posix } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';
import { scriptHash, speculationRules, themeScript } from '../src/site/inline-scripts.js';
import { headerRules, headersFile, headersFor, parseHeaders } from './headers.js';
import { contentDist, webRoot } from './paths.js';

type Outputs = typeof import('./outputs.js');

/**
 * The dev server: Vite serves the client script and CSS with hot reload; every other path is
 * looked up in the table of outputs (scripts/outputs.ts) and produced on request by the same code
 * the build runs, so a page renders from the React components as they are saved. Every response
 * carries the production headers, CSP included, derived from the same table; the one addition is
 * a per-response nonce for the styles of Vite's error overlay. When the content compiler (in watch
 * mode beside this) rewrites an essay, every open page reloads with the new text.
 */
export async function startDevServer(
  port = Number(process.env.PORT ?? 5173),
): Promise<{ url: string; close(): Promise<void> }> {
  const nonces = new WeakMap<IncomingMessage, string>();
  const scriptHashes = [scriptHash(themeScript), scriptHash(speculationRules)];

  const server: ViteDevServer = await createServer({
    root: webRoot,
    // Pages come from our middleware; Vite's SPA fallback would rewrite every path to /index.html.
    appType: 'custom',
    logLevel: process.env.VITEST ? 'silent' : 'info',
    server: { host: '127.0.0.1', port, strictPort: port !== 0 },
    plugins: [
      {
        name: 'working-notes-pages',
        configureServer(vite) {
          const load = () => vite.ssrLoadModule('/scripts/outputs.ts') as Promise<Outputs>;
          vite.watcher.add(contentDist);
          vite.watcher.on('change', (file) => {
            if (!file.startsWith(contentDist)) return;
            vite.moduleGraph.invalidateAll();
            vite.ws.send({ type: 'full-reload' });
          });

          // First, for every response Vite or we send: the production headers for its path.
          vite.middlewares.use((request, response, next) => {
            const nonce = randomBytes(16).toString('base64');
            nonces.set(request, nonce);
            load()
              .then(({ outputs }) => {
                const rules = parseHeaders(
                  headersFile(headerRules(outputs, { scriptHashes, styleNonce: nonce })),
                );
                for (const [name, value] of headersFor(rules, pathOf(request)))
                  response.setHeader(name, value);
                next();
              })
              .catch(next);
          });

          // Last, whatever Vite did not serve: the table of outputs, then the 404 page.
          return () => {
            vite.middlewares.use(async (request, response, next) => {
              try {
                const { lookUp, typeOf } = await load();
                if (request.method !== 'GET' && request.method !== 'HEAD') {
                  response.statusCode = 405;
                  response.setHeader('Allow', 'GET, HEAD');
                  response.end();
                  return;
                }
                const path = pathOf(request);
                const nonce = nonces.get(request) ?? '';
                const context = {
                  assets: {
                    css: ['/src/styles/site.css'],
                    script: '/src/client/enhance.ts',
                    devHead: `<meta property="csp-nonce" nonce="${nonce}"><script type="module" src="/@vite/client"></script>`,
                  },
                  viteFiles: [],
                };
                const found = lookUp(path, context);
                if (found?.file.body) {
                  const type = typeOf(found.output, path);
                  if (type) response.setHeader('Content-Type', type);
                  send(response, request, 200, await found.file.body());
                  return;
                }
                if (!path.endsWith('/') && lookUp(`${path}/`, context)) {
                  response.statusCode = 301;
                  response.setHeader('Location', `${path}/`);
                  response.end();
                  return;
                }
                const missing = lookUp('/404.html', context);
                const rules = parseHeaders(
                  headersFile(
                    headerRules((await load()).outputs, { scriptHashes, styleNonce: nonce }),
                  ),
                );
                for (const name of response.getHeaderNames()) response.removeHeader(name);
                for (const [name, value] of headersFor(rules, '/404.html'))
                  response.setHeader(name, value);
                if (!missing?.file.body) return next();
                send(response, request, 404, await missing.file.body());
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
  const address = server.httpServer?.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return { url: `http://127.0.0.1:${actual}`, close: () => server.close() };
}

/** The request's path, decoded and normalised; `/` when it does not decode. */
function pathOf(request: IncomingMessage): string {
  const raw = (request.url ?? '/').split('?')[0] ?? '/';
  try {
    return posix.normalize(decodeURIComponent(raw));
  } catch {
    return '/';
  }
}

function send(
  response: ServerResponse,
  request: IncomingMessage,
  status: number,
  body: string | Uint8Array,
): void {
  response.statusCode = status;
  response.setHeader('Content-Length', Buffer.byteLength(body));
  response.end(request.method === 'HEAD' ? undefined : body);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { url } = await startDevServer();
  console.log(`Working Notes dev server: ${url}/ (production headers and CSP; Ctrl+C to stop)`);
}
