// The build writes into a temporary folder that scripts/atomic-build.mjs swaps into dist/, so
// the analyzer must not copy that folder's name into package.json: `customElements` keeps
// naming the published path, dist/custom-elements.json.
export default { packagejson: false };
