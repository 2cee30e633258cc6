/**
 * The policy as compile resolved it: defaults merged in, names normalised, limits filled in,
 * detectors listed with what they need. Adapters and the command read this (`redactor.policy`)
 * instead of re-deriving it from the raw policy, so they always agree with the engine.
 */

/** A detector the policy runs. */
export interface ResolvedDetector {
  /** Its rule name, as labels show it (`email`, `aws-access-key-id`, a custom name). */
  readonly name: string;
  /** True for a built-in detector, false for one of the policy's `customDetectors`. */
  readonly builtin: boolean;
  /** Its pattern (custom patterns run on a linear-time engine). */
  readonly pattern: RegExp;
  /**
   * True when a match must also pass a validator (a checksum, a range check): the pattern alone
   * over-matches. A validator that only refuses placeholders does not count.
   */
  readonly validated: boolean;
  /** Lower-case keywords that gate it, if any. */
  readonly keywords: readonly string[];
}

/** How whole values are replaced. */
export type ResolvedCensor =
  /** A fixed text: a string censor, `replace`, or the default `[REDACTED]`. */
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'remove' }
  | { readonly type: 'mask'; readonly keepLast: number; readonly char: string }
  | { readonly type: 'hmac'; readonly length: number }
  /** The user's function: what it writes is not known in advance. */
  | { readonly type: 'function' };

/** The limits in force, defaults filled in. */
export interface ResolvedLimits {
  readonly maxDepth: number;
  readonly maxNodes: number;
  readonly maxStringLength: number;
}

/** A policy resolved by compile: frozen, defaults merged, names normalised (see `normalizeKey`). */
export interface ResolvedPolicy {
  readonly preset: 'default' | 'none';
  /** Sensitive key names, normalised, with `*` wildcards (`*token`), defaults included. */
  readonly keys: readonly string[];
  /** Key patterns, tested against the normalised name. */
  readonly keyPatterns: readonly RegExp[];
  /** Header names censored inside header containers, normalised. */
  readonly headers: readonly string[];
  /** Keys whose values are header containers, normalised, with `*` wildcards (empty without headers). */
  readonly headerContainers: readonly string[];
  /** Names sensitive as URL query parameters only, normalised; the keys above are sensitive there too. */
  readonly queryKeys: readonly string[];
  /** Key names never redacted, normalised. */
  readonly allowKeys: readonly string[];
  /** Censoring paths, as written in the policy (each one validated). */
  readonly paths: readonly string[];
  /** Allowed paths, as written in the policy. */
  readonly allowPaths: readonly string[];
  /** The value detectors that run, in priority order. */
  readonly detectors: readonly ResolvedDetector[];
  /** The in-string rules: `key=value` inside text (`kv`) and URL query values (`query`). */
  readonly rules: { readonly kv: boolean; readonly query: boolean };
  /** How whole values are replaced. */
  readonly censor: ResolvedCensor;
  /** The text that replaces a span inside a string; `{rule}` is the rule name. */
  readonly label: string;
  readonly limits: ResolvedLimits;
  /** True for a paths-only policy: only the listed paths are visited, as fast-redact does. */
  readonly pathsOnly: boolean;
}

/** Freezes a resolved policy and every list and object in it. */
export function freezeResolved(policy: ResolvedPolicy): ResolvedPolicy {
  for (const value of Object.values(policy)) {
    if (Array.isArray(value)) {
      for (const item of value) if (typeof item === 'object' && item !== null && !(item instanceof RegExp)) Object.freeze(item);
      Object.freeze(value);
    } else if (typeof value === 'object' && value !== null) Object.freeze(value);
  }
  return Object.freeze(policy);
}
