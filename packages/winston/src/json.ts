import type { Policy, Redactor } from '@hushlog/core';
import { configure } from 'safe-stable-stringify';
import type { Logform } from 'winston';
import { CENSORED_ENTRY, redactInfo, sealOutput, sortedLineOf, type Info } from './info.js';
import { lazyInfo } from './lazy-info.js';
import { redactorFor } from './redactors.js';
import { captureWinstonScopes, carryScope, inScopeOf } from './scopes.js';
import { MESSAGE } from './symbols.js';

/** The options of logform's `format.json()`, which {@link redactJson} takes unchanged. */
export type JsonOptions = Logform.JsonOptions;

type Stringify = (value: unknown, replacer?: unknown, space?: string | number) => string | undefined;

/** logform's own default replacer for `json()`: a BigInt is written as a string, not as a bare number. */
function logformReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

/**
 * True when core's sorted JSON (`stringifySorted`) writes the very bytes of `json(options)` over
 * the redacted copy: json()'s default options (no `replacer`, `space` or safe-stable-stringify
 * setting), and a policy whose whole-value censor is not a function (whose non-string results
 * JSON.stringify would write unsorted) and which is not paths-only (whose untouched subtrees are
 * shared with the input, where safe-stable-stringify and JSON.stringify part ways).
 */
function writesInOnePass(redactor: Redactor, options: JsonOptions): boolean {
  const policy = redactor.policy;
  if (policy.pathsOnly || policy.censor.type === 'function') return false;
  for (const key of Object.keys(options)) if ((options as Record<string, unknown>)[key] !== undefined) return false;
  return true;
}

/**
 * The logform format returned by {@link redactJson}: redacts the entry and writes its JSON line
 * (`info[MESSAGE]`) as `format.json()` would, with the same options. Returns a NEW info; the one
 * it is given is never written to.
 */
export class RedactJson implements Logform.Format {
  /** The `json()` options this format was made with. */
  readonly options: JsonOptions;
  private readonly stringify: Stringify;
  private readonly replacer: unknown;
  private readonly space: number | undefined;
  /** True when core's sorted JSON writes this format's lines (see `writesInOnePass`). */
  private readonly onePass: boolean;

  /**
   * @param redactor the compiled policy this format applies.
   * @param options logform `json()` options: `replacer`, `space`, and safe-stable-stringify's
   *   `bigint`, `circularValue`, `deterministic`, `maximumDepth`, `maximumBreadth`.
   */
  constructor(
    private readonly redactor: Redactor,
    options: JsonOptions = {},
  ) {
    this.options = options;
    // json() configures safe-stable-stringify with its options on every entry; once is enough.
    this.stringify = configure(options as Parameters<typeof configure>[0]) as Stringify;
    this.replacer = options.replacer ?? logformReplacer;
    this.space = options.space;
    this.onePass = writesInOnePass(redactor, options);
    captureWinstonScopes();
  }

  /**
   * Redacts one info, as `redactFormat()` does, and sets `[MESSAGE]` to its JSON, as `json()` does.
   * With json()'s default options the line is written in one pass, and the redacted fields are
   * made only if something reads them (see lazy-info.ts). Never throws.
   */
  transform(info: Logform.TransformableInfo): Logform.TransformableInfo {
    const entry = info as Info;
    const line = this.onePass ? sortedLineOf(this.redactor, entry) : null;
    if (line !== null) {
      // the fields as the line saw them (a shallow copy: the caller may change its object after
      // logging it), redacted later under the request scope of this moment, which `out` carries
      const seen: Info = { ...entry };
      const redactor = this.redactor;
      const out = lazyInfo(seen, line, () => inScopeOf(out, redactInfo, redactor, seen));
      carryScope(entry, out);
      sealOutput(this.redactor, out);
      return out as Logform.TransformableInfo;
    }
    const out = redactInfo(this.redactor, entry);
    out[MESSAGE] = this.line(out);
    sealOutput(this.redactor, out);
    return out as Logform.TransformableInfo;
  }

  private line(out: Info): string | undefined {
    try {
      return this.stringify(out, this.replacer, this.space);
    } catch {
      // A user replacer or a strict option that throws: the line is censored, never left raw.
      return JSON.stringify({ level: typeof out.level === 'string' ? out.level : 'error', message: CENSORED_ENTRY });
    }
  }
}

/**
 * A drop-in for winston's `format.json()` that also redacts: its line is byte for byte the line
 * of `redactFormat(policy)` followed by `format.json(options)` (the same key order, `space`,
 * `replacer` and BigInt handling), in one format. Place it last, after `errors()` and `splat()`:
 *
 * @example
 * import winston from 'winston';
 * import { redactJson } from '@hushlog/winston';
 * const { format } = winston;
 * const logger = winston.createLogger({
 *   format: format.combine(format.errors({ stack: true }), format.splat(), redactJson()),
 *   transports: [new winston.transports.Console()],
 * });
 *
 * @param policy the hushlog policy; the default policy when omitted. Compiled once, here; an
 *   invalid policy throws a `PolicyError` naming the bad field.
 * @param options the options `format.json()` takes.
 */
export function redactJson(policy?: Policy, options?: JsonOptions): RedactJson {
  return new RedactJson(redactorFor(policy), options);
}
