import type { Policy, Redactor } from '@hushlog/core';
import type { Logform } from 'winston';
import { redactInfo, sealOutput, type Info } from './info.js';
import { redactorFor } from './redactors.js';
import { captureWinstonScopes } from './scopes.js';

/**
 * The logform format returned by {@link redactFormat}. Each `transform` returns a NEW, redacted
 * info; the info it was given (often the caller's own object) is never written to.
 */
export class RedactFormat implements Logform.Format {
  /** logform passes these back to `transform`; this format has none. */
  readonly options: object = {};

  /** @param redactor the compiled policy this format applies. */
  constructor(private readonly redactor: Redactor) {
    captureWinstonScopes();
  }

  /**
   * Redacts one info: `message`, meta and defaultMeta, Errors (message, stack, cause, own
   * properties, axios `config.headers`), the `[SPLAT]` arguments, and `[MESSAGE]` when a
   * finalizing format already ran. Never throws: an entry that cannot be redacted is censored.
   */
  transform(info: Logform.TransformableInfo): Logform.TransformableInfo {
    const out = redactInfo(this.redactor, info as Info);
    sealOutput(this.redactor, out);
    return out as Logform.TransformableInfo;
  }
}

/**
 * A logform format that redacts every log entry with one compiled policy. Place it after
 * `errors()` and `splat()` (so it sees the final message, the error's fields and the merged meta)
 * and before the finalizing `printf()` or `json()` (in place of `redactFormat()` and `json()`,
 * `redactJson()` does both):
 *
 * @example
 * import winston from 'winston';
 * import { redactFormat } from '@hushlog/winston';
 * const { format } = winston;
 * const logger = winston.createLogger({
 *   format: format.combine(format.errors({ stack: true }), format.splat(), redactFormat(), format.json()),
 *   transports: [new winston.transports.Console()],
 * });
 *
 * @param policy the hushlog policy; the default policy when omitted. It is compiled once, here,
 *   and a `PolicyError` naming the bad field is thrown when it is not valid.
 */
export function redactFormat(policy?: Policy): RedactFormat {
  return new RedactFormat(redactorFor(policy));
}
