/**
 * @hushlog/pino: hushlog for pino. `pinoRedaction(policy?)` returns pino options that redact every
 * line pino writes; `@hushlog/pino/transport` is a worker-thread transport that does the same off
 * the hot path.
 * @packageDocumentation
 */
import pino from 'pino';
import type { LoggerOptions } from 'pino';
import { createRedactor, type Policy, type Redactor } from '@hushlog/core';
import { serializationOptions, type UserPinoOptions } from './serialization.js';
import type { PinoRedactOption } from './user-redact.js';
import { FAILED_LINE } from './withheld.js';

export type { Policy } from '@hushlog/core';
export { PolicyError } from '@hushlog/core';
export type { NativeRedactOptions } from './native-paths.js';
export { nativeRedactOptions } from './native-paths.js';
export type { UserPinoOptions } from './serialization.js';
export type { PinoRedactOption } from './user-redact.js';
export { FAILED_LINE } from './withheld.js';

/** Settings for {@link pinoRedaction} that are about pino, not about what to redact. */
export interface PinoRedactionSettings {
  /**
   * Your own pino options. `hooks`, `formatters`, `serializers`, `mixin`, `onChild` and `redact`
   * are composed with hushlog's rather than replaced; the result is a complete options object:
   * `pino(pinoRedaction(policy, { pino: { level: 'debug', serializers } }))`.
   */
  readonly pino?: UserPinoOptions;
  /**
   * pino's own `redact` option, unchanged: an array of paths, or `{ paths, censor, remove }` with
   * pino's `(value, path[])` censor. Those paths are censored as pino would censor them, on top
   * of the policy's rules; with no `censor`, hushlog's censor text is used. Also read from
   * `pino.redact`.
   */
  readonly redact?: PinoRedactOption;
}

/** The pino options returned by {@link pinoRedaction}: pass them to `pino(...)`, or spread them. */
export type PinoRedactionOptions = LoggerOptions;

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
 * pino options that redact everything pino writes: the merged object and the mixin's keys, the
 * `msg` after printf interpolation (`%j`, `%o` and `%O` objects are redacted as objects, so paths
 * apply to them as pino's own `redact` does), the bindings of every child level and
 * `setBindings`, serialized errors with their `cause`, and whatever serializers produce
 * (pino-http's `req` and `res` included). Every occurrence of a duplicate key is judged, a value
 * censored in one part is scrubbed from every other part of the line (echo scrubbing), and the
 * request scope (`runWithSecrets`, `requestScope()`) applies.
 *
 * hushlog redacts where pino serializes (`formatters.log`, pino's `redact` censor for the
 * message, the error and the serializer keys, `hooks.logMethod` for interpolated objects), so a
 * line is written once, as pino wrote it. A child created with its own `formatters` or `redact`
 * option replaces hushlog's for its lines: those lines are then redacted whole, as text, in
 * `hooks.streamWrite`, which a child cannot replace.
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
 *
 * // with options of your own, composed rather than replaced:
 * const other = pino(pinoRedaction(policy, { pino: { level: 'debug', formatters: { level: (label) => ({ level: label }) } } }));
 * ```
 *
 * @param policy The hushlog policy (default: the built-in lists).
 * @param settings Your own pino options (`pino`) and pino `redact` config (`redact`).
 * @returns Options for `pino(...)`. Spread them first and set only unrelated options after them:
 *   a `hooks`, `formatters`, `redact` or `onChild` of yours set after the spread would replace
 *   hushlog's, so pass those in `settings.pino`.
 */
export function pinoRedaction(policy?: Policy, settings: PinoRedactionSettings = {}): PinoRedactionOptions {
  assertPinoSupportsStreamWrite();
  const redactor = createRedactor(policy);
  return serializationOptions(redactor, settings.pino, settings.redact);
}
