import { spawnSync } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/**
 * util-linux's runuser, which lives in /usr/sbin: a root shell started without the sbin folders on
 * its PATH (cron, `env -i`, some CI images) would otherwise not find it.
 */
function runuser(): string {
  return ['/usr/sbin/runuser', '/sbin/runuser'].find((path) => existsSync(path)) ?? 'runuser';
}

/**
 * The checks for an essay's SQL, Python, shell and YAML blocks (TypeScript is `samples.ts`).
 * The conventions are in docs/essay-format.md: SQL blocks of one essay run in order in a fresh
 * PostgreSQL database and one psql session, `fails` marks a SQL block that must raise an error, `fragment` marks a block
 * that is not run; Python blocks run in order as one python3 program; shell blocks go through
 * `bash -n`; YAML blocks are parsed. Every problem starts `essay-file:line:`.
 */

export type SampleKind = 'sql' | 'python' | 'shell' | 'yaml';

export interface RunnableBlock {
  kind: SampleKind;
  code: string;
  /** The essay line of the opening fence; the code's first line is the line after it. */
  line: number;
  /** A SQL block that must raise an error. */
  fails: boolean;
}

const kinds: Record<string, SampleKind> = {
  sql: 'sql',
  python: 'python',
  py: 'python',
  bash: 'shell',
  sh: 'shell',
  shell: 'shell',
  yaml: 'yaml',
  yml: 'yaml',
};

const hasWord = (meta: string, word: string) => meta.split(/\s+/).includes(word);

/** The blocks an essay's checks run, in essay order; `fragment` blocks are left out. */
export function runnableBlocks(
  code: readonly { lang: string; meta: string; value: string; line: number }[],
): RunnableBlock[] {
  const blocks: RunnableBlock[] = [];
  for (const block of code) {
    const kind = kinds[block.lang.toLowerCase()];
    if (!kind || hasWord(block.meta, 'fragment')) continue;
    blocks.push({ kind, code: block.value, line: block.line, fails: hasWord(block.meta, 'fails') });
  }
  return blocks;
}

/**
 * The checks that need no server: `fails` on anything but SQL (a mistake worth a clear message),
 * shell syntax, YAML parsing and the Python program.
 */
export function checkScripts(
  blocks: readonly RunnableBlock[],
  dir: string,
  essayFile: string,
  cwd: string,
): string[] {
  return [
    ...misplacedFails(blocks, essayFile),
    ...checkShell(blocks, join(dir, 'shell'), essayFile),
    ...checkYaml(blocks, essayFile),
    ...checkPython(blocks, join(dir, 'python'), essayFile, cwd),
  ];
}

function misplacedFails(blocks: readonly RunnableBlock[], essayFile: string): string[] {
  return blocks
    .filter((block) => block.fails && block.kind !== 'sql')
    .map(
      (block) =>
        `${essayFile}:${block.line}: \`fails\` is only for sql blocks; mark this ${block.kind} block \`fragment\` or make it run`,
    );
}

/** Each shell block through `bash -n`, in its own file; bash's line numbers become essay lines. */
export function checkShell(
  blocks: readonly RunnableBlock[],
  dir: string,
  essayFile: string,
): string[] {
  mkdirSync(dir, { recursive: true });
  const problems: string[] = [];
  blocks
    .filter((block) => block.kind === 'shell')
    .forEach((block, index) => {
      const file = join(dir, `block-${index + 1}.sh`);
      writeFileSync(file, block.code);
      const result = spawnSync('bash', ['-n', file], { encoding: 'utf8' });
      if (result.error) throw result.error;
      if (result.status === 0) return;
      const lines = result.stderr.trim().split('\n');
      for (const text of lines) {
        const match = new RegExp(`^${escapeRegExp(file)}: line (\\d+): (.*)$`).exec(text);
        problems.push(
          match
            ? `${essayFile}:${block.line + Number(match[1])}: bash -n: ${match[2]}`
            : `${essayFile}:${block.line}: bash -n: ${text}`,
        );
      }
    });
  return problems;
}

/** Each YAML block parsed as a stream of documents; any parse error is a problem. */
export function checkYaml(blocks: readonly RunnableBlock[], essayFile: string): string[] {
  const problems: string[] = [];
  for (const block of blocks) {
    if (block.kind !== 'yaml') continue;
    for (const doc of parseAllDocuments(block.code)) {
      for (const error of doc.errors) {
        const line = error.linePos?.[0].line ?? 1;
        problems.push(`${essayFile}:${block.line + line}: YAML: ${error.message.split('\n')[0]}`);
      }
    }
  }
  return problems;
}

/**
 * The essay's Python blocks run in order as one python3 program: each block is compiled under the
 * essay's own file name, padded so that its line numbers are the essay's, and executed in one shared
 * namespace. A traceback therefore names `essays/<slug>/index.md` and the line in the essay.
 * `cwd` is where that file name resolves, so the traceback can quote the line.
 */
