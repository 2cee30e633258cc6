/**
 * Cheap facts about a string, shared by the built-in prefilters. The scanner computes a string's
 * profile once (a `TextProfile`, owned by the scan session and handed to every prefilter and
 * validator) instead of each prefilter reading the string again.
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
/**
 * A run of TOKEN_RUN_LENGTH or more token characters `[A-Za-z0-9_-]`: every JWT header with an
 * `alg` (`{"alg":""}` is 14 characters of base64url) and every vendor token that the token
 * detectors ask it of has one.
 */
export const TOKEN_RUN = 1 << 12;
/** The run length TOKEN_RUN stands for. */
export const TOKEN_RUN_LENGTH = 14;
/** A run of hex digits and colons with two or more colons (a possible IPv6 address). */
export const HEX_COLONS = 1 << 13;

/** The string holds `b` or `B` followed by `a`, `e`, `A` or `E` (the start of `Bearer`, `Basic` in any case). */
export const LETTER_B = 1 << 14;
/** The string holds `=`. */
export const EQUALS = 1 << 15;
/** The string holds `?`. */
export const QUESTION = 1 << 16;
/** The string holds an upper-case ASCII letter. */
export const UPPER = 1 << 17;
/** The string holds `--` (a command-line flag). */
export const DOUBLE_DASH = 1 << 25;
/** The string holds a character that JSON must escape: a quote, a backslash, a control character or a surrogate. */
export const JSON_ESCAPE = 1 << 19;

/** The string holds a lower-case ASCII letter other than `a`–`f` (hex digests and trace IDs have none). */
export const NON_HEX_LOWER = 1 << 20;

/** The string holds `://` (a URL scheme separator). */
export const SCHEME = 1 << 24;

/** The string holds a character outside ASCII (an internationalised address, for example). */
export const NON_ASCII = 1 << 22;

/** The string holds `%` (URL encoding such as `%40`, `%2B`). */
export const PERCENT = 1 << 23;

/** The string holds `'` (SQL and shell quoting, Python and Ruby strings). */
export const APOSTROPHE = 1 << 21;

/** The string holds `<` (XML and HTML markup). */
export const ANGLE = 1 << 18;

/**
 * Every fact. The facts a character settles by itself (its table entry) sit below bit 24; the
 * facts the pass settles from runs (SCHEME, DOUBLE_DASH…) may also sit above, where the table keeps
 * its kind bits, because the pass takes only TABLE_FACTS from each entry.
 */
const ALL = (1 << 26) - 1;
/** The bits of a table entry that are facts (the rest are the character's kind). */
const TABLE_FACTS = (1 << 24) - 1;

/** Strings up to this length get the exact one-pass profile. */
export const SHORT_TEXT = 256;

// Character kinds for the exact pass, in the bits above the facts so that one table read gives
// both a character's own facts and its kind (the pass ORs the whole entry into the flags and
// masks the kinds off at the end).
const T_DIGIT = 1 << 24;
const T_UPPER = 1 << 25;
/** Letters and `_`: characters that extend a token run and end every numeric run. */
const T_WORD = 1 << 26;
/** ` - . ( ) +` stay inside a numeric cluster. */
const T_CLUSTER = 1 << 27;
/** `-` also extends a token run. */
const T_TOKEN = 1 << 28;
/** `a-f A-F`, which stay inside a hex-and-colons run. */
const T_HEX = 1 << 29;
/** `b` and `B`: look at the next character for LETTER_B. */
const T_B = 1 << 30;

/**
 * Per ASCII code: the facts the character settles by itself, plus its kind bits. Non-ASCII
 * characters are handled as a kind-less character (they end every run).
 */
const TABLE = new Int32Array(128);
for (let c = 0; c < 0x20; c++) TABLE[c] = JSON_ESCAPE;
TABLE[0x22] = JSON_ESCAPE;
TABLE[0x5c] = JSON_ESCAPE;
TABLE[0x40] = AT;
TABLE[0x3a] = COLON;
TABLE[0x3d] = EQUALS;
TABLE[0x3f] = QUESTION;
TABLE[0x25] = PERCENT;
TABLE[0x27] = APOSTROPHE;
TABLE[0x3c] = ANGLE;
for (let c = 48; c <= 57; c++) TABLE[c] = T_DIGIT;
for (let c = 65; c <= 90; c++) TABLE[c] = UPPER | T_UPPER | T_WORD | (c <= 70 ? T_HEX : 0) | (c === 0x42 ? T_B : 0);
for (let c = 97; c <= 122; c++) TABLE[c] = T_WORD | (c <= 102 ? T_HEX : NON_HEX_LOWER) | (c === 0x62 ? T_B : 0);
TABLE[0x5f] = UNDERSCORE | T_WORD;
for (const ch of ' ()') TABLE[ch.charCodeAt(0)] = T_CLUSTER;
TABLE[0x2e] = DOT | T_CLUSTER;
TABLE[0x2b] = PLUS | T_CLUSTER;
TABLE[0x2d] = DASH | T_CLUSTER | T_TOKEN;

