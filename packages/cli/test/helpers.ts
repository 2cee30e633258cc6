import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The command as npm links it: the committed bin file, which starts the built entry. */
export const BIN = fileURLToPath(new URL('../bin/hushlog.js', import.meta.url));
/** The built entry (npm test builds it first; by hand: npm run build -w packages/core -w packages/cli). */
export const BUILT = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

export function assertBuilt(): void {
  if (!existsSync(BUILT)) throw new Error(`${BUILT} is missing: run \`npm run build -w packages/core -w packages/cli\` first`);
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  stdoutBytes: Buffer;
}

/** Runs the real `hushlog` bin with `args`, feeding `input` on stdin. */
export function run(args: readonly string[], input?: string | Buffer, env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      const stdoutBytes = Buffer.concat(out);
      resolve({ code, stdout: stdoutBytes.toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), stdoutBytes });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(input ?? '');
  });
}

/** A temporary directory with helpers to write files into it; `cleanup()` removes it. */
export function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'hushlog-cli-'));
  return {
    dir,
    file(name: string, content: string | Buffer): string {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    path: (name: string) => join(dir, name),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Splits output into lines, dropping only the empty string after a final newline. */
export function lines(text: string): string[] {
  const all = text.split('\n');
  if (all[all.length - 1] === '') all.pop();
  return all;
}

/**
 * A YAML reader for the subset `hushlog export` writes (and any YAML of that shape): comments,
 * block mappings, block sequences of scalars, JSON-style double-quoted strings, plain scalars and
 * `[]`. Throws on anything else, so a malformed output fails the test.
 */
export function parseYamlSubset(text: string): unknown {
  type Frame = { indent: number; value: Record<string, unknown> | unknown[] };
  const root: Record<string, unknown> = {};
  const stack: Frame[] = [{ indent: -1, value: root }];
  const scalar = (raw: string): unknown => {
    const s = raw.trim();
    if (s.startsWith('"')) return JSON.parse(s) as unknown;
    if (s === '[]') return [];
    if (s === 'true' || s === 'false') return s === 'true';
    if (/^-?\d+$/.test(s)) return Number(s);
    if (/^[\w./-]+$/.test(s)) return s;
    throw new Error(`unsupported scalar: ${s}`);
  };
  const rows = text.split('\n');
  for (let n = 0; n < rows.length; n++) {
    const row = rows[n]!;
    if (row.trim() === '' || row.trim().startsWith('#')) continue;
    const indent = row.length - row.trimStart().length;
    const body = row.trim();
    while (stack.length > 1 && indent <= stack[stack.length - 1]!.indent) stack.pop();
    const parent = stack[stack.length - 1]!;
    if (body.startsWith('- ')) {
      if (!Array.isArray(parent.value)) throw new Error(`line ${n + 1}: a list item outside a list`);
      parent.value.push(scalar(body.slice(2)));
      continue;
    }
    const m = /^([\w/.-]+):(?: (.*))?$/.exec(body);
    if (m === null || Array.isArray(parent.value)) throw new Error(`line ${n + 1}: cannot read ${JSON.stringify(row)}`);
    const [, key, rest] = m;
    if (rest !== undefined && rest !== '') {
      parent.value[key!] = scalar(rest);
      continue;
    }
    // A nested block: a list when the next content row starts with "- ", else a mapping.
    const next = rows.slice(n + 1).find((r) => r.trim() !== '' && !r.trim().startsWith('#')) ?? '';
    const child: Record<string, unknown> | unknown[] = next.trim().startsWith('- ') ? [] : {};
    parent.value[key!] = child;
    stack.push({ indent, value: child });
  }
  return root;
}

/** Runs a shell command line (for redirections such as `< file` and `>> file`). */
export function runShell(command: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', command], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      const stdoutBytes = Buffer.concat(out);
      resolve({ code, stdout: stdoutBytes.toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), stdoutBytes });
    });
  });
}
