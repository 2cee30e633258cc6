/**
 * `@hushlog/pino/transport`: a pino transport target that redacts NDJSON lines in pino's worker
 * thread and writes them to a file, a file descriptor or another pino target.
 *
 * ```js
 * const transport = pino.transport({
 *   target: '@hushlog/pino/transport',
 *   options: { destination: '/var/log/app.log', policy: { keys: ['sessionKey'] } },
 * });
 * const logger = pino(transport);
 * ```
 * @packageDocumentation
 */
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { workerData } from 'node:worker_threads';
import pino from 'pino';
import { createRedactor, LinePipeline, type Policy } from '@hushlog/core';
import { sinkStream, stepStream, type LineDestination, type TransportStream } from './redacting-stream.js';

export type { Policy } from '@hushlog/core';
export type { LineDestination, TransportStream } from './redacting-stream.js';

/** Another pino transport target to hand the redacted lines to, e.g. `pino-pretty` or `pino/file`. */
export interface TargetDestination {
  /** A package name (resolved from the process's working directory), an absolute path or a `file:` URL. */
  readonly target: string;
  /** The options that target takes. */
  readonly options?: Record<string, unknown>;
}

/** The `options` of `pino.transport({ target: '@hushlog/pino/transport', options })`. */
export interface HushlogTransportOptions {
  /**
   * Where redacted lines go: a file path, a file descriptor (`1` is stdout, `2` stderr), or another
   * pino target. Default `1`.
   */
  readonly destination?: string | number | TargetDestination;
  /**
   * The hushlog policy (default: the built-in lists). It crosses into the worker thread by
   * structured clone: RegExp keys work, function censors do not (use `replace`, `mask`, `hmac`).
   */
  readonly policy?: Policy;
  /** For a file path: create missing parent directories. Default `true`. */
  readonly mkdir?: boolean;
  /** For a file path: append to an existing file rather than truncate it. Default `true`. */
  readonly append?: boolean;
  /**
   * The most bytes kept of one line (default 1 MiB, as the `hushlog` command): the head of a
   * longer line is redacted and kept, the rest censored with a marker.
   */
  readonly maxLineBytes?: number;
}

/**
 * Compiles the policy into the line pipeline, failing with a message that says where the error
 * comes from.
 * @throws Error `@hushlog/pino/transport: Invalid hushlog policy: <field> <problem>`.
 */
function compile(options: HushlogTransportOptions | undefined): LinePipeline {
  try {
    const redactor = createRedactor(options?.policy);
    return new LinePipeline(redactor, options?.maxLineBytes === undefined ? {} : { maxLineBytes: options.maxLineBytes });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(`@hushlog/pino/transport: ${message}`, { cause: err });
  }
}

/** Resolves a target the way a user would name it from their app: package name, path or URL. */
function resolveTarget(target: string): string {
  if (target.startsWith('file:')) return target;
  if (isAbsolute(target)) return pathToFileURL(target).href;
  const fromApp = createRequire(join(process.cwd(), 'noop.js'));
  if (target === 'pino/file') return pathToFileURL(fromApp.resolve('pino/file')).href;
  return pathToFileURL(fromApp.resolve(target)).href;
}

/** Loads another pino target and builds its stream. */
async function openTarget(dest: TargetDestination): Promise<LineDestination> {
  let mod: unknown = await import(resolveTarget(dest.target));
  // ESM and CJS targets: the builder is the default export, sometimes nested once more.
  for (let i = 0; i < 2 && typeof mod === 'object' && mod !== null && 'default' in mod; i++) {
    mod = (mod as { default: unknown }).default;
  }
  if (typeof mod !== 'function') throw new Error(`@hushlog/pino/transport: target ${dest.target} does not export a function`);
  return (await (mod as (opts: unknown) => unknown)(dest.options ?? {})) as LineDestination;
}

/** Opens the destination: SonicBoom (through `pino.destination`) for a path or descriptor. */
async function openDestination(options: HushlogTransportOptions): Promise<LineDestination> {
  const destination = options.destination ?? 1;
  if (typeof destination === 'object' && destination !== null) return openTarget(destination);
  if (typeof destination !== 'string' && typeof destination !== 'number') {
    throw new TypeError('@hushlog/pino/transport: destination must be a file path, a file descriptor or { target, options }');
  }
  const boom = pino.destination({
    dest: destination,
    sync: false,
    mkdir: options.mkdir ?? true,
    append: options.append ?? true,
  });
  // A path that cannot be opened fails here, at startup, not on the first line.
  if (typeof destination === 'string') await once(boom, 'ready');
  return boom as unknown as LineDestination;
}

/** This module's file, as pino names a target once it has resolved it. */
const SELF = fileURLToPath(import.meta.url);

/**
 * True when this call builds a step of a pino `pipeline` that is not its last one, so the redacted
 * lines go on to the next step. pino's worker calls each step with the `options` object of its
 * entry in the pipelines it was given (worker data): found by identity, or, for an entry without
 * options, by its resolved target being this module.
 */
function isPipelineStep(options: unknown): boolean {
  const pipelines = (workerData as { workerData?: { pipelines?: unknown } } | null)?.workerData?.pipelines;
  if (!Array.isArray(pipelines)) return false;
  for (const steps of pipelines as unknown[]) {
    if (!Array.isArray(steps)) continue;
    for (let i = 0; i < steps.length - 1; i++) {
      const step = steps[i] as { target?: unknown; options?: unknown } | null;
      if (step === null || typeof step !== 'object') continue;
      if (options !== undefined ? step.options === options : step.options === undefined && isSelf(step.target)) return true;
    }
  }
  return false;
}

function isSelf(target: unknown): boolean {
  if (typeof target !== 'string') return false;
  try {
    return (target.startsWith('file:') ? fileURLToPath(target) : target) === SELF;
  } catch {
    return false;
  }
}

/**
 * The transport: pino's worker thread calls it once with the `options` given to
 * `pino.transport(...)` and writes the raw NDJSON into the stream it returns. Every line is
 * redacted by the core line pipeline (a line that is not JSON is redacted as text), and every
 * line written before `transport.end()`, or before the process exits normally, reaches the
 * destination.
 *
 * It works as the only target, as one of `targets`, and in a `pipeline`: as the last step it
 * writes to its destination, as an earlier step it hands the redacted lines to the next one.
 *
 * @param options Destination and policy.
 * @returns The stream pino's worker writes into.
 * @throws Error at startup when the policy is not valid or the destination cannot be opened; pino
 *   reports it as an `error` event on the transport.
 */
export default async function hushlogTransport(options?: HushlogTransportOptions): Promise<TransportStream> {
  const lines = compile(options);
  if (isPipelineStep(options)) {
    if (options?.destination !== undefined)
      throw new Error(
        '@hushlog/pino/transport: destination is not used in a pipeline step before the last one (the next step is the destination)',
      );
    return stepStream(lines);
  }
  return sinkStream(lines, await openDestination(options ?? {}));
}
