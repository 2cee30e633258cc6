/**
 * `hushlog --jobs N`: the main thread reads, cuts the input into batches of whole lines and writes
 * the results in input order; N worker threads redact. At most two batches per worker are in
 * flight, so memory stays constant whatever the input size. A line longer than the cap that
 * spans batches is handled here, holding only its capped head.
 */
import { existsSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { addLineStats, createRedactor, DEFAULT_MAX_LINE_BYTES, emptyLineStats, LinePipeline, type LineStats } from '@hushlog/core';
import { chunksOf } from './read.js';
import type { NamedSource, RedactResult, RedactStreamOptions } from './streams.js';
import { write } from './streams.js';
import type { BatchMessage, WorkerSetup } from './worker.js';

/** The most worker threads `--jobs` starts by default. */
export const MAX_DEFAULT_JOBS = 8;

/**
 * The first bytes of a run are redacted on this thread: a small input starts no worker (each
 * costs about 60 ms to start and more to warm up), and a stream's first lines come out at once.
 * Inputs known to be larger (files) start the workers at once instead.
 */
const LOCAL_BYTES = 1 << 20;

interface Reply {
  readonly id: number;
  readonly out: Uint8Array;
  readonly stats: LineStats;
}

/** The worker script: beside this module once built; from the sources, the built one. */
function workerUrl(): URL {
  const sibling = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(sibling))) return sibling;
  return new URL('../dist/worker.js', import.meta.url);
}

class Pool {
  private readonly workers: Worker[] = [];
  private readonly load: number[] = [];
  private readonly waiting = new Map<number, { resolve: (out: Uint8Array) => void; reject: (err: Error) => void; worker: number }>();
  /** The latest counts of each worker (each one sends its running totals). */
  readonly stats: LineStats[] = [];
  private nextId = 0;
  private failure: Error | null = null;
  private closing = false;

  constructor(jobs: number, setup: WorkerSetup) {
    const url = workerUrl();
    for (let i = 0; i < jobs; i++) {
      const worker = new Worker(url, { workerData: setup });
      worker.on('message', (m: Reply) => this.settle(i, m));
      worker.on('error', (err) => this.fail(err));
      worker.on('exit', (code) => {
        if (code !== 0 && !this.closing) this.fail(new Error(`a redaction worker exited with code ${code}`));
      });
      this.workers.push(worker);
      this.load.push(0);
      this.stats.push(emptyLineStats());
    }
  }

  /** Sends a batch (the bytes of `parts`, `length` in all) to the least busy worker; resolves with its output. */
  run(parts: readonly Buffer[], length: number, end: boolean): Promise<Uint8Array> {
    if (this.failure !== null) return Promise.reject(this.failure);
    let w = 0;
    for (let i = 1; i < this.load.length; i++) if (this.load[i]! < this.load[w]!) w = i;
    const id = this.nextId++;
    this.load[w]!++;
    // One copy into memory of its own, so the batch is transferred rather than cloned.
    const copy = new Uint8Array(length);
    let at = 0;
    for (const part of parts) {
      copy.set(part, at);
      at += part.length;
    }
    const message: BatchMessage = { id, bytes: copy.buffer, end };
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, worker: w });
      this.workers[w]!.postMessage(message, [copy.buffer]);
    });
  }

  private settle(worker: number, m: Reply): void {
    this.stats[worker] = m.stats;
    this.load[worker]!--;
    const w = this.waiting.get(m.id);
    this.waiting.delete(m.id);
    w?.resolve(m.out);
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const w of this.waiting.values()) w.reject(err);
    this.waiting.clear();
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Joins parts into one Buffer (no copy for a single part). */
function concat(parts: readonly Buffer[], length: number): Buffer {
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts, length);
}

