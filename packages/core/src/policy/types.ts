/**
 * The public shape of a hushlog policy. A policy is plain data (except for function censors and
 * RegExp key patterns), so the same policy can live in a JSON file for the `hushlog` command.
 */

/** Where a redaction decision came from, passed to function censors and used in labels. */
export interface CensorContext {
  /** The rule that fired, such as `key:password`, `path:a.b`, `header:authorization` or `detector:email`. */
  readonly rule: string;
  /** The JSON path of the value, such as `req.headers.authorization` (`''` for free text). */
  readonly path: string;
}

/** A function censor: receives the secret and where it was found, returns its replacement. */
export type CensorFunction = (value: unknown, ctx: CensorContext) => string;

/** Replace the value by a fixed text (the default is `[REDACTED]`). */
export interface ReplaceCensor {
  readonly type: 'replace';
  readonly text: string;
}

/** Remove the key from its object (in free text, the matched span is removed). */
export interface RemoveCensor {
  readonly type: 'remove';
}

/** Mask all but the last `keepLast` characters, e.g. `************1111`. */
export interface MaskCensor {
  readonly type: 'mask';
  /** How many trailing characters stay visible (default 4). */
  readonly keepLast?: number;
  /** The mask character (default `*`). */
  readonly char?: string;
}

/**
 * Replace the value by a keyed hash, `hmac:<hex>`: HMAC-SHA256 with a secret key that the user
 * supplies, truncated. Equal inputs give equal outputs, so values can still be correlated. Unkeyed
 * hashing is refused: unsalted hashes of emails and card numbers are reversed by brute force.
 */
export interface HmacCensor {
  readonly type: 'hmac';
  /** The secret key (at least 16 characters). */
  readonly key: string;
  /** Hex characters kept from the digest (default 16, between 8 and 64). */
  readonly length?: number;
}

/** How a redacted value is replaced. A string is a fixed replacement text. */
export type Censor = string | CensorFunction | ReplaceCensor | RemoveCensor | MaskCensor | HmacCensor;

/** Bounds on the work done for one value. A value past a limit is replaced by a visible marker. */
export interface Limits {
  /** Containers nested deeper than this are replaced by `[MaxDepth]` (default 64). */
  readonly maxDepth?: number;
  /** Values visited per call; the rest of a container is replaced by a marker (default 100,000). */
  readonly maxNodes?: number;
  /** Strings longer than this are replaced by `[TooLong: N chars]` (default 1,048,576). */
  readonly maxStringLength?: number;
}

/** Settings for one built-in value detector. */
export interface DetectorSetting {
  /** `false` turns the detector off. */
  readonly enabled?: boolean;
  /** A censor for this detector's matches only, e.g. `{ type: 'mask', keepLast: 4 }` for cards. */
  readonly censor?: Censor;
}

/** A user-defined value detector. */
export interface CustomDetector {
  /** The rule name, shown in labels: `[REDACTED:name]`. */
  readonly name: string;
  /** A linear-time pattern. The `g` flag is added when missing. */
  readonly pattern: RegExp;
  /** Lower-case literals; the pattern only runs on text that contains one of them. */
  readonly keywords?: readonly string[];
  /** Return false to drop a match (a checksum, a range check). */
  readonly validate?: (match: string) => boolean;
  /** A censor for this detector's matches only. */
  readonly censor?: Censor;
}

/**
 * A redaction policy. Every field is optional: `createRedactor()` uses the default lists.
 *
 * @example
 * createRedactor({ keys: ['sessionKey'], paths: ['req.body.card'], censor: { type: 'mask', keepLast: 4 } })
 */
export interface Policy {
  /** `'default'` adds the built-in keys, headers and detectors; `'none'` redacts only what this policy lists. */
  readonly preset?: 'default' | 'none';
  /**
   * Exact paths in fast-redact / pino syntax: `a.b`, `a["x-y"]`, `a[0]`, `*` for any one level,
   * and `**` for any number of levels (`**.password`).
   */
  readonly paths?: readonly string[];
  /**
   * Sensitive key names, matched at any depth, ignoring case and separators (`apiKey`, `api_key`,
   * `API-KEY` and `x-api-key` all match `apikey`). A string may use `*` as a wildcard over the
   * normalised name (`*token`); a RegExp is tested against the normalised name.
   */
  readonly keys?: readonly (string | RegExp)[];
  /** Extra header names (case-insensitive) censored inside header containers. */
  readonly headers?: readonly string[];
  /** Paths (with `.` or `[`) or key names that are never redacted. */
  readonly allow?: readonly string[];
  /** How redacted values are replaced (default `'[REDACTED]'`). */
  readonly censor?: Censor;
  /**
   * The text that replaces a span matched inside a string, with `{rule}` standing for the rule
   * name (default `'[REDACTED:{rule}]'`). Ignored when `censor` is not a plain string.
   */
  readonly label?: string;
  /** Turn built-in detectors off or give them their own censor, by name (`{ card: { censor: … } }`). */
  readonly detectors?: Readonly<Record<string, DetectorSetting | boolean>>;
  /** User-defined value detectors, run after the built-in ones. */
  readonly customDetectors?: readonly CustomDetector[];
  /** Bounds on the work for one value. */
  readonly limits?: Limits;
}
