/**
 * Streaming entry points: read chunks from any async iterable of Buffers (a file stream, stdin),
 * write with backpressure, and never hold more than a few chunks and one capped line per thread.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { createRedactor, LinePipeline, type LineStats } from '@hushlog/core';
import { Auditor, type AuditOptions, type AuditReport, type ProcessOptions } from './audit.js';
import { redactParallel } from './parallel.js';
import { chunksOf, type ByteSource } from './read.js';

export type { ByteSource } from './read.js';

/** A named input for the multi-file functions. */
export interface NamedSource {
  /** Shown in reports, e.g. the file path (`<stdin>` for stdin). */
  readonly name: string;
  /** Opens the bytes; called once, when this input's turn comes (so only one file is open at a time). */
  readonly open: () => ByteSource;
  /** The input's size in bytes, when known before it is read (a regular file): a large input starts the worker threads of `jobs` at once. */
  readonly size?: number;
}

/** Called after each chunk, e.g. to draw a progress bar. */
export type ProgressHook = (bytesRead: number, lines: number, findings: number) => void;

/** Options for `redactStream`. */
export interface RedactStreamOptions extends ProcessOptions {
  /** Called after each chunk. */
  readonly onProgress?: ProgressHook;
  /**
   * Worker threads that redact (default 1: this thread). With more than one, `policy` is what the
   * workers compile (it crosses by structured clone, so no function censors) and the output keeps
   * the input order.
   */
  readonly jobs?: number;
  /** Aborting stops reading: the lines read so far are all written, then the promise resolves. */
  readonly signal?: AbortSignal;
}

/** The counts of a redaction run. */
export interface RedactResult extends LineStats {
  /** True when the run was stopped by its signal before the inputs ended. */
  readonly interrupted: boolean;
}

/** Writes `text` and waits for the output to take more when its buffer is full. */
export async function write(output: Writable, text: string | Uint8Array): Promise<void> {
  if (text.length !== 0 && !output.write(text)) await once(output, 'drain');
}

function toSources(inputs: ByteSource | readonly NamedSource[]): readonly NamedSource[] {
  return Array.isArray(inputs) ? inputs : [{ name: '<stdin>', open: () => inputs as ByteSource }];
}

/**
 * Redacts one or more inputs into `output`: one output line for every input line, in order. Each
 * input's last line gets a newline if it lacked one, so lines of two files never merge. Resolves
 * with the counts once everything is written (the output is not ended).
 *
 * @example
 * const stats = await redactStream(fs.createReadStream('app.log'), process.stdout);
 */
export async function redactStream(
  inputs: ByteSource | readonly NamedSource[],
  output: Writable,
  options: RedactStreamOptions = {},
): Promise<RedactResult> {
  const sources = toSources(inputs);
  const jobs = options.jobs ?? 1;
  if (!Number.isInteger(jobs) || jobs < 1) throw new RangeError(`jobs must be a positive integer (got ${String(jobs)})`);
  if (jobs > 1) return redactParallel(sources, output, { ...options, jobs });
  const redactor = options.redactor ?? createRedactor(options.policy);
  const pipeline = new LinePipeline(redactor, options.maxLineBytes === undefined ? {} : { maxLineBytes: options.maxLineBytes });
  const { signal } = options;
  for (const source of sources) {
    if (signal?.aborted) break;
    for await (const chunk of chunksOf(source.open(), signal)) {
      await write(output, pipeline.push(chunk));
      options.onProgress?.(pipeline.stats.bytes, pipeline.stats.lines, pipeline.stats.changed);
    }
    await write(output, pipeline.end());
  }
  return { ...pipeline.stats, interrupted: signal?.aborted === true };
}

/** Options for `auditStream`. */
export interface AuditStreamOptions extends AuditOptions {
  /** Called after each chunk. */
  readonly onProgress?: ProgressHook;
  /** Aborting stops reading: the report covers the lines read so far. */
  readonly signal?: AbortSignal;
}

/**
 * Audits one or more inputs: per rule, the count of findings with line numbers and JSON paths,
 * never the values.
 *
 * @example
 * const report = await auditStream(fs.createReadStream('app.log'));
 * if (!report.clean) process.exitCode = 1;
 */
export async function auditStream(inputs: ByteSource | readonly NamedSource[], options: AuditStreamOptions = {}): Promise<AuditReport> {
  const auditor = new Auditor(options);
  const { signal } = options;
  for (const source of toSources(inputs)) {
    if (signal?.aborted) break;
    auditor.startFile(source.name);
    for await (const chunk of chunksOf(source.open(), signal)) {
      auditor.push(chunk);
      options.onProgress?.(auditor.stats.bytes, auditor.stats.lines, auditor.findings);
    }
    auditor.endFile();
  }
  return auditor.report();
}
