/**
 * Translates the plain `paths` of a hushlog policy into pino's native `redact` option. This is a
 * translation of configuration only: pino (fast-redact or @pinojs/redact) does the work.
 */
import { createRedactor, toPinoPath, type Policy, type ResolvedPolicy } from '@hushlog/core';

/** pino's native `redact` option, in its object form. */
export interface NativeRedactOptions {
  /** Paths in pino syntax. */
  paths: string[];
  /** The replacement text (absent when `remove` is set). */
  censor?: string;
  /** Remove the key instead of censoring its value. */
  remove?: boolean;
}

/**
 * pino's `redact` option for the policy's paths that pino reads with the same meaning, or
 * `undefined` when there are none. Each path is written in the form pino 9 and 10 both accept
 * (`` a[`x-y`] `` becomes `a["x-y"]`); paths pino cannot express (`**`, names holding `*`, `,`
 * or brackets) are left to hushlog alone.
 *
 * @param policy A policy that `createRedactor` has already accepted.
 * @param resolved That policy as compiled (`redactor.policy`), when a redactor exists already.
 * @throws TypeError when the policy's censor cannot be expressed in pino (a function, `mask` or
 *   `hmac` censor): pino would write a different value than hushlog for the same path.
 */
export function nativeRedactOptions(
  policy: Policy | undefined,
  resolved: ResolvedPolicy = createRedactor(policy).policy,
): NativeRedactOptions | undefined {
  const paths: string[] = [];
  for (const path of resolved.paths) {
    const native = toPinoPath(path);
    if (native !== null && !paths.includes(native)) paths.push(native);
  }
  if (paths.length === 0) return undefined;
  const censor = resolved.censor;
  if (censor.type === 'text') return { paths, censor: censor.text };
  if (censor.type === 'remove') return { paths, remove: true };
  const kind = censor.type === 'function' ? 'a function' : `a '${censor.type}'`;
  throw new TypeError(
    `@hushlog/pino: nativeRedactOptions needs a string, 'replace' or 'remove' censor, but the policy has ${kind} censor; ` +
      'pino would write a different value than hushlog for those paths',
  );
}
