/**
 * The packages as npm would publish them: what `npm pack` puts in each tarball, the metadata, and
 * READMEs that stand alone on npm (no link to a file the tarball does not hold).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { syncedReadme } from '../packages/core/scripts/sync-readme.mjs';

const PACKAGES = ['core', 'pino', 'winston', 'cli'];
const read = (path: string): string => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const manifest = (pkg: string): Record<string, any> => JSON.parse(read(`packages/${pkg}/package.json`));

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as dashes. */
function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

describe('the published packages', () => {
  it('each tarball holds its build, README, LICENSE and package.json, and nothing from the tests or sources', async () => {
    const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--workspaces'], {
      cwd: new URL('..', import.meta.url),
    });
    const packs = JSON.parse(stdout) as { name: string; files: { path: string }[] }[];
    expect(packs.map((p) => p.name)).toEqual(PACKAGES.map((p) => `@hushlog/${p}`));
    for (const pack of packs) {
      const files = pack.files.map((f) => f.path);
      expect(files, pack.name).toEqual(
        expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'dist/index.js', 'dist/index.cjs', 'dist/index.d.ts']),
      );
      expect(
        files.filter(
          (f) => !f.startsWith('dist/') && !['LICENSE', 'README.md', 'package.json', 'policy.schema.json', 'bin/hushlog.js'].includes(f),
        ),
        pack.name,
      ).toEqual([]);
    }
  });

  it('each package is MIT with a LICENSE, public, without an invented home, and depends on its siblings by range', () => {
    const license = read('LICENSE');
    expect(license).toMatch(/^MIT License/);
    for (const pkg of PACKAGES) {
      const m = manifest(pkg);
      expect(m.license, pkg).toBe('MIT');
      expect(read(`packages/${pkg}/LICENSE`), pkg).toBe(license);
      expect(m.files, pkg).toContain('LICENSE');
      expect(m.publishConfig, pkg).toEqual({ access: 'public' });
      for (const field of ['repository', 'homepage', 'bugs']) expect(m[field], `${pkg} ${field}`).toBeUndefined();
      for (const [name, range] of Object.entries({ ...m.dependencies, ...m.peerDependencies }) as [string, string][]) {
        if (!name.startsWith('@hushlog/')) continue;
        expect(range, `${pkg} → ${name}`).toBe(`^${manifest(name.slice('@hushlog/'.length)).version}`);
      }
    }
  });

  it("no package README links to a file outside its tarball, and every anchor names one of the README's headings", () => {
    for (const pkg of PACKAGES) {
      const readme = read(`packages/${pkg}/README.md`);
      const prose = readme.replace(/```[\s\S]*?```/g, '');
      const headings = new Set([...prose.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchor(m[1] as string)));
      for (const [, target] of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^https?:/.test(target as string)) continue;
        expect(target, `${pkg} README links to ${target}`).toMatch(/^#/);
        expect(headings, `${pkg} README anchor ${target}`).toContain((target as string).slice(1));
      }
    }
  });

  it("core's README carries the root README's policy reference as it stands (npm run readme:core)", () => {
    const core = read('packages/core/README.md');
    expect(core, 'packages/core/README.md is out of date: run npm run readme:core').toBe(syncedReadme(read('README.md'), core));
    for (const heading of [
      '## The policy',
      '### Censors',
      '## Default lists',
      '## Detectors',
      '## Request scopes',
      '## What hushlog cannot promise',
    ])
      expect(core).toContain(heading);
  });
});
