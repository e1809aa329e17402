#!/usr/bin/env node
// Builds a package's output folder atomically and one build at a time:
//
//   node ../../scripts/atomic-build.mjs dist build:into [--seed]
//
// runs the package.json script `build:into` with OUT_DIR naming a fresh folder beside `dist`
// (`.dist.building-<pid>`), and only when it exits 0 swaps that folder into place. A build that
// fails or is interrupted leaves the last good `dist/` exactly as it was, and its half-written
// folder is removed (now, or by the next build if it was killed outright). `--seed` starts the
// new folder as a copy of the current one, for builders that only rewrite what changed;
// `--seed=link` as hard links to its files, which is much faster for thousands of files, for
// builders that never write into a file they did not create (they unlink it and write anew).
// The script gets OUT_DIR, the folder to build, and ATOMIC_BUILD_TARGET, the one it will become.
//
// A lock file beside the folder (`.dist.lock`, holding the builder's pid) makes builds of the
// same folder exclusive: a second one waits for the first, saying so, and gives up after
// ATOMIC_BUILD_WAIT seconds (600 by default). A lock whose process is gone is taken over.
import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const [targetArgument, scriptName, ...flags] = process.argv.slice(2);
if (
  !targetArgument ||
  !scriptName ||
  flags.some((flag) => flag !== '--seed' && flag !== '--seed=link')
) {
  console.error('usage: atomic-build.mjs <output folder> <package script> [--seed | --seed=link]');
  process.exit(2);
}
const target = resolve(targetArgument);
const folder = dirname(target);
const name = basename(target);
const packageJson = JSON.parse(readFileSync('package.json', 'utf8'));
const command = packageJson.scripts?.[scriptName];
if (!command) {
  console.error(`atomic-build: package.json has no script "${scriptName}"`);
  process.exit(2);
}
const label = `${packageJson.name ?? basename(process.cwd())} ${relative(process.cwd(), target) || name}/`;
const lock = join(folder, `.${name}.lock`);
const building = join(folder, `.${name}.building-${process.pid}`);
const retired = join(folder, `.${name}.old-${process.pid}`);
const waitSeconds = Number(process.env.ATOMIC_BUILD_WAIT ?? 600);

function alive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function readLock() {
  try {
    return { text: readFileSync(lock, 'utf8'), ...JSON.parse(readFileSync(lock, 'utf8')) };
  } catch {
    return undefined;
  }
}

async function acquire() {
  const started = Date.now();
  let said = false;
  for (;;) {
    try {
      writeFileSync(
        lock,
        JSON.stringify({ pid: process.pid, since: new Date().toISOString(), script: scriptName }),
        { flag: 'wx' },
      );
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    const holder = readLock();
    if (!holder && Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0) > 5000) {
      rmSync(lock, { force: true }); // unreadable and old: a builder killed while writing it
      continue;
    }
    if (holder && !alive(holder.pid)) {
      // Its builder is gone (killed): take the lock over, unless another waiter just did.
      if (readLock()?.text === holder.text) rmSync(lock, { force: true });
      continue;
    }
    if (!said) {
      console.error(
        `${label}: another build is running (pid ${holder?.pid ?? '?'}, since ${holder?.since ?? '?'}); waiting for it to finish`,
      );
      said = true;
    }
    if (Date.now() - started > waitSeconds * 1000) {
      console.error(
        `${label}: gave up after ${waitSeconds} s waiting for pid ${holder?.pid ?? '?'}. If no build is running, delete ${lock}`,
      );
      process.exit(75);
    }
    await sleep(200);
  }
}

function release() {
  if (readLock()?.pid === process.pid) unlinkSync(lock);
}

/** Puts back a folder a killed build had moved aside, and removes what dead builds left. */
function recover() {
  const leftovers = readdirSync(folder).filter(
    (entry) => entry.startsWith(`.${name}.building-`) || entry.startsWith(`.${name}.old-`),
  );
  for (const entry of leftovers) {
    const pid = Number(entry.slice(entry.lastIndexOf('-') + 1));
    if (alive(pid) && pid !== process.pid) continue;
    const path = join(folder, entry);
    if (entry.includes('.old-') && !existsSync(target)) {
      renameSync(path, target);
      console.error(`${label}: restored the last good build, which an interrupted swap had moved`);
    } else rmSync(path, { recursive: true, force: true });
  }
}

function run() {
  return new Promise((resolvePromise) => {
    const child = spawn('sh', ['-c', command], {
      stdio: 'inherit',
      env: { ...process.env, OUT_DIR: building, ATOMIC_BUILD_TARGET: target },
    });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    process.on('SIGHUP', forward);
    child.on('exit', (code, signal) => resolvePromise({ code, signal }));
  });
}

/** The same tree of folders, its files hard links to the originals. */
function linkTree(from, to) {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const copy = join(to, entry.name);
    if (entry.isDirectory()) linkTree(source, copy);
    else if (entry.isFile()) linkSync(source, copy);
    else cpSync(source, copy, { verbatimSymlinks: true });
  }
}

await acquire();
let code = 1;
try {
  recover();
  rmSync(building, { recursive: true, force: true });
  if (flags.includes('--seed') && existsSync(target))
    cpSync(target, building, { recursive: true, verbatimSymlinks: true });
  else if (flags.includes('--seed=link') && existsSync(target)) linkTree(target, building);
  else mkdirSync(building, { recursive: true });
  const result = await run();
  if (result.code === 0) {
    // Two renames on one file system: the old folder is whole until the instant the new one is.
    if (existsSync(target)) renameSync(target, retired);
    renameSync(building, target);
    rmSync(retired, { recursive: true, force: true });
    code = 0;
  } else {
    code = result.code ?? 128 + (result.signal === 'SIGINT' ? 2 : 15);
    console.error(
      `${label}: build ${result.signal ? `stopped by ${result.signal}` : `failed (exit ${result.code})`}; ${existsSync(target) ? 'the last good build is still in place' : 'there is no earlier build'}`,
    );
  }
} finally {
  rmSync(building, { recursive: true, force: true });
  release();
}
process.exit(code);
