import type { Policy, Redactor } from '@hushlog/core';
import winston from 'winston';
import { CENSORED_ENTRY, isRedactedBy, markRedactorInTransport, redactInfo, type Info } from './info.js';
import { redactorFor } from './redactors.js';
import { captureScopesOf, captureWinstonScopes, inScopeOf } from './scopes.js';
import { MESSAGE } from './symbols.js';

/** A winston 3 transport (a `winston-transport` TransportStream). */
export type WinstonTransport = winston.transport;

/** winston's transport base class (`winston.Transport`, from winston-transport), taken from the peer dependency. */
const TransportStream = (winston as unknown as { Transport: new (options?: winston.transport.TransportStreamOptions) => WinstonTransport })
  .Transport;

/** The fields a wrapper reads and writes on its inner transport, so both always agree. */
const DELEGATED = ['level', 'levels', 'silent', 'handleExceptions', 'handleRejections'] as const;

/** Events of the inner transport that the wrapper re-emits (winston listens for `error` and `warn`). */
const FORWARDED_EVENTS = ['error', 'warn', 'logged'] as const;

/** winston's internal flag: set by the exception handler on a transport whose `finish` it awaits. */
interface Ending {
  _ending?: boolean;
}

/** The logger that pipes into a transport, as far as the wrapper reads it: its readable side's buffer. */
interface Source {
  _readableState?: { length: number; ended?: boolean };
  on(event: 'data', listener: () => void): unknown;
  off(event: 'data', listener: () => void): unknown;
}

/** Options of {@link RedactingTransport}. */
export interface RedactingTransportOptions {
  /** The transport that writes the lines: Console, File, Stream, or any winston 3 transport. */
  transport: WinstonTransport;
  /** The hushlog policy; the default policy when omitted. Compiled once, when the transport is created. */
  policy?: Policy;
}

/**
 * Wraps any winston transport so that everything it writes is redacted, even where the app's
 * formats cannot be changed:
 *
 * ```js
 * new RedactingTransport({ transport: new winston.transports.File({ filename }), policy })
 * ```
 *
 * - It honours the inner transport's own `format`, `level`, `silent`, `handleExceptions` and
 *   `handleRejections` (read from and written to the inner transport).
 * - It covers `exceptionHandlers` and `rejectionHandlers`: winston calls `transport.log` directly
 *   there, with `process.argv`, the crash's error and stack; this transport redacts that info, then
 *   still applies the inner transport's format, which winston would have skipped.
 * - Every entry is redacted before the inner format sees it, so a `printf` or `json()` there only
 *   ever reads redacted values. A line built by the app's logger format (`[MESSAGE]`) is redacted
 *   too. Only an entry proven to be exactly what a hushlog format with the same policy returned,
 *   unchanged at every depth, is spared a second pass.
 * - The request scope of each entry is the one taken when it was logged, although winston calls
 *   `log` later once a transport falls behind.
 * - It never writes fewer lines than the inner transport alone (`end()` waits for the entries the
 *   logger still holds, and entries are handed over one at a time), and never throws from `log`:
 *   if the inner format throws, the redacted entry is written as JSON and a `warn` event is emitted.
 */
export class RedactingTransport extends TransportStream {
  /** The wrapped transport. */
  readonly transport: WinstonTransport;
  private readonly redactor: Redactor;
  private endingForwarded = false;
  /** The logger piping into this transport (winston-transport keeps it as `parent` too). */
  private source: Source | null = null;
  /** An `end()` held back until the source has handed over every entry it holds: the check that releases it. */
  private pendingEnd: (() => void) | null = null;

  /**
   * @param options the transport to wrap and the policy. Throws a `TypeError` when `transport` is
   *   not a winston transport, and a `PolicyError` when the policy is not valid.
   */
  constructor(options: RedactingTransportOptions) {
    const inner = options?.transport;
    if (inner === null || typeof inner !== 'object' || typeof inner.log !== 'function') {
      throw new TypeError('RedactingTransport: options.transport must be a winston transport (with a log(info, callback) method)');
    }
    super({
      level: inner.level,
      silent: inner.silent,
      handleExceptions: inner.handleExceptions,
      handleRejections: inner.handleRejections,
    });
    this.transport = inner;
    this.redactor = redactorFor(options.policy);
    markRedactorInTransport(this.redactor);
    captureWinstonScopes();

    const fields = inner as unknown as Record<string, unknown>;
    for (const name of DELEGATED) {
      Object.defineProperty(this, name, {
        configurable: true,
        enumerable: true,
        get: () => fields[name],
        set: (value: unknown) => {
          fields[name] = value;
        },
      });
    }
    for (const event of FORWARDED_EVENTS) inner.on(event, (...args: unknown[]) => this.emit(event, ...args));
    this.on('pipe', (source: Source) => {
      this.source = source;
      captureScopesOf(source); // so a later log() still knows the request scope of each entry
    });
    this.on('unpipe', (source: Source) => {
      if (this.source !== source) return;
      this.source = null;
      this.pendingEnd?.(); // removed from the logger while an end waited for it: end now
    });
  }