function clusterFlags(digits: number, dots: number): number {
  let f = 0;
  if (digits >= 7) f |= DIGITS_7;
  if (digits >= 9) f |= DIGITS_9;
  if (digits >= 13) f |= DIGITS_13;
  if (digits >= 4 && dots >= 3) f |= DOTTED_QUAD;
  return f;
}

/** True when the character at `i` is an upper-case ASCII letter. */
function upperAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 65 && c <= 90;
}

/** True when the character at `i` is `a`, `e`, `A` or `E`: after a `b`, the start of `Bearer` or `Basic` in any case. */
function bearerOrBasicAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i) | 0x20;
  return c === 0x61 || c === 0x65;
}

/**
 * The exact one-pass profile of a (short) string. One table read per character settles its own
 * facts and its kind; letters (most characters) take a short branch.
 */
export function exactFacts(text: string): number {
  let flags = 0;
  let digits = 0;
  let dots = 0;
  let digitRun = 0;
  let tokenRun = 0;
  let colons = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const t = c < 128 ? (TABLE[c] as number) : c >= 0xd800 && c <= 0xdfff ? JSON_ESCAPE | NON_ASCII : NON_ASCII;
    flags |= t & TABLE_FACTS;
    if ((t & T_WORD) !== 0) {
      // a letter or `_`: extends a token run, ends the numeric runs
      tokenRun++;
      // (a digit run implies a cluster with digits, so digitRun needs no reset of its own here)
      if ((digits | dots | colons) !== 0) {
        if (digits !== 0) flags |= clusterFlags(digits, dots);
        digits = dots = digitRun = 0;
        if ((t & T_HEX) === 0) {
          if (colons >= 2) flags |= HEX_COLONS;
          colons = 0;
        }
      }
      if ((t & T_B) !== 0 && bearerOrBasicAt(text, i + 1)) flags |= LETTER_B;
    } else if ((t & T_DIGIT) !== 0) {
      digits++;
      tokenRun++;
      // two upper-case letters then the first two digits of this run: a possible IBAN head
      if (++digitRun === 2) {
        if (i >= 3 && upperAt(text, i - 2) && upperAt(text, i - 3)) flags |= IBAN_HEAD;
      } else if (digitRun === 4) flags |= DIGIT_RUN_4;
    } else {
      digitRun = 0;
      if ((t & T_CLUSTER) !== 0) {
        if (c === 0x2e) dots++;
        else if (c === 0x2d && text.charCodeAt(i - 1) === 0x2d) flags |= DOUBLE_DASH;
      } else if (digits !== 0) {
        flags |= clusterFlags(digits, dots);
        digits = 0;
        dots = 0;
      } else dots = 0;
      if ((t & T_TOKEN) !== 0) tokenRun++;
      else {
        if (tokenRun >= TOKEN_RUN_LENGTH) flags |= TOKEN_RUN;
        tokenRun = 0;
      }
      if (c === 0x3a) {
        colons++;
        if (text.charCodeAt(i + 1) === 0x2f && text.charCodeAt(i + 2) === 0x2f) flags |= SCHEME;
      } else {
        if (colons >= 2) flags |= HEX_COLONS;
        colons = 0;
      }
    }
  }
  if (digits !== 0) flags |= clusterFlags(digits, dots);
  if (tokenRun >= TOKEN_RUN_LENGTH) flags |= TOKEN_RUN;
  if (colons >= 2) flags |= HEX_COLONS;
  return flags & ALL;
}

const FOUR_DIGITS = /\d\d\d\d/;
const UPPER_HINT = /[A-Z]/;
// eslint-disable-next-line no-control-regex
const ESCAPE_HINT = /["\\\u0000-\u001f\ud800-\udfff]/;
const QUAD_HINT = /\d\.\d{1,3}\.\d/;
const IBAN_HINT = /[A-Z][A-Z]\d\d/;
/** True for a token character `[A-Za-z0-9_-]`: the characters the exact pass counts in a token run. */
function isTokenChar(c: number): boolean {
  return c < 128 && ((TABLE[c] as number) & (T_WORD | T_DIGIT | T_TOKEN)) !== 0;
}

/**
 * True when `text` holds TOKEN_RUN_LENGTH token characters `[A-Za-z0-9_-]` in a row. It reads the
 * last character of each window first and jumps past a window that cannot hold a run, reading
 * back only as far as the characters not yet known to be token characters: linear, and on prose
 * about a third of the characters are read (a regex such as `/[\w-]{14}/` restarts at every
 * position, and cost 20 ns a character here; a plain loop 6 ns; this 2 ns).
 */
function hasTokenRun(text: string): boolean {
  const n = text.length;
  let p = 0;
  // text[p .. known) are token characters
  let known = 0;
  while (p + TOKEN_RUN_LENGTH <= n) {
    const last = p + TOKEN_RUN_LENGTH - 1;
    if (!isTokenChar(text.charCodeAt(last))) {
      p = known = last + 1;
      continue;
    }
    const stop = known > p ? known : p;
    let k = last - 1;
    while (k >= stop && isTokenChar(text.charCodeAt(k))) k--;
    if (k < stop) return true;
    p = k + 1;
    known = last + 1;
  }
  return false;
}

/** True when `text` must be escaped in JSON: a quote, a backslash, a control character or a surrogate. */
export function needsJsonEscape(text: string): boolean {
  const n = text.length;
  if (n > SHORT_ESCAPE_SCAN) return ESCAPE_HINT.test(text);
  // A short string (a key, a censor's output): a plain loop is cheaper than a regex call.
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return true;
  }
  return false;
}

