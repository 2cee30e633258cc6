/**
 * The assignment-syntax recogniser: given where an assignment operator starts (`=`, `:`, `:=`,
 * `.=`, `?=`, `+=`, `||=`, `=>`), reads the key written before it, backwards, in the forms of the
 * common syntaxes:
 * - bare names: `API_TOKEN=`, `db.password =`, `x-api-key:` (shell, dotenv, INI, TOML, YAML,
 *   Java properties, HTTP headers, connection strings);
 * - quoted names: `"token":`, `'apiKey':`, `\"password\":` (JSON, JS/TS and Python literals,
 *   JSON inside a string);
 * - bracket keys: `os.environ["API_TOKEN"] =`, `ENV['SECRET'] =`, `card[cvc]=` (Python, Ruby, PHP,
 *   form bodies);
 * - names with a type between them and the operator: `var stripeToken string =` (Go),
 *   `token: str =` (Python, TypeScript).
 * A name that starts with a digit must hold a run of four letters (`1passwordToken`), so that
 * times, addresses and timestamps (`12:30`, `10.0.0.1:80`, `2025-01-01T10:00`) are not read as keys.
 * Each read looks at most MAX_KEY characters back, so a scan stays linear.
 */
import { hashKey, sameText } from './key-kinds.js';

/** The longest key read. */
export const MAX_KEY = 128;

/** Characters of a key name: letters, digits, `_`, `.`, `-`. */
export const KEY_CHAR = new Uint8Array(128);
for (let c = 48; c <= 57; c++) KEY_CHAR[c] = 1;
for (let c = 65; c <= 90; c++) KEY_CHAR[c] = 1;
for (let c = 97; c <= 122; c++) KEY_CHAR[c] = 1;
KEY_CHAR[0x5f] = 1; // _
KEY_CHAR[0x2e] = 1; // .
KEY_CHAR[0x2d] = 1; // -

/**
 * A key found in text: `text[start, end)` and its `hashKey`. The readers write it into the one their
 * caller passes (a scan session owns one), so reading a key allocates nothing.
 */
export interface KeySpan {
  start: number;
  end: number;
  hash: number;
}

/** A fresh KeySpan, for a scan session to pass to the key readers. */
export function keySpan(): KeySpan {
  return { start: 0, end: 0, hash: 0 };
}

/** Type names that may sit between a name and its `=` (`var token string = "…"`, `token: str = "…"`). */
const TYPE_WORDS = ['string', 'String', 'str', 'bytes', 'SecretStr', 'text'];
const TYPE_WORD_SHORTEST = Math.min(...TYPE_WORDS.map((w) => w.length));
const TYPE_WORD_LONGEST = Math.max(...TYPE_WORDS.map((w) => w.length));
/** 1 for each first letter of a type word. */
const TYPE_WORD_FIRST = new Uint8Array(128);
for (const word of TYPE_WORDS) TYPE_WORD_FIRST[word.charCodeAt(0)] = 1;

/** True when `text[start, end)` is one of TYPE_WORDS (compared in place: no substring is made). */
function isTypeWord(text: string, start: number, end: number): boolean {
  const length = end - start;
  // most keys are refused by their length or first letter, before any comparison
  if (length < TYPE_WORD_SHORTEST || length > TYPE_WORD_LONGEST) return false;
  const first = text.charCodeAt(start);
  if (first >= 128 || TYPE_WORD_FIRST[first] !== 1) return false;
  for (let i = 0; i < TYPE_WORDS.length; i++) if (sameText(text, start, end, TYPE_WORDS[i] as string)) return true;
  return false;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** True when a digit-led name holds a run of four letters and no `-`, `.` (not a time or a date). */
function isDigitLedName(text: string, s: number, e: number): boolean {
  let run = 0;
  let best = 0;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2d || c === 0x2e) return false;
    const letter = (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
    run = letter ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best >= 4;
}

/**
 * Reads the name that ends right before offset `e`, skipping up to four spaces, a closing quote
 * (escaped or not) and a closing `]`. On success sets `found` and returns true.
 */
function readName(text: string, e: number, found: KeySpan): boolean {
  let k = e;
  let c = text.charCodeAt(k - 1);
  while (isSpace(c) && e - k < 4) c = text.charCodeAt(--k - 1);
  let bracket = false;
  if (c === 0x5d /* ] */) {
    bracket = true;
    c = text.charCodeAt(--k - 1);
  }
  let quote = 0;
  if (c === 0x22 || c === 0x27 || c === 0x60) {
    quote = c;
    c = text.charCodeAt(--k - 1);
    if (c === 0x5c) c = text.charCodeAt(--k - 1);
  }
  // read the name backwards, hashing it on the way (NaN before offset 0 ends the loop)
  const low = k > MAX_KEY ? k - MAX_KEY - 1 : 0;
  let s = k;
  let h = 0;
  while (s > low && c < 128 && KEY_CHAR[c] === 1) {
    h = (Math.imul(h, 31) + c) | 0;
    c = text.charCodeAt(--s - 1);
  }
  if (s === k || k - s > MAX_KEY) return false;
  if (bracket) {
    // `[` before the name (and its opening quote): `a[cvc]`, `ENV['SECRET']`
    if (quote !== 0) {
      if (c !== quote) return false;
      c = text.charCodeAt(s - 2);
      if (c === 0x5c) c = text.charCodeAt(s - 3);
    }
    if (c !== 0x5b) return false;
  }
  if (isDigit(text.charCodeAt(s)) && !isDigitLedName(text, s, k)) return false;
  found.start = s;
  found.end = k;
  found.hash = h;
  return true;
}

/**
 * Reads the key of an assignment whose operator starts at `e`. When the word before the operator
 * is a type name and a name precedes it (`var token string =`, `token: str =`), that name is the key.
 * On success sets `found` and returns true.
 */
export function readKeyBefore(text: string, e: number, found: KeySpan): boolean {
  if (!readName(text, e, found)) return false;
  const { start, end } = found;
  if (!isTypeWord(text, start, end)) return true;
  // hop over the type: spaces, then an optional `:` and spaces, then the name
  let j = start;
  while (j > 0 && isSpace(text.charCodeAt(j - 1)) && start - j < 4) j--;
  if (text.charCodeAt(j - 1) === 0x3a) {
    j--;
    while (j > 0 && isSpace(text.charCodeAt(j - 1)) && start - j < 8) j--;
  }
  if (j === start || !readName(text, j, found)) {
    found.start = start;
    found.end = end;
    found.hash = hashKey(text, start, end);
  }
  return true;
}