  /**
   * Ends this transport once the logger has handed over every entry it still holds. winston's
   * Logger ends its transports as soon as its own writable side has finished, while entries it
   * already formatted may still wait in its readable buffer for a slow transport; those would
   * then be written after end (an error, and lost lines). So the end waits until that buffer is
   * empty; a logger that is not piping into this transport ends it at once.
   */
  override end(...args: unknown[]): this {
    const source = this.source;
    const state = source?._readableState;
    if (this.pendingEnd !== null) {
      // Already waiting: a callback given now runs when this transport finishes, as end(cb) would.
      const callback = args.find((arg) => typeof arg === 'function') as (() => void) | undefined;
      if (callback) this.once('finish', callback);
      return this;
    }
    const ending = (this as unknown as { _writableState?: { ending?: boolean } })._writableState?.ending === true; // readable-stream 3 has no writableEnded
    if (source === null || state === undefined || state.length === 0 || ending) return this.endNow(args);
    const handedOver = (): void => {
      if (state.length === 0 || this.source !== source) {
        source.off('data', handedOver);
        this.pendingEnd = null;
        this.endNow(args);
      }
    };
    this.pendingEnd = handedOver;
    source.on('data', handedOver);
    return this;
  }

  /** The stream's own `end()`, with the arguments `end()` was given. */
  private endNow(args: unknown[]): this {
    return (super.end as (...a: unknown[]) => this).apply(this, args);
  }

  /**
   * Redacts one entry and hands it to the inner transport (through the inner transport's format).
   * winston calls this for piped entries and, directly, for uncaught exceptions and rejections.
   */
  override log(info: Info, callback?: () => void): void {
    let called = false;
    const done = (): void => {
      if (called) return;
      called = true;
      callback?.();
    };
    let entry: Info | null;
    try {
      entry = inScopeOf(info, prepareEntry, this, info);
    } catch (err) {
      entry = { level: 'error', message: CENSORED_ENTRY, [MESSAGE]: jsonLine({ level: 'error', message: CENSORED_ENTRY }) };
      this.emit('warn', err);
    }
    if (entry === null) {
      done(); // the inner format filtered this entry out, as it may
      return;
    }
    try {
      this.forwardEnding();
      (this.transport.log as (info: Info, next: () => void) => unknown)(entry, done);
    } catch (err) {
      done();
      this.emit('warn', err);
    }
  }

  /** Closes the inner transport when winston closes this one. */
  override close(): void {
    this.transport.close?.();
  }

  /** Ends the inner transport when this one ends, and finishes when it has finished. */
  override _final(callback: (error?: Error | null) => void): void {
    const inner = this.transport as WinstonTransport & { _writableState?: { finished?: boolean } };
    if (inner._writableState?.finished) {
      callback();
      return;
    }
    inner.once('finish', () => callback());
    inner.end();
  }

  /** The redacted, formatted entry for the inner transport; null when the inner format drops it. */
  private prepare(info: Info): Info | null {
    // A fresh object is needed either way: the inner format writes to it, and winston hands the
    // same info object to every transport. Only an entry proven to be exactly what a hushlog format
    // with this policy returned is spared a second pass (which then changes nothing).
    const entry: Info = isRedactedBy(info, this.redactor) ? { ...info } : redactInfo(this.redactor, info);
    const format = this.transport.format;
    let out: Info = entry;
    if (format) {
      try {
        const formatted = format.transform(entry as winston.Logform.TransformableInfo, format.options);
        if (!formatted) return null;
        out = formatted as Info;
      } catch (err) {
        entry[MESSAGE] = jsonLine(entry);
        this.emit('warn', err);
        return entry;
      }
    }
    if (out[MESSAGE] === undefined) out[MESSAGE] = jsonLine(out);
    return out;
  }

  /**
   * On an uncaught exception winston sets `_ending` on each handler transport and waits for its
   * `finish` event before exiting. Pass the flag on, so a File transport flushes and finishes, and
   * pass its `finish` back.
   */
  private forwardEnding(): void {
    if (this.endingForwarded || !(this as Ending)._ending) return;
    this.endingForwarded = true;
    (this.transport as WinstonTransport & Ending)._ending = true;
    this.transport.once('finish', () => this.emit('finish'));
  }
}

/** {@link RedactingTransport.prepare} as a plain function, for `inScopeOf`. */
const prepareEntry = (transport: RedactingTransport, info: Info): Info | null => transport['prepare'](info);

// winston-transport's `_writev` calls `log` for every buffered entry at once and reports them all
// written before any `log` has called back, so `end()` then ends the inner transport while those
// entries are still on their way (a slow transport, or a File waiting for its stream to drain).
// Without it, the stream hands entries over one at a time, each after the previous one's callback.
(RedactingTransport.prototype as unknown as { _writev: null })._writev = null;

/** The JSON line of a redacted entry (string keys only), for entries that reach the transport unfinished. */
function jsonLine(entry: Info): string {
  try {
    return JSON.stringify(entry);
  } catch {
    return JSON.stringify({ level: typeof entry.level === 'string' ? entry.level : 'error', message: CENSORED_ENTRY });
  }
}
