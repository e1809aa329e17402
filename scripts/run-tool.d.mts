/** Runs `command` in `cwd` and returns its output; throws with the tool's output when it fails. */
export function run(command: string, args: readonly string[], cwd: string): string;
