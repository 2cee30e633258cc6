/**
 * The `hushlog` command: argument parsing, inputs and outputs, exit codes. The work is done by
 * `redactStream`, `auditStream` and `exportOtel`.
 */
import { createReadStream, createWriteStream, fstatSync, statSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import type { Readable, Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { createRedactor, DEFAULT_MAX_LINE_BYTES, type Policy } from '@hushlog/core';
import { exportOtel } from './otel.js';
import { MAX_DEFAULT_JOBS } from './parallel.js';
import { loadPolicyFile, PolicyFileError } from './policy-file.js';
import { ProgressBar } from './progress.js';
import { formatAuditJson, formatAuditText, formatBadInput } from './report.js';
import { auditStream, redactStream, type NamedSource } from './streams.js';

/** Exit codes of the command. */
export const ExitCode = {
  /** Done; for `check`, the input is clean. */
  Ok: 0,
  /** `check` only: something sensitive was found, or a line could not be scanned whole. */
  Found: 1,
  /** The command could not run as asked: a bad option, a bad policy, an unreadable file. */
  Usage: 2,
  /** Interrupted (SIGINT, SIGTERM or `io.signal`): every line read before was written. */
  Interrupted: 130,
} as const;

/** The streams the command uses (process.stdin/stdout/stderr by default). */
export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable & { readonly isTTY?: boolean; readonly columns?: number };
  /** Aborting it interrupts the run: reading stops, the lines read so far are written, and the exit code is 130. */
  readonly signal?: AbortSignal;
}

/** The default of `--jobs`: the cores this process may use, at most MAX_DEFAULT_JOBS. */
const DEFAULT_JOBS = Math.max(1, Math.min(availableParallelism(), MAX_DEFAULT_JOBS));

/** The text of `hushlog --help`. */
export const HELP = `hushlog: keep secrets and personal data out of logs.

Usage:
  hushlog [options] [files...]           redact: write the logs with secrets censored
  hushlog check [options] [files...]     audit: report what is sensitive, never the values
  hushlog export --to otel [options]     write the policy as OpenTelemetry Collector config

With no file (or "-"), stdin is read. NDJSON lines are redacted structurally (keys, headers,
paths and detectors, with the library's default policy); other lines as free text. There is
one output line for every input line, in order, and memory stays constant on any file size.

Options:
  -o, --output FILE          write to FILE instead of stdout
      --policy FILE          a JSON policy (schema: @hushlog/cli/policy.schema.json)
      --preset NAME          default | none (overrides the policy's preset)
      --format FORMAT        check only: text (default) | json
      --max-locations N      check only: locations listed per rule (default 100, 0 = all)
      --max-line-length N    bytes kept of one line (default ${DEFAULT_MAX_LINE_BYTES}); the rest is censored
  -j, --jobs N               redact on N worker threads (default: the cores, here ${DEFAULT_JOBS}, at most
                             ${MAX_DEFAULT_JOBS}); the output keeps the input order; 1 = no worker threads
      --to TARGET            export only: otel
      --no-progress          no progress bar (it is drawn only for files, when stderr is a TTY)
  -q, --quiet                no bad-input summary on stderr
  -h, --help                 this help
  -V, --version              the version

Exit codes: 0 done (check: clean); 1 check found something, or could not scan a line whole;
2 bad usage, bad policy or unreadable input; 130 interrupted (Ctrl-C, SIGTERM), after writing
every line read so far. A closed output pipe (hushlog big.log | head) ends the command with 0.

Examples:
  hushlog app.log > app.redacted.log
  kubectl logs deploy/api | hushlog
  hushlog -o clean.ndjson --policy hushlog.json logs/*.ndjson
  hushlog check build.log                      # in CI: fails the job when a secret is found
  hushlog check --format json app.log > findings.json
  hushlog export --to otel --policy hushlog.json > redaction.yaml
`;

class UsageError extends Error {}

function version(): string {
  try {
    const require = createRequire(import.meta.url);
    return (require('../package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function positiveInt(value: string | undefined, name: string, fallback: number, allowZero = false): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || (n === 0 && !allowZero))
    throw new UsageError(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} integer (got ${JSON.stringify(value)})`);
  return n;
}

function parse(argv: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      output: { type: 'string', short: 'o' },
      policy: { type: 'string' },
      preset: { type: 'string' },
      format: { type: 'string' },
      to: { type: 'string' },
      'max-locations': { type: 'string' },
      'max-line-length': { type: 'string' },
      jobs: { type: 'string', short: 'j' },
      'no-progress': { type: 'boolean', default: false },
      quiet: { type: 'boolean', short: 'q', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'V', default: false },
    },
  });
  let command: 'redact' | 'check' | 'export' = 'redact';
  let files = positionals;
  if (positionals[0] === 'check' || positionals[0] === 'export') {
    command = positionals[0];
    files = positionals.slice(1);
  }
  return { values, command, files };
}

function loadPolicy(file: string | undefined, preset: string | undefined): Policy {
  let policy: Policy = file === undefined ? {} : loadPolicyFile(file);
  if (preset !== undefined) {
    if (preset !== 'default' && preset !== 'none') throw new UsageError(`--preset must be default or none (got ${JSON.stringify(preset)})`);
    policy = { ...policy, preset };
  }
  return policy;
}

/** The device and inode of a regular file, or null (not a file, does not exist, no descriptor). */
function fileId(st: Stats | null): string | null {
  return st !== null && st.isFile() ? `${st.dev}:${st.ino}` : null;
}

function statOrNull(file: string): Stats | null {
  try {
    return statSync(file);
  } catch {
    return null;
  }
}

function fstatOrNull(stream: unknown): Stats | null {
  const fd = (stream as { fd?: unknown }).fd;
  if (typeof fd !== 'number') return null;
  try {
    return fstatSync(fd);
  } catch {
    return null;
  }
}

/**
 * Checks every input up front, so a typo fails before any output is written, and refuses to write
 * over an input: the output file (or stdout redirected to a file) is compared with every input
 * file and with stdin by device and inode, so a hard link or a symlink is caught as well as the
 * same name. Returns the total size of regular files.
 */
function checkInputs(files: readonly string[], output: string | undefined, io: CliIo): number {
  let total = 0;
  const toFile = output !== undefined && output !== '-';
  const target = fileId(toFile ? statOrNull(output) : fstatOrNull(io.stdout));
  const shown = toFile ? output : 'stdout';
  for (const file of files) {
    if (file === '-') continue;
    let st;
    try {
      st = statSync(file);
    } catch (err) {
      throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    if (st.isDirectory()) throw new UsageError(`${file} is a directory`);
    if (st.isFile()) total += st.size;
    if (target !== null && fileId(st) === target)
      throw new UsageError(`the output ${shown} is also an input (${file}): it would be overwritten`);
  }
  if (target !== null && (files.length === 0 || files.includes('-')) && fileId(fstatOrNull(io.stdin)) === target)
    throw new UsageError(`the output ${shown} is also the input on stdin: it would be overwritten`);
  return total;
}

async function openOutput(file: string | undefined, io: CliIo): Promise<{ stream: Writable; close: () => Promise<void> }> {
  if (file === undefined || file === '-') return { stream: io.stdout, close: async () => {} };
  const stream = createWriteStream(file);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (err) => reject(new UsageError(`cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? err.message}`)));
  });
  return {
    stream,
    close: () =>
      new Promise<void>((resolve, reject) => {
        stream.once('error', reject);
        stream.end(() => resolve());
      }),
  };
}

/** The size of a regular file, or undefined (not a regular file, or not readable: opening it reports that). */
function fileSize(file: string): number | undefined {
  try {
    const stats = statSync(file);
    return stats.isFile() ? stats.size : undefined;
  } catch {
    return undefined;
  }
}

function sources(files: readonly string[], io: CliIo): NamedSource[] {
  if (files.length === 0) return [{ name: '<stdin>', open: () => io.stdin }];
  return files.map((file) => ({
    name: file === '-' ? '<stdin>' : file,
    open: () => (file === '-' ? io.stdin : createReadStream(file, { highWaterMark: 256 * 1024 })),
    size: file === '-' ? undefined : fileSize(file),
  }));
}

/**
 * Runs the command with `argv` (without `node` and the script) and resolves with the exit code.
 * Never throws: errors are written to stderr and give exit code 2.
 *
 * @example
 * process.exitCode = await main(process.argv.slice(2));
 */
export async function main(argv: readonly string[], io: CliIo = process): Promise<number> {
  const err = (text: string) => io.stderr.write(text);
  let parsed;
  try {
    parsed = parse(argv);
  } catch (e) {
    err(`hushlog: ${(e as Error).message}\nRun "hushlog --help" for usage.\n`);
    return ExitCode.Usage;
  }
  const { values: o, command, files } = parsed;
  if (o.help) {
    io.stdout.write(HELP);
    return ExitCode.Ok;
  }
  if (o.version) {
    io.stdout.write(`${version()}\n`);
    return ExitCode.Ok;
  }
  try {
    const policy = loadPolicy(o.policy, o.preset);
    const maxLineBytes = positiveInt(o['max-line-length'], '--max-line-length', DEFAULT_MAX_LINE_BYTES);
    if (command === 'export') return await runExport(o, files, policy, io);
    if (o.to !== undefined) throw new UsageError('--to is an option of "hushlog export"');
    if (o.format !== undefined && command !== 'check') throw new UsageError('--format is an option of "hushlog check"');
    if (o.format !== undefined && o.format !== 'text' && o.format !== 'json')
      throw new UsageError(`--format must be text or json (got ${JSON.stringify(o.format)})`);
    const jobs = positiveInt(o.jobs, '--jobs', DEFAULT_JOBS);
    if (o.jobs !== undefined && command === 'check')
      throw new UsageError('--jobs is an option of redaction ("hushlog check" runs on one thread)');
    const totalBytes = checkInputs(files, o.output, io);
    const redactor = createRedactor(policy);
    const showProgress = !o['no-progress'] && io.stderr.isTTY === true && files.some((f) => f !== '-');
    const bar = showProgress ? new ProgressBar(io.stderr, totalBytes, command === 'check' ? 'findings' : 'lines changed') : null;
    const onProgress = bar ? (bytes: number, lines: number, n: number) => bar.update(bytes, lines, n) : undefined;
    const out = await openOutput(o.output, io);
    try {
      if (command === 'check') {
        const maxLocations = positiveInt(o['max-locations'], '--max-locations', 100, true);
        const report = await auditStream(sources(files, io), {
          policy,
          redactor,
          maxLineBytes,
          maxLocations,
          ...(onProgress ? { onProgress } : {}),
          ...(io.signal ? { signal: io.signal } : {}),
        });
        bar?.done();
        if (!o.quiet) err(formatBadInput(report.stats));
        out.stream.write(o.format === 'json' ? formatAuditJson(report) : formatAuditText(report));
        if (io.signal?.aborted) {
          err(`hushlog: interrupted after ${report.stats.bytes} bytes (${report.stats.lines} lines); the report covers only those.\n`);
          return ExitCode.Interrupted;
        }
        return report.clean ? ExitCode.Ok : ExitCode.Found;
      }
      const stats = await redactStream(sources(files, io), out.stream, {
        policy,
        redactor,
        maxLineBytes,
        jobs,
        ...(onProgress ? { onProgress } : {}),
        ...(io.signal ? { signal: io.signal } : {}),
      });
      bar?.done();
      if (!o.quiet) err(formatBadInput(stats));
      if (stats.interrupted) {
        err(`hushlog: interrupted after ${stats.bytes} bytes (${stats.lines} lines), all of them written.\n`);
        return ExitCode.Interrupted;
      }
      return ExitCode.Ok;
    } finally {
      bar?.done();
      await out.close();
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof PolicyFileError) err(`hushlog: ${e.message}\n`);
    else err(`hushlog: ${(e as NodeJS.ErrnoException).code ? `${(e as NodeJS.ErrnoException).code}: ` : ''}${(e as Error).message}\n`);
    return ExitCode.Usage;
  }
}

async function runExport(o: ReturnType<typeof parse>['values'], files: readonly string[], policy: Policy, io: CliIo): Promise<number> {
  if (files.length > 0) throw new UsageError(`export takes no input files (got ${files.join(' ')})`);
  if (o.to === undefined) throw new UsageError('export needs a target: --to otel');
  if (o.to !== 'otel') throw new UsageError(`unknown export target ${JSON.stringify(o.to)} (known: otel)`);
  const source =
    o.policy === undefined
      ? `the ${policy.preset ?? 'default'} policy`
      : `the policy ${o.policy}${o.preset ? ` (preset ${o.preset})` : ''}`;
  const { yaml } = exportOtel(policy, { source });
  const out = await openOutput(o.output, io);
  out.stream.write(yaml);
  await out.close();
  return ExitCode.Ok;
}
