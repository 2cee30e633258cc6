/**
 * Real child processes for the tests: the adapter's source bundled to CommonJS (so the children
 * also show that the adapter works under `require`), winston and core from the workspace.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const workspaceModules = resolve(packageDir, '../../node_modules');

/** Bundles the adapter's source to one CommonJS file in `dir`, and returns its path. */
export async function bundleAdapter(dir: string): Promise<string> {
  const outfile = join(dir, 'hushlog-winston.cjs');
  await build({
    entryPoints: [join(packageDir, 'src/index.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['winston', '@hushlog/core'],
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

/** How a child process ended, and what it printed. */
export interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Writes `source` to `dir/name.cjs` and runs it with extra argv and environment; it may crash, as some are meant to. */
export function runChild(
  dir: string,
  name: string,
  source: string,
  argv: string[] = [],
  env: Record<string, string> = {},
): Promise<ChildResult> {
  const script = join(dir, `${name}.cjs`);
  writeFileSync(script, source);
  return new Promise((resolvePromise) => {
    execFile(
      process.execPath,
      [script, ...argv],
      { env: { ...process.env, ...env, NODE_PATH: workspaceModules }, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolvePromise({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}
