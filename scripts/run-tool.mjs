import { execFileSync } from 'node:child_process';

// How the packages' tests run a tool (tsc, publint, attw, npm): its output returned, and on
// failure an error that carries what the tool printed, so a red test says why.
export function run(command, args, cwd) {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error;
    throw new Error(`${command} ${args.join(' ')} failed:\n${stdout}${stderr}`);
  }
}
