/**
 * Translates the plain `paths` of a hushlog policy into pino's native `redact` option. This is a
 * translation of configuration only: pino (fast-redact or @pinojs/redact) does the work.
 */
import { DEFAULT_CENSOR, toPinoPath, type Policy } from '@hushlog/core';

/** pino's native `redact` option, in its object form. */
export interface NativeRedactOptions {
  /** Paths in pino syntax. */
  paths: string[];
  /** The replacement text (absent when `remove` is set). */
  censor?: string;
  /** Remove the key instead of censoring its value. */
  remove?: boolean;
}

/** An own property of `value`, never one inherited from a (possibly polluted) prototype. */
function own(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * pino's `redact` option for the policy's paths that pino reads with the same meaning, or
 * `undefined` when there are none. Each path is written in the form pino 9 and 10 both accept
 * (`` a[`x-y`] `` becomes `a["x-y"]`); paths pino cannot express (`**`, names holding `*`, `,`
 * or brackets) are left to hushlog alone.
 *
 * @param policy A policy that `createRedactor` has already accepted.
 * @throws TypeError when the policy's censor cannot be expressed in pino (a function, `mask` or
 *   `hmac` censor): pino would write a different value than hushlog for the same path.
 */
export function nativeRedactOptions(policy: Policy | undefined): NativeRedactOptions | undefined {
  const listed = own(policy, 'paths');
  const paths: string[] = [];
  if (Array.isArray(listed))
    for (const path of listed as unknown[]) {
      const native = typeof path === 'string' ? toPinoPath(path) : null;
      if (native !== null && !paths.includes(native)) paths.push(native);
    }
  if (paths.length === 0) return undefined;
  const censor = own(policy, 'censor') ?? DEFAULT_CENSOR;
  if (typeof censor === 'string') return { paths, censor };
  const type = own(censor, 'type');
  const text = own(censor, 'text');
  if (type === 'replace' && typeof text === 'string') return { paths, censor: text };
  if (type === 'remove') return { paths, remove: true };
  const kind = typeof censor === 'function' ? 'a function' : `a '${String(type)}'`;
  throw new TypeError(
    `@hushlog/pino: nativePaths needs a string, 'replace' or 'remove' censor, but the policy has ${kind} censor; ` +
      'drop nativePaths (hushlog still redacts those paths) or change the censor',
  );
}
