/**
 * A Writable that cuts its input into NDJSON lines, redacts each one with a compiled redactor and
 * writes the result to a destination, keeping the destination's backpressure. Used by the
 * transport inside pino's worker thread.
 */
import { Writable, finished } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { Redactor } from '@hushlog/core';
import { FAILED_LINE } from './withheld.js';

/** The part of a destination this stream uses: SonicBoom, a Node Writable, a pino target stream. */
export interface LineDestination {
  write(chunk: string): boolean;
  end(): unknown;
  once(event: string, listener: (...args: unknown[]) => void): unknown;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  flush?: (cb: (err?: Error | null) => void) => unknown;
}

/** Redacts one line; the result always ends with a newline. Never throws. */
function redactOne(redactor: Redactor, line: string): string {
  try {
    const out = redactor.redactLine(line);
    return out.endsWith('\n') ? out : out + '\n';
  } catch {
    return FAILED_LINE;
  }
}

/**
 * Redacts every line written to it and forwards it to `destination`. A trailing line without a
 * newline is redacted and written when the stream ends, so no line is lost. Ending this stream
 * ends the destination, and this stream finishes only once the destination has closed (so pino's
 * worker thread exits only after every line is on disk).
 */
export class RedactingLineStream extends Writable {
  private pending = '';
  private readonly decoder = new StringDecoder('utf8');

  /**
   * @param redactor The compiled policy.
   * @param destination Where redacted lines go; it is ended when this stream ends.
   */
  constructor(
    private readonly redactor: Redactor,
    private readonly destination: LineDestination,
  ) {
    super({ decodeStrings: false, autoDestroy: true });
    destination.on('error', (err) => this.destroy(err instanceof Error ? err : new Error(String(err))));
  }

  override _write(chunk: string | Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    const text = this.pending + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
    const lastNewline = text.lastIndexOf('\n');
    if (lastNewline === -1) {
      this.pending = text;
      callback();
      return;
    }
    this.pending = text.slice(lastNewline + 1);
    let out = '';
    let start = 0;
    while (start <= lastNewline) {
      const end = text.indexOf('\n', start);
      out += redactOne(this.redactor, text.slice(start, end + 1));
      start = end + 1;
    }
    this.forward(out, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    const rest = this.pending + this.decoder.end();
    this.pending = '';
    if (rest.length > 0) this.destination.write(redactOne(this.redactor, rest));
    this.endDestination(callback);
  }

  /** Flushes the destination (pino's `logger.flush()` reaches here through thread-stream). */
  flush(callback: (err?: Error | null) => void): void {
    if (typeof this.destination.flush === 'function') this.destination.flush(callback);
    else callback();
  }

  /** Writes redacted text to the destination, calling back when it can take more. */
  private forward(text: string, callback: (error?: Error | null) => void): void {
    if (this.destination.write(text)) callback();
    else this.destination.once('drain', () => callback());
  }

  /**
   * Ends the destination and calls back once it has closed: SonicBoom closes after its last write
   * reached the file, and a pino target stream closes after its own `close` handler ran (pino's
   * multi-target worker waits for the same event).
   */
  private endDestination(callback: (error?: Error | null) => void): void {
    const dest = this.destination;
    const emitsClose = (dest as { _writableState?: { emitClose?: boolean } })._writableState?.emitClose !== false;
    if (dest instanceof Writable && !emitsClose) {
      finished(dest, { readable: false }, (err) => callback(err ?? null));
    } else {
      dest.once('close', () => callback());
    }
    dest.end();
  }
}
