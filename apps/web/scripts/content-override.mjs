// Loaded with `--import` by scripts run under tsx (the card benchmark): when WORKING_NOTES_CONTENT names a stand-in
// content package, every `@working-notes/content` import resolves to it instead of the workspace
// package, so the site is rendered from a synthetic corpus by the very same code.
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';

if (process.env.WORKING_NOTES_CONTENT) {
  register(
    'data:text/javascript,' +
      encodeURIComponent(`
        const root = ${JSON.stringify(pathToFileURL(`${process.env.WORKING_NOTES_CONTENT}/`).href)};
        const name = '@working-notes/content';
        export async function resolve(specifier, context, next) {
          if (specifier !== name && !specifier.startsWith(name + '/')) return next(specifier, context);
          // Resolve as if imported from inside a folder whose node_modules holds the stand-in.
          return next(specifier, { ...context, parentURL: new URL('../../../resolve-from.js', root).href });
        }
      `),
  );
}