export function checkPython(
  blocks: readonly RunnableBlock[],
  dir: string,
  essayFile: string,
  cwd: string,
): string[] {
  const python = blocks.filter((block) => block.kind === 'python');
  if (python.length === 0) return [];
  mkdirSync(dir, { recursive: true });
  const blocksFile = join(dir, 'blocks.json');
  writeFileSync(
    blocksFile,
    JSON.stringify(python.map((block) => ({ line: block.line, code: block.code }))),
  );
  const driver = join(dir, 'run.py');
  writeFileSync(
    driver,
    [
      'import json, sys',
      'namespace = {"__name__": "__main__"}',
      'for block in json.load(open(sys.argv[1], encoding="utf-8")):',
      '    exec(compile("\\n" * block["line"] + block["code"], sys.argv[2], "exec"), namespace)',
      '',
    ].join('\n'),
  );
  const result = spawnSync(requiredTool('python3'), [driver, blocksFile, essayFile], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', PYTHONHASHSEED: '0' },
  });
  if (result.error) throw result.error;
  if (result.status === 0) return [];
  const stderr = result.stderr.trim();
  const frames = [
    ...stderr.matchAll(new RegExp(`File "${escapeRegExp(essayFile)}", line (\\d+)`, 'g')),
  ];
  const line = frames.at(-1)?.[1] ?? String(python[0]?.line ?? 1);
  const last = stderr.split('\n').at(-1) ?? `python3 exited with ${result.status}`;
  return [`${essayFile}:${line}: python3: ${last}\n${indent(stderr)}`];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

function requiredTool(name: string): string {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const path = found.stdout.trim();
  if (found.status !== 0 || !path) {
    throw new Error(
      `${name} is not installed: the essay samples need it (on Debian: apt-get install ${name === 'python3' ? 'python3' : name}).`,
    );
  }
  return path;
}

/**
 * The folder with PostgreSQL's server programs: `PG_BIN` if set, else the newest
 * /usr/lib/postgresql/<version>/bin (Debian's layout), else `pg_config --bindir`.
 * Throws a message saying how to install it: the SQL checks never skip.
 */
