/**
 * Cheap facts about a string, shared by the built-in prefilters. The scanner asks several
 * prefilters about the same string in a row, so the facts of the last string are memoised.
 *
 * Short strings (the common log-field case) get one exact character pass that settles every fact.
 * Long strings get each fact lazily from native searches (`includes` of a rare character, small
 * regexes); a fact computed that way may be a superset ("maybe"), never a false "no".
 */

/** The string holds `@`. */
export const AT = 1 << 0;
/** The string holds `:`. */
export const COLON = 1 << 1;
/** The string holds `.`. */
export const DOT = 1 << 2;
/** The string holds `_`. */
export const UNDERSCORE = 1 << 3;
/** The string holds `-`. */
export const DASH = 1 << 4;
/** The string holds `+`. */
export const PLUS = 1 << 5;
/** Four consecutive digits. */
export const DIGIT_RUN_4 = 1 << 6;
/** A numeric cluster (digits joined by spaces, `-`, `.`, `(`, `)`, `+`) holds 7 or more digits. */
export const DIGITS_7 = 1 << 7;
/** A numeric cluster holds 9 or more digits. */
export const DIGITS_9 = 1 << 8;
/** A numeric cluster holds 13 or more digits. */
export const DIGITS_13 = 1 << 9;
/** A numeric cluster holds at least 4 digits and 3 dots (a possible IPv4 address). */
export const DOTTED_QUAD = 1 << 10;
/** Two upper-case letters then two digits (a possible IBAN head). */
export const IBAN_HEAD = 1 << 11;
/** A run of 16 or more token characters `[A-Za-z0-9_-]` (every vendor token and JWT header has one). */
export const TOKEN_RUN = 1 << 12;
/** A run of hex digits and colons with two or more colons (a possible IPv6 address). */
export const HEX_COLONS = 1 << 13;

/** The string holds `b` or `B` (for `Bearer`, `Basic`). */
export const LETTER_B = 1 << 14;
/** The string holds `=`. */
export const EQUALS = 1 << 15;
/** The string holds `?`. */
export const QUESTION = 1 << 16;
/** The string holds an upper-case ASCII letter. */
export const UPPER = 1 << 17;
/** The string holds `--` (a command-line flag). */
export const DOUBLE_DASH = 1 << 18;
/** The string holds a character that JSON must escape: a quote, a backslash, a control character or a surrogate. */
export const JSON_ESCAPE = 1 << 19;

const ALL = (1 << 20) - 1;

/** Strings up to this length get the exact one-pass profile. */
export const SHORT_TEXT = 256;

// character kinds for the exact pass
const K_DIGIT = 1;
const K_UPPER = 2;
const K_LOWER = 4;
const K_CLUSTER = 8; // space - . ( ) + : stays inside a numeric cluster
const K_TOKEN = 16; // _ - : stays inside a token run
const K_HEX = 32; // a-f A-F
const KIND = new Uint8Array(128);
for (let c = 48; c <= 57; c++) KIND[c] = K_DIGIT;
for (let c = 65; c <= 90; c++) KIND[c] = K_UPPER | (c <= 70 ? K_HEX : 0);
for (let c = 97; c <= 122; c++) KIND[c] = K_LOWER | (c <= 102 ? K_HEX : 0);
for (const ch of ' .()+') KIND[ch.charCodeAt(0)] = K_CLUSTER;
KIND[0x2d] = K_CLUSTER | K_TOKEN;
KIND[0x5f] = K_TOKEN;

function clusterFlags(digits: number, dots: number): number {
  let f = 0;
  if (digits >= 7) f |= DIGITS_7;
  if (digits >= 9) f |= DIGITS_9;
  if (digits >= 13) f |= DIGITS_13;
  if (digits >= 4 && dots >= 3) f |= DOTTED_QUAD;
  return f;
}

/** Facts that one character settles by itself, by character code (ASCII). */
const DIRECT = new Int32Array(128);
for (let c = 0; c < 0x20; c++) DIRECT[c] = JSON_ESCAPE;
DIRECT[0x22] = JSON_ESCAPE;
DIRECT[0x5c] = JSON_ESCAPE;
DIRECT[0x40] = AT;
DIRECT[0x3a] = COLON;
DIRECT[0x2e] = DOT;
DIRECT[0x5f] = UNDERSCORE;
DIRECT[0x2d] = DASH;
DIRECT[0x2b] = PLUS;
DIRECT[0x3d] = EQUALS;
DIRECT[0x3f] = QUESTION;
DIRECT[0x62] = LETTER_B;
for (let c = 65; c <= 90; c++) DIRECT[c] = UPPER;
DIRECT[0x42] = UPPER | LETTER_B;