/** The `jobs > 1` form of `redactStream` (see there). */
export async function redactParallel(
  sources: readonly NamedSource[],
  output: Writable,
  options: RedactStreamOptions & { readonly jobs: number },
): Promise<RedactResult> {
  if (options.redactor !== undefined && options.policy === undefined)
    throw new TypeError('redactStream with jobs > 1 needs the policy (each worker thread compiles its own redactor)');
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const { signal } = options;
  // Over-long lines that span batches are cut here, so compile the policy here too (a bad
  // policy fails before any worker starts).
  const local = new LinePipeline(options.redactor ?? createRedactor(options.policy), { maxLineBytes });
  let setup: WorkerSetup = { policy: options.policy, maxLineBytes };
  try {
    setup = structuredClone(setup);
  } catch (err) {
    throw new TypeError(`the policy cannot be sent to worker threads (${(err as Error).message}); use jobs: 1`, { cause: err });
  }
  let bytesRead = 0;
  let knownBytes = 0;
  for (const source of sources) knownBytes += source.size ?? 0;
  // a large input is redacted on the workers from its first line (they start while it is read)
  let pool: Pool | null = knownBytes > LOCAL_BYTES ? new Pool(options.jobs, setup) : null;
  /** Redacts a batch of whole lines (the last one of an input may lack its newline). */
  const batch = (parts: readonly Buffer[], length: number, end: boolean): Promise<Uint8Array | string> => {
    if (pool === null && bytesRead <= LOCAL_BYTES) {
      const text = local.push(concat(parts, length));
      return Promise.resolve(end ? text + local.end() : text);
    }
    pool ??= new Pool(options.jobs, setup);
    return pool.run(parts, length, end);
  };
  const pending: Promise<Uint8Array | string>[] = [];
  const maxPending = options.jobs * 2;

  const total = (): LineStats => {
    const sum = emptyLineStats();
    for (const s of pool?.stats ?? []) addLineStats(sum, s);
    addLineStats(sum, local.stats);
    return sum;
  };
  // The writer: writes each result as soon as it and all before it are done, so output flows
  // while the input is still being read (as with `tail -f | hushlog`).
  let writer: Promise<void> | null = null;
  let writeError: unknown = null;
  let onWritten: (() => void) | null = null;
  const pump = async (): Promise<void> => {
    try {
      while (pending.length > 0) {
        await write(output, await pending[0]!);
        pending.shift();
        onWritten?.();
        if (options.onProgress) {
          const t = total();
          options.onProgress(bytesRead, t.lines, t.changed);
        }
      }
    } catch (err) {
      writeError ??= err;
      onWritten?.();
    } finally {
      writer = null;
    }
  };
  const enqueue = async (result: Promise<Uint8Array | string>): Promise<void> => {
    if (writeError !== null) throw writeError;
    result.catch(() => {}); // awaited in order by the writer; no unhandled rejection meanwhile
    pending.push(result);
    writer ??= pump();
    while (pending.length > maxPending && writeError === null) await new Promise<void>((resolve) => (onWritten = resolve));
    if (writeError !== null) throw writeError;
  };

  try {
    for (const source of sources) {
      if (signal?.aborted) break;
      // The open line's bytes before the next newline (at most the cap), or, once it is over the
      // cap, `long` is set and the local pipeline holds its head.
      let carry: Buffer[] = [];
      let carried = 0;
      let long = false;
      for await (const chunk of chunksOf(source.open(), signal)) {
        bytesRead += chunk.length;
        let pos = 0;
        if (long) {
          const nl = chunk.indexOf(10);
          if (nl === -1) {
            local.push(chunk);
            continue;
          }
          await enqueue(Promise.resolve(local.push(chunk.subarray(0, nl + 1))));
          long = false;
          pos = nl + 1;
        }
        const last = chunk.lastIndexOf(10);
        if (last < pos) {
          carry.push(pos === 0 ? chunk : chunk.subarray(pos));
          carried += chunk.length - pos;
          if (carried > maxLineBytes) {
            local.push(concat(carry, carried));
            carry = [];
            carried = 0;
            long = true;
          }
          continue;
        }
        carry.push(chunk.subarray(pos, last + 1));
        await enqueue(batch(carry, carried + last + 1 - pos, false));
        carry = last + 1 < chunk.length ? [chunk.subarray(last + 1)] : [];
        carried = chunk.length - last - 1;
      }
      // The input's last line, if it lacked a newline: written with one, flagged unterminated.
      if (long) await enqueue(Promise.resolve(local.end()));
      else if (carried > 0) await enqueue(batch(carry, carried, true));
    }
    while (writer !== null) await writer;
    if (writeError !== null) throw writeError;
  } finally {
    await (pool as Pool | null)?.close(); // also assigned in `batch`, which TypeScript does not follow
  }
  return { ...total(), interrupted: signal?.aborted === true };
}
