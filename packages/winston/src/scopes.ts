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
const CAPTURING = Symbol.for('hushlog.winston.capturesScopes');
/** On a logger: the secrets of the entry its format is running on (what the format pushes gets them too). */
const PUSHING = Symbol.for('hushlog.winston.pushingScope');

const shared = globalThis as { [STORE_KEY]?: WeakMap<object, readonly string[]> };
const captured: WeakMap<object, readonly string[]> = (shared[STORE_KEY] ??= new WeakMap());

/**
 * A winston Logger as far as capturing goes: its `write`, through which every entry enters it, and
 * its `_transform`, which runs the logger's format on each entry (later, once it falls behind).
 */
interface Writer {
  write(chunk: unknown, encoding?: unknown, callback?: unknown): boolean;
  _transform?(chunk: unknown, encoding: unknown, callback: unknown): void;
  push?(chunk: unknown, encoding?: unknown): boolean;
  [CAPTURING]?: true;
  [PUSHING]?: readonly string[] | undefined;
}

/** Records the current scope's secrets for `entry`, when there is a scope and the entry is an object. */
export function captureScope(entry: unknown): void {
  const secrets = currentSecrets();
  if (secrets !== null && entry !== null && typeof entry === 'object') captured.set(entry, secrets);
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

/**
 * Makes `logger` capture the scope of every entry written to it, and run its format on an entry in
 * the scope captured for it: a format of the user's that returns a new object (`({ ...info })`)
 * hands the formats after it an entry nothing was captured for, which they redact in the scope that
 * is current, this one. Idempotent. The logger's `write` and `_transform` are wrapped on the instance
 * (child loggers write through their parent's), and cost one test while no scope was ever opened.
 */
export function captureScopesOf(logger: unknown): void {
  if (logger === null || typeof logger !== 'object') return;
  const writer = logger as Writer;
  if (writer[CAPTURING] || typeof writer.write !== 'function') return;
  const write = writer.write;
  Object.defineProperty(writer, 'write', {
    configurable: true,
    writable: true,
    value: function capturingWrite(this: Writer, chunk: unknown, encoding?: unknown, callback?: unknown): boolean {
      captureScope(chunk);
      return write.call(this, chunk, encoding, callback);
    },
  });
  const transform = writer._transform;
  const push = writer.push;
  if (typeof transform === 'function' && typeof push === 'function') {
    Object.defineProperty(writer, '_transform', {
      configurable: true,
      writable: true,
      value: function scopedTransform(this: Writer, chunk: unknown, encoding: unknown, callback: unknown): void {
        const secrets = chunk !== null && typeof chunk === 'object' ? captured.get(chunk) : undefined;
        if (secrets === undefined) {
          transform.call(this, chunk, encoding, callback);
          return;
        }
        const outer = this[PUSHING];
        this[PUSHING] = secrets;
        try {
          if (secrets === currentSecrets()) transform.call(this, chunk, encoding, callback);
          else runWithSecrets(secrets, () => transform.call(this, chunk, encoding, callback));
        } finally {
          this[PUSHING] = outer;
        }
      },
    });
    // what the format returns (a new object, for a format that copies) is captured as its entry was
    Object.defineProperty(writer, 'push', {
      configurable: true,
      writable: true,
      value: function scopedPush(this: Writer, chunk: unknown, encoding?: unknown): boolean {
        const secrets = this[PUSHING];
        if (secrets !== undefined && chunk !== null && typeof chunk === 'object' && !captured.has(chunk)) captured.set(chunk, secrets);
        return push.call(this, chunk, encoding);
      },
    });
  }
  Object.defineProperty(writer, CAPTURING, { configurable: true, value: true });
}

/**
 * Makes every winston Logger capture request scopes: wraps `write` on winston's `Logger.prototype`
 * (once per process, whichever build of this adapter asks first). Called when a hushlog format or
 * transport is created. A logger made by another copy of winston is covered by
 * {@link captureScopesOf} when it pipes into a RedactingTransport.
 */
export function captureWinstonScopes(): void {
  const Logger = (winston as unknown as { Logger?: { prototype: unknown } }).Logger;
  if (Logger) captureScopesOf(Logger.prototype);
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
