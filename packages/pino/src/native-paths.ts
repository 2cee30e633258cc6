/**
 * Translates the plain `paths` of a hushlog policy into pino's native `redact` option. This is a
 * translation of configuration only: pino (fast-redact or @pinojs/redact) does the work.
 */
import { DEFAULT_CENSOR, type Policy } from '@hushlog/core';

/** pino's native `redact` option, in its object form. */
export interface NativeRedactOptions {
  /** Paths in pino syntax. */
  paths: string[];
  /** The replacement text (absent when `remove` is set). */
  censor?: string;
  /** Remove the key instead of censoring its value. */
  remove?: boolean;
}

/** True for a path pino understands: hushlog's `**` (any number of levels) is hushlog-only. */
function isPlainPath(path: string): boolean {
  return !path.includes('**');
}

/**
 * pino's `redact` option for the policy's plain paths, or `undefined` when it has none.
 *
 * @param policy A policy that `createRedactor` has already accepted.
 * @throws TypeError when the policy's censor cannot be expressed in pino (a function, `mask` or
 *   `hmac` censor): pino would write a different value than hushlog for the same path.
 */
export function nativeRedactOptions(policy: Policy | undefined): NativeRedactOptions | undefined {
  const paths = (policy?.paths ?? []).filter(isPlainPath);
  if (paths.length === 0) return undefined;
  const censor = policy?.censor ?? DEFAULT_CENSOR;
  if (typeof censor === 'string') return { paths, censor };
  if (typeof censor === 'object' && censor !== null) {
    if (censor.type === 'replace') return { paths, censor: censor.text };
    if (censor.type === 'remove') return { paths, remove: true };
  }
  const kind = typeof censor === 'function' ? 'a function' : `a '${censor.type}'`;
  throw new TypeError(
    `@hushlog/pino: nativePaths needs a string, 'replace' or 'remove' censor, but the policy has ${kind} censor; ` +
      'drop nativePaths (hushlog still redacts those paths) or change the censor',
  );
}
