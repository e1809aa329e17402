// The content tests run the essays' SQL on a real PostgreSQL and their Python with python3
// (packages/content/src/compiler/sample-runners.ts). On a fresh Debian machine, as root, install
// what is missing from Debian's packages; otherwise say exactly what is missing. The tests
// themselves fail, never skip, without them.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const has = (dir) => ['initdb', 'pg_ctl', 'psql'].every((tool) => existsSync(join(dir, tool)));
if (process.env.PG_BIN && !has(process.env.PG_BIN)) {
  console.error(`PG_BIN=${process.env.PG_BIN} does not hold initdb, pg_ctl and psql.`);
  process.exit(1);
}
const hasPostgres = () => {
  if (process.env.PG_BIN) return true;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian) && readdirSync(debian).some((v) => has(join(debian, v, 'bin'))))
    return true;
  const config = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  return config.status === 0 && has(config.stdout.trim());
};
const hasPython = () => spawnSync('python3', ['--version']).status === 0;

const missing = [...(hasPostgres() ? [] : ['postgresql']), ...(hasPython() ? [] : ['python3'])];
if (missing.length > 0) {
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    console.error(
      `The essay sample tests need ${missing.join(' and ')}.\nInstall with: sudo apt-get install -y ${missing.join(' ')} (or set PG_BIN to PostgreSQL's bin folder).`,
    );
    process.exit(1);
  }
  console.log(`Installing Debian's ${missing.join(' and ')} for the essay sample tests...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
}
