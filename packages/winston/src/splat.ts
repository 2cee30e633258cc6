import type { Policy, Redactor } from '@hushlog/core';
import type { Logform } from 'winston';
import type { Info } from './info.js';
import { redactorFor } from './redactors.js';
import { carryScope, captureWinstonScopes, inScopeOf } from './scopes.js';
import { SPLAT } from './symbols.js';

/**
 * The logform format returned by {@link redactSplat}: redacts the `[SPLAT]` arguments of an
 * entry as values, before `splat()` renders them into the message or merges them into meta.
 */
export class RedactSplat implements Logform.Format {
  /** logform passes these back to `transform`; this format has none. */
  readonly options: object = {};

  /** @param redactor the compiled policy this format applies. */
  constructor(private readonly redactor: Redactor) {
    captureWinstonScopes();
  }

  /**
   * Returns the info with its `[SPLAT]` arguments redacted: a NEW info when an argument changed,
   * the same info when none did (or there are none). The caller's arguments are never written
   * to. Never throws: an argument that cannot be redacted is censored.
   */
  transform(info: Logform.TransformableInfo): Logform.TransformableInfo {
    const entry = info as Info;
    const splat = entry[SPLAT];
    if (!Array.isArray(splat) || splat.length === 0 || entry instanceof Error) return info;
    const args = inScopeOf(entry, redactArgs, this.redactor, splat as unknown[]);
    if (args === splat) return info;
    const out: Info = { ...entry, [SPLAT]: args };
    carryScope(entry, out);
    return out as Logform.TransformableInfo;
  }
}

/** The redacted arguments; `args` itself when nothing changed. */
function redactArgs(redactor: Redactor, args: unknown[]): unknown[] {
  let out: unknown[] | null = null;
  for (let i = 0; i < args.length; i++) {
    const redacted = redactor.redact(args[i]);
    if (redacted !== args[i]) (out ??= args.slice())[i] = redacted;
  }
  return out ?? args;
}

/**
 * A format for BEFORE `splat()`: it redacts the `%s`, `%o`, `%O` and `%j` arguments as values,
 * so that key, header and path rules reach inside them, and `splat()` then renders the redacted
 * values. (After `splat()`, an argument is only text in the message.) Still place `redactJson()`
 * or `redactFormat()` after `splat()`, for the message, meta and errors:
 *
 * @example
 * format.combine(format.errors({ stack: true }), redactSplat(), format.splat(), redactJson())
 *
 * @param policy the hushlog policy; the default policy when omitted. Pass the same policy object
 *   as to the other hushlog formats, so they share one compiled redactor.
 */
export function redactSplat(policy?: Policy): RedactSplat {
  return new RedactSplat(redactorFor(policy));
}
