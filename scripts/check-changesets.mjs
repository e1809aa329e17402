// Parses every pending changeset the way `changeset version` will, so a malformed one fails the
// test run today instead of the release later. A Markdown formatter once rewrote the frontmatter
// (`"pkg": minor` above `---` reads as a setext heading) and only the release would have noticed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import parse from '@changesets/parse';

const root = new URL('..', import.meta.url).pathname;
const folder = join(root, '.changeset');
const workspacePackages = ['apps', 'packages'].flatMap((group) =>
  readdirSync(join(root, group)).map((dir) => ({
    dir: join(group, dir),
    manifest: JSON.parse(readFileSync(join(root, group, dir, 'package.json'), 'utf8')),
  })),
);
const packageNames = new Set(workspacePackages.map(({ manifest }) => manifest.name));
const bumps = new Set(['major', 'minor', 'patch', 'none']);

const problems = [];
const files = readdirSync(folder).filter((file) => file.endsWith('.md') && file !== 'README.md');
for (const file of files) {
  const path = join('.changeset', file);
  let changeset;
  try {
    changeset = parse(readFileSync(join(folder, file), 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    problems.push(
      `${path}:1  expected frontmatter like '"@working-notes/content": minor' between --- lines; ${reason}`,
    );
    continue;
  }
  if (changeset.releases.length === 0)
    problems.push(`${path}:2  expected at least one '"package": bump' line; found none`);
  for (const release of changeset.releases) {
    if (!packageNames.has(release.name))
      problems.push(`${path}  package: expected a workspace package; found "${release.name}"`);
    if (!bumps.has(release.type))
      problems.push(`${path}  bump: expected major, minor or patch; found "${release.type}"`);
  }
  if (changeset.summary.trim() === '')
    problems.push(`${path}  summary: expected a line for the changelog; found none`);
}

// `changeset version` writes each release's entry below the first line of the package's
// CHANGELOG.md, so that line must be the `# <name>` title; the file ships in the tarball.
for (const { dir, manifest } of workspacePackages) {
  if (manifest.private) continue;
  const path = join(dir, 'CHANGELOG.md');
  let changelog;
  try {
    changelog = readFileSync(join(root, path), 'utf8');
  } catch {
    problems.push(`${path}  expected a changelog for the published ${manifest.name}; found none`);
    continue;
  }
  const title = changelog.split('\n', 1)[0];
  if (title !== `# ${manifest.name}`)
    problems.push(`${path}:1  expected the title "# ${manifest.name}"; found "${title}"`);
  if (!(manifest.files ?? []).includes('CHANGELOG.md'))
    problems.push(`${dir}/package.json  files: expected "CHANGELOG.md" in the list; found none`);
}

if (problems.length > 0) {
  console.error(`Changesets: ${problems.length} problem(s)\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(`changesets: ${files.length} pending, all well-formed`);
