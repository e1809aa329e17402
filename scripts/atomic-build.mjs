#!/usr/bin/env node
// Builds a package's output folder atomically and one build at a time:
//
//   node ../../scripts/atomic-build.mjs dist build:into [--seed]
//
// runs the package.json script `build:into` with OUT_DIR naming a fresh folder beside `dist`
// (`.dist.building-<pid>`), and only when it exits 0 swaps that folder into place. A build that
// fails or is interrupted leaves the last good `dist/` exactly as it was, and its half-written
// folder is removed (now, or by the next build if it was killed outright). `--seed` starts the
// new folder as a copy of the current one, for builders that only rewrite what changed.
//
// `--stage` is for builders that know what changed (the site's pages): when `dist` exists, the
// script writes only new and changed files into OUT_DIR, reading the rest from
// ATOMIC_BUILD_TARGET, and lists the files to remove, one per line, in OUT_DIR/.atomic-remove.
// On success the changes are committed into `dist` file by file (renames), after a journal
// naming them is written; a commit that is interrupted is finished by the next build before it
// starts. So `dist` is whole until the commit, which for an edit moves a few files, instead of
// every build copying thousands. Without `dist`, it builds a fresh folder as without a flag.
// The script always gets OUT_DIR, the folder to write, and ATOMIC_BUILD_TARGET, the one it becomes.
//
// A lock file beside the folder (`.dist.lock`, holding the builder's pid) makes builds of the
// same folder exclusive: a second one waits for the first, saying so, and gives up after
// ATOMIC_BUILD_WAIT seconds (600 by default). A lock whose process is gone is taken over.
import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { alive } from './alive.mjs';

const [targetArgument, scriptName, ...flags] = process.argv.slice(2);
if (
  !targetArgument ||
  !scriptName ||
  flags.some((flag) => flag !== '--seed' && flag !== '--stage')
) {
  console.error('usage: atomic-build.mjs <output folder> <package script> [--seed | --stage]');
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
const journal = join(folder, `.${name}.commit`);
const removeList = '.atomic-remove';
const waitSeconds = Number(process.env.ATOMIC_BUILD_WAIT ?? 600);

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

function run(staging) {
  return new Promise((resolvePromise) => {
    const child = spawn('sh', ['-c', command], {
      stdio: 'inherit',
      env: {
        ...process.env,
        OUT_DIR: building,
        ATOMIC_BUILD_TARGET: target,
        ATOMIC_BUILD_MODE: staging ? 'stage' : 'fresh',
      },
    });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    process.on('SIGHUP', forward);
    child.on('exit', (code, signal) => resolvePromise({ code, signal }));
  });
}

/** The files under `dir`, as paths relative to it. */
function filesIn(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

/**
 * Moves a staged build into `target`: the journal first (written beside and renamed, so it is
 * whole or absent), then each staged file renamed over its old self, then the removals. Run again
 * on the same journal, it finishes what an interrupted run left: moved files are simply missing.
 */
function commit(staged) {
  const removals = existsSync(join(staged, removeList))
    ? readFileSync(join(staged, removeList), 'utf8').split('\n').filter(Boolean)
    : [];
  rmSync(join(staged, removeList), { force: true });
  writeFileSync(`${journal}.tmp`, JSON.stringify({ staged, removals }));
  renameSync(`${journal}.tmp`, journal);
  finishCommit();
}

function finishCommit() {
  const { staged, removals } = JSON.parse(readFileSync(journal, 'utf8'));
  if (existsSync(staged)) {
    for (const file of filesIn(staged)) {
      mkdirSync(dirname(join(target, file)), { recursive: true });
      renameSync(join(staged, file), join(target, file));
    }
  }
  for (const file of removals) {
    rmSync(join(target, file), { force: true });
    // A folder the removal emptied (an essay's) goes too; rmdir refuses one that is not empty.
    for (let dir = dirname(join(target, file)); dir !== target; dir = dirname(dir)) {
      try {
        rmdirSync(dir);
      } catch {
        break;
      }
    }
  }
  rmSync(staged, { recursive: true, force: true });
  unlinkSync(journal);
}

await acquire();
let code = 1;
try {
  if (existsSync(journal)) {
    finishCommit();
    console.error(`${label}: finished the commit an interrupted build had started`);
  }
  recover();
  rmSync(building, { recursive: true, force: true });
  const staging = flags.includes('--stage') && existsSync(target);
  if (flags.includes('--seed') && existsSync(target))
    cpSync(target, building, { recursive: true, verbatimSymlinks: true });
  else mkdirSync(building, { recursive: true });
  const result = await run(staging);
  if (result.code === 0 && staging) {
    commit(building);
    code = 0;
  } else if (result.code === 0) {
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
