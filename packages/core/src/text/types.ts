/**
 * The contract between the walker and the free-text scanner. The walker owns censors and paths;
 * the scanner finds spans and asks the sink for each replacement.
 */
import type { TextProfile } from '../detect/facts.js';

export type { DetectorDefinition } from '../detect/types.js';

/**
 * Called once for each secret span found in a string. Returns the replacement text.
 * @param secret the matched secret (only the part to hide, e.g. the password of a URL)
 * @param detector the detector name, such as `email`, `card`, `jwt`, `kv`, `query` or `userinfo`
 */
export type SpanSink = (secret: string, detector: string) => string;

/**
 * Exact secrets to scrub from every string, each under its own rule name: the request's known
 * secrets (`known-secret`) and the values a rule censored elsewhere in the same record (`echo`).
 * The walker owns the list and adds echoes to it while it walks.
 */
export interface SecretSpans {
  readonly values: readonly string[];
  /** The rule name of each value, reported to the sink (same index as `values`). */
  readonly rules: readonly string[];
  /** The length of the shortest value: shorter strings cannot hold any. */
  readonly shortest: number;
  /**
   * Asked when the value at `i` was found in a text: false when it is not to be scrubbed after all
   * (an echo that a detector finds whole, which the detector labels instead).
   */
  admits(i: number): boolean;
}

/**
 * One user of a compiled scanner: its scratch state (the string profile, the span list) is its
 * own, so a session is used by one walk at a time and allocates nothing per clean string.
 */
export interface ScanSession {
  /**
   * Returns `text` with every secret span replaced by the sink's result, or the very same string
   * when nothing matched (so callers can compare with `===`).
   */
  redact(text: string, sink: SpanSink, secrets?: SecretSpans | null): string;
  /** The profile of the last string `redact` looked at (valid until the next call). */
  readonly profile: TextProfile;
}

/** A compiled free-text scanner, shared by every walker of a compiled policy. */
export interface TextScanner {
  /** True when no detector or in-string rule is on: sessions only scrub exact secrets. */
  readonly empty: boolean;
  /** True when some value detector is on (only a detector can find a value whole, under its own label). */
  readonly detects: boolean;
  /** A new session with its own scratch state. */
  session(): ScanSession;
}