export function findPostgresBin(): string {
  const has = (dir: string) =>
    ['initdb', 'pg_ctl', 'psql'].every((tool) => existsSync(join(dir, tool)));
  const fromEnv = process.env.PG_BIN;
  if (fromEnv) {
    if (has(fromEnv)) return fromEnv;
    throw new Error(`PG_BIN=${fromEnv} does not hold initdb, pg_ctl and psql.`);
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((version) => has(join(debian, version, 'bin')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(debian, versions[0], 'bin');
  }
  const config = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const bindir = config.status === 0 ? config.stdout.trim() : '';
  if (bindir && has(bindir)) return bindir;
  throw new Error(
    "PostgreSQL is not installed: the essays' SQL samples run against a real server. " +
      'Install it (Debian: apt-get install postgresql) or set PG_BIN to the folder with initdb, pg_ctl and psql.',
  );
}

/**
 * A throwaway PostgreSQL cluster in a temporary folder, listening only on a unix socket in that
 * folder, with fsync off. Under root the server programs run as the `postgres` user (initdb refuses
 * root). `stop()` shuts it down and deletes the folder.
 */
export class TemporaryPostgres {
  private databases = 0;
  private stopped = false;
  private readonly onExit = () => this.stop();

  private constructor(
    private readonly bin: string,
    private readonly root: string,
    private readonly asPostgres: boolean,
    readonly version: string,
  ) {
    process.once('exit', this.onExit);
  }

  static start(): TemporaryPostgres {
    const bin = findPostgresBin();
    const asPostgres = process.getuid?.() === 0;
    const root = mkdtempSync(join(tmpdir(), 'wn-pg-'));
    try {
      if (asPostgres) {
        const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
        const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
        if (uid.status !== 0 || gid.status !== 0) {
          throw new Error(
            "Running as root, the SQL checks start PostgreSQL as the `postgres` user, and there is none (Debian's postgresql package creates it).",
          );
        }
        chownSync(root, Number(uid.stdout), Number(gid.stdout));
      }
      const server = (tool: string, args: string[]) => {
        const command = asPostgres
          ? spawnSync(runuser(), ['-u', 'postgres', '--', join(bin, tool), ...args], {
              encoding: 'utf8',
            })
          : spawnSync(join(bin, tool), args, { encoding: 'utf8' });
        if (command.error) throw command.error;
        if (command.status !== 0) {
          throw new Error(
            `${tool} failed (${command.status}):\n${command.stdout}${command.stderr}`,
          );
        }
        return command.stdout;
      };
      const data = join(root, 'data');
      server('initdb', [
        '-D',
        data,
        '-U',
        'postgres',
        '--auth=trust',
        '--no-sync',
        '-E',
        'UTF8',
        '--locale=C',
      ]);
      server('pg_ctl', [
        '-D',
        data,
        '-l',
        join(root, 'server.log'),
        '-w',
        '-o',
        `-k ${root} -c listen_addresses='' -F -c max_connections=10 -c shared_buffers=16MB`,
        'start',
      ]);
      const version = server('postgres', ['--version']).trim();
      return new TemporaryPostgres(bin, root, asPostgres, version);
    } catch (error) {
      rmSync(root, { recursive: true, force: true });
      throw error;
    }
  }

  private psql(database: string, args: string[]) {
    const result = spawnSync(
      join(this.bin, 'psql'),
      [
        '-X',
        '-q',
        '-h',
        this.root,
        '-U',
        'postgres',
        '-d',
        database,
        '-v',
        'ON_ERROR_STOP=1',
        ...args,
      ],
      {
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, PGOPTIONS: '-c client_min_messages=warning', PGTZ: 'UTC' },
      },
    );
    if (result.error) throw result.error;
    return result;
  }

  /**
   * Runs an essay's SQL blocks in order, in a database of their own and in one psql session, as a
   * reader pasting them into psql would: a `prepare` or a `set role` in one block holds in the
   * next. A block must succeed, or, marked `fails`, must raise at least one error (psql carries on
   * through the rest of that block). The first error in any other block stops the run, and the
   * problem names the essay's file and line instead of psql's.
   */
  runEssay(blocks: readonly RunnableBlock[], dir: string, essayFile: string): string[] {
    const sql = blocks.filter((block) => block.kind === 'sql');
    if (sql.length === 0) return [];
    mkdirSync(dir, { recursive: true });
    this.databases += 1;
    const database = `essay_${this.databases}`;
    const created = this.psql('postgres', ['-c', `create database ${database}`]);
    if (created.status !== 0) throw new Error(`could not create a database: ${created.stderr}`);
    const files = sql.map((block, index) => {
      const file = join(dir, `block-${index + 1}.sql`);
      // A block without a final newline would run into the next meta-command.
      writeFileSync(file, block.code.endsWith('\n') ? block.code : `${block.code}\n`);
      return file;
    });
    const driver = join(dir, 'essay.sql');
    writeFileSync(
      driver,
      sql
        .map(
          (block, index) =>
            `\\set ON_ERROR_STOP ${block.fails ? 'off' : 'on'}\n\\i ${files[index]}\n`,
        )
        .join(''),
    );
    const result = this.psql(database, ['-f', driver]);
    // Each message starts `psql:<file>:<line>: `; its continuation lines (LINE 1:, the caret) follow.
    const messages: { block: number; text: string }[] = [];
    const start = /^psql:(.+?):(\d+): (.*)$/;
    for (const line of result.stderr.split('\n')) {
      const match = start.exec(line);
      const block = match ? files.indexOf(match[1] ?? '') : -1;
      if (match && block >= 0) {
        const at = (sql[block]?.line ?? 0) + Number(match[2]);
        messages.push({ block, text: `${essayFile}:${at}: ${match[3]}` });
      } else if (match) {
        messages.push({ block: -1, text: line });
      } else if (line.trim() && messages.length > 0) {
        const last = messages[messages.length - 1] as { text: string };
        last.text += `\n${line}`;
      }
    }
    const errors = messages.filter((message) => / (?:ERROR|FATAL|PANIC): /.test(message.text));
    // With ON_ERROR_STOP, psql stops at the first error of a block not marked `fails`.
    const stoppedAt = sql.findIndex(
      (block, index) => !block.fails && errors.some((error) => error.block === index),
    );
    const problems: string[] = [];
    sql.forEach((block, index) => {
      if (stoppedAt >= 0 && index > stoppedAt) return;
      const own = errors.filter((error) => error.block === index);
      if (!block.fails) problems.push(...own.map((error) => error.text));
      else if (own.length === 0) {
        problems.push(
          `${essayFile}:${block.line}: this \`sql fails\` block ran without an error; it must fail as the essay says`,
        );
      }
    });
    if (stoppedAt >= 0 && stoppedAt < sql.length - 1) {
      problems.push(
        `${essayFile}: the ${sql.length - 1 - stoppedAt} SQL block(s) after line ${sql[stoppedAt]?.line} were not run`,
      );
    }
    problems.push(
      ...messages
        .filter((message) => message.block === -1 && / (?:ERROR|FATAL): /.test(message.text))
        .map((message) => message.text),
    );
    if (result.status !== 0 && problems.length === 0) {
      problems.push(`${essayFile}: psql exited with ${result.status}:\n${result.stderr.trim()}`);
    }
    return problems;
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    process.removeListener('exit', this.onExit);
    const args = ['-D', join(this.root, 'data'), '-m', 'fast', '-w', 'stop'];
    if (this.asPostgres)
      spawnSync(runuser(), ['-u', 'postgres', '--', join(this.bin, 'pg_ctl'), ...args]);
    else spawnSync(join(this.bin, 'pg_ctl'), args);
    rmSync(this.root, { recursive: true, force: true });
  }
}
