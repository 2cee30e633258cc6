/**
 * Reads the chunks of an input until it ends or the run is interrupted. On interruption, what the
 * process has already read from the input (the stream's own buffer) is still handed on, so every
 * byte that left the file or pipe reaches the output.
 */
import type { Readable } from 'node:stream';

/** A source of bytes: a Readable stream, or any async iterable of Buffers or strings. */
export type ByteSource = AsyncIterable<Buffer | Uint8Array | string>;

function toBuffer(chunk: Buffer | Uint8Array | string): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

function isReadable(source: ByteSource): source is ByteSource & Readable {
  const s = source as Partial<Readable>;
  return typeof s.read === 'function' && typeof s.once === 'function' && typeof s.readableLength === 'number';
}

/** Resolves on the next event that may change what `stream.read()` returns, or on abort. */
function nextEvent(stream: Readable, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const events = ['readable', 'end', 'error', 'close'] as const;
    const done = (): void => {
      for (const e of events) stream.off(e, done);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    for (const e of events) stream.once(e, done);
    signal?.addEventListener('abort', done, { once: true });
  });
}

async function* fromReadable(stream: Readable, signal: AbortSignal | undefined): AsyncGenerator<Buffer> {
  try {
    for (;;) {
      if (signal?.aborted) {
        // Hand on what the stream already holds, then stop reading.
        let left = stream.readableLength;
        let chunk: Buffer | string | null;
        while (left > 0 && (chunk = stream.read() as Buffer | string | null) !== null) {
          const b = toBuffer(chunk);
          left -= b.length;
          yield b;
        }
        return;
      }
      const chunk = stream.read() as Buffer | string | null;
      if (chunk !== null) {
        yield toBuffer(chunk);
        continue;
      }
      if (stream.errored) throw stream.errored;
      if (stream.readableEnded || stream.destroyed) return;
      await nextEvent(stream, signal);
    }
  } finally {
    // Not stdin: another part of the program (or a second input "-") may still read it.
    if (stream !== process.stdin) stream.destroy();
  }
}

async function* fromIterable(source: ByteSource, signal: AbortSignal | undefined): AsyncGenerator<Buffer> {
  const it = source[Symbol.asyncIterator]();
  let aborted: Promise<'aborted'> | null = null;
  if (signal !== undefined) aborted = new Promise((resolve) => signal.addEventListener('abort', () => resolve('aborted'), { once: true }));
  try {
    for (;;) {
      if (signal?.aborted) return;
      const next = it.next();
      const r = aborted === null ? await next : await Promise.race([next, aborted]);
      if (r === 'aborted') {
        next.catch(() => {});
        return;
      }
      if (r.done) return;
      yield toBuffer(r.value);
    }
  } finally {
    void it.return?.();
  }
}

/**
 * The chunks of `source` as Buffers. When `signal` aborts, a Readable's buffered chunks are still
 * yielded, then reading stops (the stream is destroyed, except stdin).
 */
export function chunksOf(source: ByteSource, signal?: AbortSignal): AsyncGenerator<Buffer> {
  return isReadable(source) ? fromReadable(source, signal) : fromIterable(source, signal);
}
