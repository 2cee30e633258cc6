/** What a value detector is: the contract between the detectors and the text scanner. */
import type { TextProfile } from './facts.js';

export type { TextProfile } from './facts.js';

/** One value detector: a literal prefilter, a linear-time pattern, and a validator. */
export interface DetectorDefinition {
  /** The detector name, used in labels: `[REDACTED:email]`. */
  readonly name: string;
  /**
   * Lower-case literals. The pattern only runs when the lower-cased text holds one of them. Leave
   * it out only when `prefilter` is given.
   */
  readonly keywords?: readonly string[];
  /**
   * A cheap test that must pass before the pattern runs (e.g. "has 13 or more digits"). It gets the
   * string's profile, computed once for all detectors.
   */
  readonly prefilter?: (text: string, profile: TextProfile) => boolean;
  /** A linear-time pattern with the `g` flag. */
  readonly pattern: RegExp;
  /** Return false to drop a match (Luhn, mod-97, a CRC, a range check). It gets the scanned string's profile too. */
  readonly validate?: (match: RegExpExecArray, profile: TextProfile) => boolean;
  /**
   * True when `validate` only refuses look-alikes that the pattern also takes (placeholders such as
   * `XXXX…`, low-entropy bodies, plain words): the pattern alone finds every real secret, so a
   * tool that cannot run the validator (an RE2 export) may use the pattern without it and mask a
   * little more.
   */
  readonly validatorRefinesOnly?: boolean;
  /** The capture group that holds the secret (default 0, the whole match). */
  readonly group?: number;
  /**
   * True when `group` always ends where the match ends (a group inside a trailing lookbehind).
   * The group's start then follows from its length, and the pattern runs without the `d` flag
   * (match indices cost about 100 ns per match).
   */
  readonly groupEndsAtMatchEnd?: boolean;
  /**
   * For built-ins: profile facts (see detect/facts.ts) of which a short string must hold at least
   * one for the prefilter to pass. Absent: the detector is a candidate for every string.
   */
  readonly anyFacts?: number;
  /** For built-ins: profile facts a short string must hold all of for the prefilter to pass. */
  readonly allFacts?: number;
}
