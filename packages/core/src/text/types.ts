/**
 * The contract between the walker and the free-text scanner. The walker owns censors and paths;
 * the scanner finds spans and asks the sink for each replacement.
 */

/**
 * Called once for each secret span found in a string. Returns the replacement text.
 * @param secret the matched secret (only the part to hide, e.g. the password of a URL)
 * @param detector the detector name, such as `email`, `card`, `jwt`, `kv`, `query` or `userinfo`
 */
export type SpanSink = (secret: string, detector: string) => string;

/** A compiled free-text scanner. */
export interface TextScanner {
  /**
   * Returns `text` with every secret span replaced by the sink's result, or the very same string
   * when nothing matched (so callers can compare with `===`).
   */
  redact(text: string, sink: SpanSink): string;
}

/** One value detector: a literal prefilter, a linear-time pattern, and a validator. */
export interface DetectorDefinition {
  /** The detector name, used in labels: `[REDACTED:email]`. */
  readonly name: string;
  /**
   * Lower-case literals. The pattern only runs when the lower-cased text holds one of them. Leave
   * it out only when `prefilter` is given.
   */
  readonly keywords?: readonly string[];
  /** A cheap test that must pass before the pattern runs (e.g. "has 13 or more digits"). */
  readonly prefilter?: (text: string) => boolean;
  /** A linear-time pattern with the `g` flag. */
  readonly pattern: RegExp;
  /** Return false to drop a match (Luhn, mod-97, a CRC, a range check). */
  readonly validate?: (match: RegExpExecArray) => boolean;
  /** The capture group that holds the secret (default 0, the whole match). */
  readonly group?: number;
  /**
   * True when `group` always ends where the match ends (a group inside a trailing lookbehind).
   * The group's start then follows from its length, and the pattern runs without the `d` flag
   * (match indices cost about 100 ns per match).
   */
  readonly groupEndsAtMatchEnd?: boolean;
}