/** The exact one-pass profile of a (short) string. */
export function exactFacts(text: string): number {
  let flags = 0;
  let digits = 0;
  let dots = 0;
  let digitRun = 0;
  let tokenRun = 0;
  let colons = 0;
  let prev0 = 0;
  let prev1 = 0;
  let prev2 = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) {
      // Non-ASCII ends every run.
      if (c >= 0xd800 && c <= 0xdfff) flags |= JSON_ESCAPE;
      if (digits !== 0) flags |= clusterFlags(digits, dots);
      if (tokenRun >= 16) flags |= TOKEN_RUN;
      if (colons >= 2) flags |= HEX_COLONS;
      digits = dots = digitRun = tokenRun = colons = 0;
      prev2 = prev1;
      prev1 = 0;
      prev0 = c;
      continue;
    }
    const kind = KIND[c] as number;
    flags |= DIRECT[c] as number;
    if (kind & K_DIGIT) {
      digits++;
      tokenRun++;
      if (++digitRun === 4) flags |= DIGIT_RUN_4;
      if (digitRun === 2 && prev2 === K_UPPER && i >= 3 && ((KIND[text.charCodeAt(i - 3)] as number) & K_UPPER) !== 0) flags |= IBAN_HEAD;
    } else {
      digitRun = 0;
      if (kind & K_CLUSTER) {
        if (c === 0x2e) dots++;
        else if (c === 0x2d && prev0 === 0x2d) flags |= DOUBLE_DASH;
      } else if (digits !== 0) {
        flags |= clusterFlags(digits, dots);
        digits = 0;
        dots = 0;
      } else dots = 0;
      if (kind & (K_UPPER | K_LOWER | K_TOKEN)) tokenRun++;
      else {
        if (tokenRun >= 16) flags |= TOKEN_RUN;
        tokenRun = 0;
      }
      if (c === 0x3a) colons++;
      else if ((kind & K_HEX) === 0) {
        if (colons >= 2) flags |= HEX_COLONS;
        colons = 0;
      }
    }
    prev2 = prev1;
    prev1 = kind & (K_DIGIT | K_UPPER);
    prev0 = c;
  }
  if (digits !== 0) flags |= clusterFlags(digits, dots);
  if (tokenRun >= 16) flags |= TOKEN_RUN;
  if (colons >= 2) flags |= HEX_COLONS;
  return flags;
}

const FOUR_DIGITS = /\d\d\d\d/;
const UPPER_HINT = /[A-Z]/;
// eslint-disable-next-line no-control-regex
const ESCAPE_HINT = /["\\\u0000-\u001f\ud800-\udfff]/;
const QUAD_HINT = /\d\.\d{1,3}\.\d/;
const IBAN_HINT = /[A-Z][A-Z]\d\d/;

/** Computes one fact of a long string natively (a "maybe" answer is allowed). */
function nativeFact(text: string, fact: number): boolean {
  switch (fact) {
    case AT:
      return text.includes('@');
    case COLON:
    case HEX_COLONS:
      return text.includes(':');
    case DOT:
      return text.includes('.');
    case UNDERSCORE:
      return text.includes('_');
    case DASH:
      return text.includes('-');
    case PLUS:
      return text.includes('+');
    case EQUALS:
      return text.includes('=');
    case QUESTION:
      return text.includes('?');
    case UPPER:
      return UPPER_HINT.test(text);
    case DOUBLE_DASH:
      return text.includes('--');
    case JSON_ESCAPE:
      return ESCAPE_HINT.test(text);
    case DIGIT_RUN_4:
      return FOUR_DIGITS.test(text);
    case DIGITS_7: // every 7+ digit number without `+` has a 4-digit group in the formats we find
    case DIGITS_9:
    case DIGITS_13:
      return has(text, DIGIT_RUN_4);
    case DOTTED_QUAD:
      return has(text, DOT) && QUAD_HINT.test(text);
    case IBAN_HEAD:
      return has(text, DIGIT_RUN_4) && IBAN_HINT.test(text);
    default:
      return true; // TOKEN_RUN and anything else: maybe
  }
}

let lastText: string | null = null;
let known = 0;
let values = 0;

/**
 * The exact facts of a short string (memoised, shared with `has`), or -1 for a long string (whose
 * facts are only computed on demand).
 */
export function shortFacts(text: string): number {
  if (text.length > SHORT_TEXT) return -1;
  if (text !== lastText) {
    lastText = text;
    values = exactFacts(text);
    known = ALL;
  }
  return values;
}

const MASKS = new WeakMap<object, { readonly any: number; readonly all: number }>();

/**
 * Records that a built-in detector's prefilter can only pass on a short string whose exact facts
 * intersect `mask` and hold every fact in `requires`. The scanner then skips the detector with
 * one or two ANDs on short strings.
 */
export function withFacts<T extends object>(detector: T, mask: number, requires = 0): T {
  MASKS.set(detector, { any: mask, all: requires });
  return detector;
}

/** The fact masks recorded for a detector by `withFacts`, if any: `any` must intersect, `all` must be held. */
export function factMaskOf(detector: object): { readonly any: number; readonly all: number } | undefined {
  return MASKS.get(detector);
}

/**
 * True when `text` must be escaped in JSON. Free for the short string the scanner looked at last
 * (its facts are memoised); a native search otherwise.
 */
export function needsJsonEscape(text: string): boolean {
  if (text === lastText && text.length <= SHORT_TEXT) return (values & JSON_ESCAPE) !== 0;
  return ESCAPE_HINT.test(text);
}

/**
 * True when `text` has (for long strings: may have) the fact, one of the bit constants of this
 * module. Memoised for the last string seen.
 */
export function has(text: string, fact: number): boolean {
  if (fact === 0) return false;
  if (text !== lastText) {
    lastText = text;
    if (text.length <= SHORT_TEXT) {
      values = exactFacts(text);
      known = ALL;
    } else {
      values = 0;
      known = 0;
    }
  }
  if ((known & fact) === 0) {
    const yes = nativeFact(text, fact);
    known |= fact;
    if (yes) values |= fact;
  }
  return (values & fact) !== 0;
}
