import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from './helpers.js';
import { bin, run } from './packed.js';

/**
 * The source type-checks on a fresh clone, before anything is built: no file the type check
 * reads comes from the build output (dist/, build/), so the checks and the declaration build can
 * never wait on, or race, the compiler writing dist/.
 */
describe('the package source', () => {
  it('type-checks without reading any build output', () => {
    const files = run(bin('tsc'), ['-p', 'tsconfig.json', '--listFilesOnly'], packageRoot)
      .split('\n')
      .filter((file) => file.startsWith(packageRoot) && !file.includes('/node_modules/'));
    expect(files).toContain(join(packageRoot, 'src', 'generated', 'meta.d.ts'));
    expect(files).toContain(join(packageRoot, 'src', 'generated', 'loaders.d.ts'));
    expect(files.filter((file) => /\/(?:dist|build)\//.test(file))).toEqual([]);
  });

  it("is never written by two tasks of `pnpm dev` at once: each package's tasks run in order", () => {
    const root = dirname(dirname(packageRoot));
    const plan: {
      tasks: { taskId: string; package: string; command: string; dependencies: string[] }[];
    } = JSON.parse(
      run(join(root, 'node_modules', '.bin', 'turbo'), ['run', 'dev', '--dry=json'], root),
    );
    const tasks = plan.tasks.filter((task) => task.command !== '<NONEXISTENT>');
    const byId = new Map(tasks.map((task) => [task.taskId, task]));
    const before = (id: string, seen = new Set<string>()): Set<string> => {
      for (const dependency of byId.get(id)?.dependencies ?? [])
        if (!seen.has(dependency)) {
          seen.add(dependency);
          before(dependency, seen);
        }
      return seen;
    };
    const unordered: string[] = [];
    for (const a of tasks)
      for (const b of tasks)
        if (a.taskId < b.taskId && a.package === b.package)
          if (!before(a.taskId).has(b.taskId) && !before(b.taskId).has(a.taskId))
            unordered.push(`${a.taskId} and ${b.taskId}`);
    expect(tasks.map((task) => task.taskId)).toContain('@working-notes/content#dev');
    expect(unordered).toEqual([]);
  });
});
