/**
 * Request scopes across winston's deferred writes. winston hands an entry to a transport later,
 * once the transport falls behind, outside the async context of the request that logged it, so
 * the `runWithSecrets` values of that request are no longer current when the entry is redacted.
 * They are captured where the entry is logged (the logger's `write`, which every level method,
 * `log()` and child logger goes through) and replayed where it is redacted. (Even a logger's own
 * format runs late: winston's Logger is a Transform stream, which holds entries back while its
 * readable side is full.)
 *
 * Nothing is written to the entry: the captured secrets are kept in a WeakMap keyed by the entry
 * object (often the caller's own). The map is shared through `globalThis`, so that the ESM and the
 * CommonJS builds of this adapter, loaded side by side, see each other's captures.
 */
import { currentSecrets, runWithSecrets } from '@hushlog/core';
import winston from 'winston';

const STORE_KEY = Symbol.for('hushlog.winston.capturedSecrets');
/** On a logger (or its prototype): `write` captures scopes. */
const CAPTURING = Symbol.for('hushlog.winston.capturesScopes');
/**
 * On a logger: its format runs in the captured scope. A flag of its own, so that a build that only
 * wraps `write` (an older copy of this adapter, loaded first) does not keep this one from wrapping.
 */
const FORMAT_SCOPED = Symbol.for('hushlog.winston.formatInScope');
/** On a transport prototype: its format and `log` run in the captured scope. */
const TRANSPORT_SCOPED = Symbol.for('hushlog.winston.transportInScope');
/** On a logger: the secrets of the entry its format is running on (what the format pushes gets them too). */
const PUSHING = Symbol.for('hushlog.winston.pushingScope');

const shared = globalThis as { [STORE_KEY]?: WeakMap<object, readonly string[]> };
const captured: WeakMap<object, readonly string[]> = (shared[STORE_KEY] ??= new WeakMap());

/**
 * A winston Logger as far as capturing goes: its `write`, through which every entry enters it, its
 * `_transform`, which runs the logger's format on each entry (later, once it falls behind), and its
 * `push`, which hands the formatted entry on.
 */
interface Writer {
  write(chunk: unknown, encoding?: unknown, callback?: unknown): boolean;
  _transform?(chunk: unknown, encoding: unknown, callback: unknown): void;
  push?(chunk: unknown, encoding?: unknown): boolean;
  [CAPTURING]?: true;
  [FORMAT_SCOPED]?: true;
  [PUSHING]?: readonly string[] | undefined;
}

/** A winston-transport TransportStream prototype: `_write` and `_writev` run its format and `log`. */
interface TransportWrites {
  _write?(chunk: unknown, encoding: unknown, callback: unknown): unknown;
  _writev?(chunks: readonly { chunk: unknown }[], callback: (error?: unknown) => void): unknown;
  logv?: unknown;
  [TRANSPORT_SCOPED]?: true;
}

/** The secrets captured for `entry`, if it is an object that has some. */
function capturedFor(entry: unknown): readonly string[] | undefined {
  return entry !== null && typeof entry === 'object' ? captured.get(entry) : undefined;
}

/**
 * Records the current scope's secrets for `entry`, when there is a scope and the entry is an object
 * that has none yet: the first capture is where it was logged (a logger piped into another hands
 * the entry on later, in whatever request is current then).
 */
export function captureScope(entry: unknown): void {
  const secrets = currentSecrets();
  if (secrets !== null && entry !== null && typeof entry === 'object' && !captured.has(entry)) captured.set(entry, secrets);
}

/**
 * Gives `to`, an entry built from `from`, the secrets captured for `from`, or else those of the
 * current scope, so that a transport redacting `to` later knows them.
 */
export function carryScope(from: object, to: object): void {
  const secrets = captured.get(from);
  if (secrets !== undefined) captured.set(to, secrets);
  else captureScope(to);
}

/** `fn` called on `self` with `args`, in a scope holding `secrets` unless that is the current one. */
function callInScope<R>(secrets: readonly string[], fn: (...args: never[]) => R, self: unknown, args: readonly unknown[]): R {
  if (secrets === currentSecrets()) return fn.apply(self, args as never[]);
  return runWithSecrets(secrets, () => fn.apply(self, args as never[]));
}

/** Puts `value` on `target` as a method of its own (writable and configurable, as the one it wraps). */
function setMethod(target: object, name: string, value: unknown): void {
  Object.defineProperty(target, name, { configurable: true, writable: true, value });
}

/** Marks `target` as wrapped for `flag` (not enumerable: nothing that reads the logger sees it). */
function setFlag(target: object, flag: symbol): void {
  Object.defineProperty(target, flag, { configurable: true, value: true });
}

/** Wraps a logger's `write` so that every entry written to it gets the current scope captured. */
function captureWrites(writer: Writer): void {
  if (writer[CAPTURING] || typeof writer.write !== 'function') return;
  const write = writer.write;
  setMethod(writer, 'write', function capturingWrite(this: Writer, chunk: unknown, encoding?: unknown, callback?: unknown): boolean {
    captureScope(chunk);
    return write.call(this, chunk, encoding, callback);
  });
  setFlag(writer, CAPTURING);
}

