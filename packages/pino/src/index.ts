/**
 * @hushlog/pino: hushlog for pino. `pinoRedaction(policy?)` returns pino options that redact every
 * line pino writes; `@hushlog/pino/transport` is a worker-thread transport that does the same off
 * the hot path.
 * @packageDocumentation
 */
import pino from 'pino';
import { createRedactor, type Policy, type Redactor } from '@hushlog/core';
import { nativeRedactOptions, type NativeRedactOptions } from './native-paths.js';
import { FAILED_LINE } from './withheld.js';

export type { Policy } from '@hushlog/core';
export { PolicyError } from '@hushlog/core';
export type { NativeRedactOptions } from './native-paths.js';
export { FAILED_LINE } from './withheld.js';

/** Settings for {@link pinoRedaction} that are about pino, not about what to redact. */
export interface PinoRedactionSettings {
  /**
   * Also emit pino's own `redact` option for the policy's plain `paths` (those without `**`), so
   * pino censors those values before it serializes the line. The hook still runs on every line.
   * Needs a string, `replace` or `remove` censor. Default `false`.
   */
  readonly nativePaths?: boolean;
}

/** The pino options returned by {@link pinoRedaction}: spread them into `pino({ ... })`. */
export interface PinoRedactionOptions {
  /** pino hooks: `streamWrite` redacts each finished line. */
  hooks: {
    /** Receives the finished NDJSON line (newline included) and returns it redacted. */
    streamWrite: (line: string) => string;
  };
  /** pino's native path redaction, present only with `{ nativePaths: true }` and plain paths. */
  redact?: NativeRedactOptions;
}

/** The first pino version whose `hooks.streamWrite` exists (older versions ignore it silently). */
export const MIN_PINO_VERSION = '9.6.0';

/**
 * Throws when the installed pino predates `hooks.streamWrite`: an older pino would ignore the hook
 * and write every line unredacted, so refusing to start is the only safe answer.
 * @param version pino's version string (default: the installed pino's `pino.version`).
 */
export function assertPinoSupportsStreamWrite(version: string | undefined = pino.version): void {
  const [major = 0, minor = 0] = String(version ?? '0.0.0')
    .split('.')
    .map((n) => Number.parseInt(n, 10));
  if (major > 9 || (major === 9 && minor >= 6)) return;
  throw new Error(
    `@hushlog/pino needs pino >= ${MIN_PINO_VERSION} (for hooks.streamWrite), but found pino ${version}; ` +
      'an older pino would write every line unredacted',
  );
}

/**
 * Wraps a compiled redactor into the `hooks.streamWrite` function pino calls with each finished
 * line. Exposed for callers that compose their own hooks; {@link pinoRedaction} uses it.
 *
 * @param redactor A redactor from `createRedactor(policy)`.
 * @returns A function that never throws: a line that cannot be redacted becomes {@link FAILED_LINE}.
 */
export function redactLineHook(redactor: Redactor): (line: string) => string {
  return function hushlogStreamWrite(line: string): string {
    try {
      return redactor.redactLine(line);
    } catch {
      return FAILED_LINE;
    }
  };
}

/**
 * pino options that redact everything pino writes: the merged object, the `msg` (after printf
 * interpolation), child bindings, serialized errors and whatever serializers produce (pino-http
 * and pino-std-serializers request and response objects included).
 *
 * pino runs `formatters.log` before the serializers, so a formatter never sees serializer output.
 * This config instead uses pino's `hooks.streamWrite`, which receives the finished NDJSON line
 * (bindings, serialized values and the interpolated message included) just before it is written,
 * and runs the compiled policy over it with `redactor.redactLine`.
 *
 * The policy is compiled once, here; an invalid policy throws a `PolicyError` naming the field,
 * and a pino older than 9.6 (no `hooks.streamWrite`) throws rather than log unredacted.
 * Logging never throws: a line that cannot be redacted is replaced, never written raw.
 *
 * @example
 * ```js
 * import pino from 'pino';
 * import { pinoRedaction } from '@hushlog/pino';
 *
 * const logger = pino({ ...pinoRedaction(), level: 'info' });
 * logger.info({ user: { email: 'jane@example.com' } }, 'paid with %s', '4111 1111 1111 1111');
 * // {"level":30,…,"user":{"email":"[REDACTED]"},"msg":"paid with [REDACTED:card]"}
 * ```
 *
 * @param policy The hushlog policy (default: the built-in lists).
 * @param settings `{ nativePaths: true }` also emits pino's native `redact` for plain paths.
 * @returns Options to spread into `pino({ ... })`. If you set your own `hooks`, keep ours:
 *   `hooks: { ...options.hooks, logMethod }`.
 */
export function pinoRedaction(policy?: Policy, settings: PinoRedactionSettings = {}): PinoRedactionOptions {
  assertPinoSupportsStreamWrite();
  const redactor = createRedactor(policy);
  const options: PinoRedactionOptions = { hooks: { streamWrite: redactLineHook(redactor) } };
  if (settings.nativePaths === true) {
    const redact = nativeRedactOptions(policy, redactor.policy);
    if (redact !== undefined) options.redact = redact;
  }
  return options;
}