/** Up to this length, `needsJsonEscape` scans with a loop rather than a regex. */
const SHORT_ESCAPE_SCAN = 64;

/**
 * The facts of one string, computed once and passed to every prefilter and validator that asks
 * about it. A short string (up to SHORT_TEXT characters) gets the exact one-pass profile up front;
 * a long one gets each fact lazily from a native search, where a "maybe" is allowed and a false
 * "no" never is. One profile is owned by each scan session and reset per string, so profiling
 * allocates nothing.
 */
export class TextProfile {
  /** The string profiled. */
  text = '';
  /** The exact facts of a short string; -1 for a long string (ask `has`). */
  facts = 0;
  private values = 0;
  private settled = 0;

  /** Profiles `text`: exact facts now for a short string, none yet for a long one. */
  reset(text: string): this {
    this.text = text;
    if (text.length <= SHORT_TEXT) {
      this.facts = this.values = exactFacts(text);
      this.settled = ALL;
    } else {
      this.facts = -1;
      this.values = 0;
      this.settled = 0;
    }
    return this;
  }

  /**
   * Describes `text` by one known fact only, whether it needs JSON escaping (a string proven clean
   * before, or a redacted string whose pieces are known); any other fact is computed when asked.
   */
  known(text: string, escapes: boolean): this {
    this.text = text;
    this.facts = -1;
    this.values = escapes ? JSON_ESCAPE : 0;
    this.settled = JSON_ESCAPE;
    return this;
  }

  /** True when `fact` is already known for the string (no search is needed to answer `has`). */
  knows(fact: number): boolean {
    return (this.settled & fact) === fact;
  }

  /** True when the string has (for a long string: may have) `fact`, one of the bit constants of this module. */
  has(fact: number): boolean {
    if ((this.settled & fact) === 0) {
      const yes = this.nativeFact(fact);
      this.settled |= fact;
      if (yes) this.values |= fact;
    }
    return (this.values & fact) !== 0;
  }

  /** True when the profiled string must be escaped in JSON (exact and free for a short string). */
  needsJsonEscape(): boolean {
    return this.has(JSON_ESCAPE);
  }

  /** Computes one fact of a long string natively (a "maybe" answer is allowed). */
  private nativeFact(fact: number): boolean {
    const text = this.text;
    switch (fact) {
      case AT:
        return text.includes('@');
      case COLON:
      case HEX_COLONS:
        return text.includes(':');
      case SCHEME:
        return text.includes('://');
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
      case PERCENT:
        return text.includes('%');
      case NON_ASCII:
        // UTF-8 needs more bytes than UTF-16 units exactly when a character is not ASCII (a
        // native count, several times faster than a regex scan)
        return Buffer.byteLength(text, 'utf8') !== text.length;
      case APOSTROPHE:
        return text.includes("'");
      case ANGLE:
        return text.includes('<');
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
        return this.has(DIGIT_RUN_4);
      case DOTTED_QUAD:
        return this.has(DOT) && QUAD_HINT.test(text);
      case IBAN_HEAD:
        return this.has(DIGIT_RUN_4) && IBAN_HINT.test(text);
      case TOKEN_RUN:
        return hasTokenRun(text);
      default:
        return true; // anything else: maybe
    }
  }
}

/** A profile of `text` on its own (for tests and one-off checks; the scanner reuses one per session). */
export function profileOf(text: string): TextProfile {
  return new TextProfile().reset(text);
}

/**
 * Records on a built-in detector that its prefilter can only pass on a short string whose exact
 * facts intersect `any` and hold every fact in `all`. The scanner then skips the detector with one
 * or two ANDs on short strings.
 */
export function withFacts<T extends object>(
  detector: T,
  any: number,
  all = 0,
): T & { readonly anyFacts: number; readonly allFacts: number } {
  return { ...detector, anyFacts: any, allFacts: all };
}