/**
 * Wraps a logger's `_transform` and `push`: its format runs on an entry in the scope captured for
 * it, and what the format pushes (a new object, for a format of the user's that copies) is captured
 * as its entry was, for a transport that redacts it later.
 */
function scopeFormat(writer: Writer): void {
  const transform = writer._transform;
  const push = writer.push;
  if (writer[FORMAT_SCOPED] || typeof transform !== 'function' || typeof push !== 'function') return;
  setMethod(writer, '_transform', function scopedTransform(this: Writer, chunk: unknown, encoding: unknown, callback: unknown): void {
    const secrets = capturedFor(chunk);
    const outer = this[PUSHING];
    // (an entry without a scope pushes none, even when it is transformed inside another's)
    this[PUSHING] = secrets;
    try {
      if (secrets === undefined) transform.call(this, chunk, encoding, callback);
      else callInScope(secrets, transform, this, [chunk, encoding, callback]);
    } finally {
      this[PUSHING] = outer;
    }
  });
  setMethod(writer, 'push', function scopedPush(this: Writer, chunk: unknown, encoding?: unknown): boolean {
    const secrets = this[PUSHING];
    if (secrets !== undefined && chunk !== null && typeof chunk === 'object' && !captured.has(chunk)) captured.set(chunk, secrets);
    return push.call(this, chunk, encoding);
  });
  setFlag(writer, FORMAT_SCOPED);
}

const NOOP = (): void => {};

/**
 * Wraps a transport prototype's `_write` and `_writev`: winston-transport runs a transport's own
 * format on a copy of the entry (`Object.assign({}, info)`), later once the transport falls behind,
 * so the format and `log` run in the scope captured for the entry. A batch is written one entry at
 * a time for that (unless the transport takes batches itself, `logv`, which runs no format).
 */
function scopeTransportWrites(proto: TransportWrites): void {
  const write = proto._write;
  const writev = proto._writev;
  if (proto[TRANSPORT_SCOPED] || typeof write !== 'function' || typeof writev !== 'function') return;
  setMethod(proto, '_write', function scopedWrite(this: TransportWrites, chunk: unknown, encoding: unknown, callback: unknown): unknown {
    const secrets = capturedFor(chunk);
    return secrets === undefined
      ? write.call(this, chunk, encoding, callback)
      : callInScope(secrets, write, this, [chunk, encoding, callback]);
  });
  setMethod(
    proto,
    '_writev',
    function scopedWritev(this: TransportWrites, chunks: readonly { chunk: unknown }[], callback: (error?: unknown) => void): unknown {
      if (this.logv !== undefined || !chunks.some((c) => capturedFor(c.chunk) !== undefined)) return writev.call(this, chunks, callback);
      try {
        for (const c of chunks) {
          const secrets = capturedFor(c.chunk);
          if (secrets === undefined) writev.call(this, [c], NOOP);
          else callInScope(secrets, writev, this, [[c], NOOP]);
        }
      } catch (err) {
        // as winston-transport does: the batch is done, and the format's error goes on up
        callback(null);
        throw err;
      }
      return callback(null);
    },
  );
  setFlag(proto, TRANSPORT_SCOPED);
}

/**
 * Makes `logger` capture the scope of every entry written to it, and run its format on an entry in
 * the scope captured for it (see `scopeFormat`). Idempotent. The logger's `write`, `_transform` and
 * `push` are wrapped on the instance (child loggers write through their parent's), and cost one
 * test while no scope was ever opened.
 */
export function captureScopesOf(logger: unknown): void {
  if (logger === null || typeof logger !== 'object') return;
  captureWrites(logger as Writer);
  scopeFormat(logger as Writer);
}

/**
 * Makes every winston Logger capture request scopes, and every winston transport write in them:
 * wraps `write`, `_transform` and `push` on winston's `Logger.prototype` and `_write`, `_writev` on
 * its `Transport.prototype` (once per process, whichever build of this adapter asks first). Called
 * when a hushlog format or transport is created. A logger made by another copy of winston is covered
 * by {@link captureScopesOf} when it pipes into a RedactingTransport.
 */
export function captureWinstonScopes(): void {
  const w = winston as unknown as { Logger?: { prototype: unknown }; Transport?: { prototype: unknown } };
  if (w.Logger) captureScopesOf(w.Logger.prototype);
  if (w.Transport) scopeTransportWrites(w.Transport.prototype as TransportWrites);
}

/**
 * `fn(a, b)`, run with the secrets captured for `entry` known, as they were when it was logged:
 * in a scope holding them (and the current scope's), unless that scope is the current one
 * already. (Arguments rather than a closure, so the common case allocates nothing.)
 */
export function inScopeOf<A, B, R>(entry: object, fn: (a: A, b: B) => R, a: A, b: B): R {
  const secrets = captured.get(entry);
  return secrets === undefined || secrets === currentSecrets() ? fn(a, b) : runWithSecrets(secrets, () => fn(a, b));
}
