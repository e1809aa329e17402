// A page worker started before there is anything to render: scripts/build-pages.mjs starts these
// on a cold build while the essays still compile, so that a thread's start and the loading of
// React are done by the time the content can be read. The renderer itself (which imports the
// content) is loaded when the first message says where it is; the message also names the pages.
// Plain JavaScript and outside the renderer's bundle, for the same reason as build-pages.mjs.
import { parentPort } from 'node:worker_threads';

await Promise.all([import('react-dom/server'), import('react/jsx-runtime')]);
parentPort?.once('message', async ({ renderer, job, order, counter }) => {
  const { renderShare } = await import(renderer);
  parentPort?.postMessage(await renderShare(job, order, counter));
});
