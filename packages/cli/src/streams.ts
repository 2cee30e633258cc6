/**
 * Streaming entry points: read chunks from any async iterable of Buffers (a file stream, stdin),
 * write with backpressure, and never hold more than a chunk and one capped line.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { Auditor, RedactingProcessor, type AuditOptions, type AuditReport, type LineStats, type ProcessOptions } from './process.js';

/** A source of bytes: a Readable stream, or any async iterable of Buffers or strings. */
export type ByteSource = AsyncIterable<Buffer | Uint8Array | string>;

/** A named input for the multi-file functions. */
export interface NamedSource {
  /** Shown in reports, e.g. the file path (`<stdin>` for stdin). */
  readonly name: string;
  /** Opens the bytes; called once, when this input's turn comes (so only one file is open at a time). */
  readonly open: () => ByteSource;
}

/** Called after each chunk, e.g. to draw a progress bar. */
export type ProgressHook = (bytesRead: number, lines: number, findings: number) => void;

function toBuffer(chunk: Buffer | Uint8Array | string): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

async function write(output: Writable, text: string): Promise<void> {
  if (text !== '' && !output.write(text)) await once(output, 'drain');
}

/** Options for `redactStream`. */
export interface RedactStreamOptions extends ProcessOptions {
  /** Called after each chunk. */
  readonly onProgress?: ProgressHook;
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
): Promise<LineStats> {
  const sources: readonly NamedSource[] = Array.isArray(inputs) ? inputs : [{ name: '<stdin>', open: () => inputs as ByteSource }];
  const processor = new RedactingProcessor(options);
  for (const source of sources) {
    for await (const chunk of source.open()) {
      await write(output, processor.push(toBuffer(chunk)));
      options.onProgress?.(processor.stats.bytes, processor.stats.lines, processor.stats.changed);
    }
    await write(output, processor.end());
  }
  return processor.stats;
}

/** Options for `auditStream`. */
export interface AuditStreamOptions extends AuditOptions {
  /** Called after each chunk. */
  readonly onProgress?: ProgressHook;
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
  const sources: readonly NamedSource[] = Array.isArray(inputs) ? inputs : [{ name: '<stdin>', open: () => inputs as ByteSource }];
  const auditor = new Auditor(options);
  for (const source of sources) {
    auditor.startFile(source.name);
    for await (const chunk of source.open()) {
      auditor.push(toBuffer(chunk));
      options.onProgress?.(auditor.stats.bytes, auditor.stats.lines, auditor.findings);
    }
    auditor.endFile();
  }
  return auditor.report();
}
