/**
 * The two shapes of the transport's stream, both built on pino-abstract-transport (which splits
 * the worker's input into lines). Each line goes through the core line pipeline, which caps,
 * flags, redacts and fails closed; nothing here looks at a line's content.
 * - a sink: redacted lines go to a destination (a file, a descriptor, another target's stream),
 *   with its backpressure, and the stream closes only once the destination has;
 * - a pipeline step: redacted lines go on to the next step of a pino `pipeline`.
 */
import { Transform, Writable, finished, pipeline } from 'node:stream';
import build from 'pino-abstract-transport';
import type { LinePipeline } from '@hushlog/core';

/** The part of a destination the sink uses: SonicBoom, a Node Writable, a pino target stream. */
export interface LineDestination {
  write(chunk: string): boolean;
  end(): unknown;
  once(event: string, listener: (...args: unknown[]) => void): unknown;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  flush?: (cb: (err?: Error | null) => void) => unknown;
}

/** The stream pino's worker writes into (pino-abstract-transport's), with `flush` for `logger.flush()`. */
export type TransportStream = Writable & { flush?: (cb: (err?: Error | null) => void) => void };

/** pino-abstract-transport parses each line unless told what a line is: here, nothing to parse. */
const KEEP_LINE = Object.freeze({});
const keepLine = (): object => KEEP_LINE;

/**
 * Resolves once the destination has closed: SonicBoom closes after its last write reached the
 * file, and a pino target stream after its own `close` handler ran (pino's multi-target worker
 * waits for the same event). Listened to from the start, so a close is never missed.
 */
function whenClosed(dest: LineDestination): Promise<void> {
  const emitsClose = (dest as { _writableState?: { emitClose?: boolean } })._writableState?.emitClose !== false;
  return new Promise((resolve) => {
    if (dest instanceof Writable && !emitsClose) finished(dest, { readable: false }, () => resolve());
    else dest.once('close', () => resolve());
  });
}

/**
 * A sink: every line written to the returned stream is redacted and written to `destination`.
 * Ending the stream ends the destination, and the stream closes once the destination has closed,
 * so pino's worker thread exits only after every line is written.
 */
export function sinkStream(lines: LinePipeline, destination: LineDestination): TransportStream {
  const closed = whenClosed(destination);
  let ended = false;
  const stream = build(
    (source) => {
      source.on('data', (line: string) => {
        if (!destination.write(lines.line(line) + '\n')) {
          source.pause();
          destination.once('drain', () => source.resume());
        }
      });
    },
    {
      parse: 'lines',
      parseLine: keepLine,
      metadata: false,
      // Called when the stream is destroyed (after its end, or on an error): the promise settles
      // the stream's close, with the error if there was one.
      async close(err: Error) {
        if (!ended) {
          ended = true;
          destination.end();
        }
        await closed;
        if (err) throw err;
      },
    },
  ) as TransportStream;
  destination.on('error', (err) => stream.destroy(err instanceof Error ? err : new Error(String(err))));
  stream.flush = (cb) => {
    if (typeof destination.flush === 'function') destination.flush(cb);
    else cb();
  };
  return stream;
}

/**
 * A pipeline step: the returned stream takes lines and gives their redacted text, one line per
 * chunk with its newline, to the next step of a pino `pipeline`.
 */
export function stepStream(lines: LinePipeline): TransportStream {
  return build(
    (source) => {
      const step = new Transform({
        objectMode: true,
        autoDestroy: true,
        transform(line: string, _encoding, callback) {
          callback(null, lines.line(line) + '\n');
        },
      });
      pipeline(source, step, () => {});
      return step as Transform & build.OnUnknown;
    },
    { parse: 'lines', parseLine: keepLine, metadata: false, enablePipelining: true },
  ) as TransportStream;
}
