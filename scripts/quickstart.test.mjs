// The README's Quick start, done as a new reader does it: a fresh clone in a temporary folder, an
// empty home directory (no npm cache, no pnpm store, no global config), and the first command run
// word for word. It passes when the site answers on http://127.0.0.1:5173 with an essay's page,
// and an edit to that essay shows on the page. Slow (a full install from the registry), so it runs
// once, from .ci/run, outside the unit tests: `pnpm test:quickstart`.

import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, test } from 'node:test';

const root = new URL('..', import.meta.url).pathname;
const site = 'http://127.0.0.1:5173';
const minutes = (n) => n * 60_000;

/** The README's compile example, exactly as a reader copies it. */
function compileCommand() {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const line = /```bash\n(pnpm --filter @working-notes\/content compile [^\n]+)\n```/.exec(readme);
  assert.ok(line, 'README.md shows the compile command in a ```bash block');
  return line[1];
}

/** The first line of the README's Quick start block, exactly as a reader copies it. */
function quickStartCommand() {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Quick start'));
  const block = /```bash\n([^\n]+)\n/.exec(section);
  assert.ok(block, 'README.md has a ```bash block under "## Quick start"');
  return block[1];
}

/**
 * The environment of a machine with only Node and npm: this run's PATH without any
 * node_modules/.bin, and none of the variables a package manager or this repository set.
 */
function freshEnvironment(home) {
  const set = /^(?:npm_|pnpm_|INIT_CWD$|TURBO_|XDG_|COREPACK_|NODE_OPTIONS$|NODE_PATH$|VITEST)/i;
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (set.test(key)) continue;
    env[key] = value;
  }
  env.PATH = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => !dir.includes('node_modules'))
    .join(delimiter);
  env.HOME = home;
  env.TURBO_TELEMETRY_DISABLED = '1';
  return env;
}

/** The title an essay's frontmatter gives, in YAML's plain, single- or double-quoted form. */
function titleOf(markdown) {
  const line = /^title:\s*(.+)$/m.exec(markdown)?.[1]?.trim() ?? '';
  if (line.startsWith('"')) return JSON.parse(line);
  if (line.startsWith("'")) return line.slice(1, -1).replaceAll("''", "'");
  return line;
}

function decodeEntities(text) {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec) => String.fromCodePoint(Number(dec)))
    .replaceAll('&quot;', '"')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

async function get(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    return { status: response.status, body: await response.text() };
  } catch {
    return { status: 0, body: '' };
  }
}

function portOpen(port) {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Polls until `check` returns a value, the process dies, or the time runs out. */
async function until(what, timeout, check, running) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (!running()) throw new Error(`the Quick start command exited before ${what}`);
    if (Date.now() > deadline) throw new Error(`no ${what} within ${timeout / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

const work = mkdtempSync(join(tmpdir(), 'wn-quickstart-'));
after(() => rmSync(work, { recursive: true, force: true }));
const clone = join(work, 'working-notes');
const home = join(work, 'home');
let installed = false;

test('the README Quick start, in a fresh clone with an empty HOME, serves the site and shows an edit', async () => {
  assert.equal(
    await portOpen(5173),
    false,
    'something already listens on 127.0.0.1:5173; stop it before this test',
  );
  mkdirSync(home);
  // The committed HEAD, fetched by name so a detached checkout (as CI may have) clones too.
  execFileSync('git', ['clone', '--quiet', '--no-checkout', '--no-hardlinks', root, clone]);
  execFileSync('git', ['fetch', '--quiet', root, 'HEAD'], { cwd: clone });
  execFileSync('git', ['checkout', '--quiet', '--detach', 'FETCH_HEAD'], { cwd: clone });

  const essaysDir = join(clone, 'packages', 'content', 'essays');
  const slug = readdirSync(essaysDir)
    .sort()
    .find((dir) => !/^draft:\s*true/m.test(readFileSync(join(essaysDir, dir, 'index.md'), 'utf8')));
  assert.ok(slug, 'the clone has a published essay');
  const essayFile = join(essaysDir, slug, 'index.md');
  const title = titleOf(readFileSync(essayFile, 'utf8'));

  const command = quickStartCommand();
  const started = Date.now();
  const log = [];
  const child = spawn('bash', ['-c', command], {
    cwd: clone,
    env: freshEnvironment(home),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  for (const stream of [child.stdout, child.stderr])
    stream.on('data', (chunk) => log.push(chunk.toString()));
  const running = () => !exited;
  const seconds = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;

  try {
    await until(
      'answer from the home page',
      minutes(20),
      async () => {
        const home = await get(`${site}/`);
        return home.status === 200;
      },
      running,
    );
    installed = true;
    console.log(`quickstart: home page answered 200 after ${seconds()}`);
    const page = `${site}/essays/${slug}/`;
    await until(
      `essay page with the title "${title}"`,
      minutes(2),
      async () => {
        const essay = await get(page);
        const head = decodeEntities(/<title>([^<]*)<\/title>/.exec(essay.body)?.[1] ?? '');
        return essay.status === 200 && head.includes(title);
      },
      running,
    );
    console.log(`quickstart: ${page} answered 200 with its title after ${seconds()}`);

    const sentence = `The Quick start check ${process.pid}-${Date.now()} added this sentence.`;
    appendFileSync(essayFile, `\n${sentence}\n`);
    const edited = Date.now();
    await until(
      'edit on the essay page',
      minutes(2),
      async () => {
        const essay = await get(page);
        return essay.status === 200 && essay.body.includes(sentence);
      },
      running,
    );
    console.log(`quickstart: the edit showed after ${((Date.now() - edited) / 1000).toFixed(1)} s`);
  } catch (error) {
    throw new Error(
      `${error.message}\n--- output of "${command}" ---\n${log.join('').slice(-6000)}`,
    );
  } finally {
    if (!exited) {
      process.kill(-child.pid, 'SIGTERM');
      const stopped = await new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), 15_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
      if (!stopped) process.kill(-child.pid, 'SIGKILL');
    }
  }
  // Stopping the command's process group stops the whole site: nothing is left on the port.
  await until(
    'free port 5173 after stopping',
    15_000,
    async () => !(await portOpen(5173)),
    () => true,
  );
});

test("the README's compile command, verbatim, from the clone's root", (t) => {
  if (!installed) return t.skip('the Quick start did not install the clone');
  // The README's own rule: without pnpm installed, `npx -y pnpm@10.34.8` works the same.
  const command = compileCommand().replace(/^pnpm /, 'npx -y pnpm@10.34.8 ');
  // A writer's copy of the essays: they link to each other, so all of them.
  const essaysDir = join(clone, 'packages', 'content', 'essays');
  cpSync(essaysDir, join(clone, 'my-essays'), { recursive: true });
  const slugs = readdirSync(essaysDir);
  const printed = execFileSync('bash', ['-c', command], {
    cwd: clone,
    env: freshEnvironment(home),
    encoding: 'utf8',
  });
  assert.match(printed, /content: \d+ essays published/);
  for (const slug of slugs)
    if (!/^draft:\s*true/m.test(readFileSync(join(essaysDir, slug, 'index.md'), 'utf8')))
      assert.ok(existsSync(join(clone, 'my-output', 'posts', `${slug}.js`)), printed);
});
