/**
 * Judges the value found after a sensitive key in free text: is it the secret, or something that
 * only sits where a secret could (a placeholder, a word of prose, a code expression, a type name,
 * or, after a personal-data key, a value that is not that kind of data)?
 */
import { looksLikePassword, looksLikeSecret } from '../detect/generic.js';
import { isPlaceholderValue } from '../detect/placeholder.js';
import { KEY_ADDRESS, KEY_DIGITS, KEY_EMAIL, KEY_PHONE, KEY_WEAK, KEY_WEAK_PASSWORD } from './key-kinds.js';

/**
 * Words that follow a key name in prose (`password: too short`, `token expired`, `Using --password
 * on the command line`), not values. Checked only for unquoted values that a space follows.
 */
const PROSE_WORDS = new Set(
  (
    'a an the is was are were be been being has have had must should will would can cannot could may might does did do not no ' +
    'too and or of for to in on at by with from via into onto than then that this these those it its as if when while ' +
    'required missing invalid incorrect wrong expired empty reset changed updated mismatch weak strong set unset ok failed ' +
    'error valid accepted rejected provided present absent enabled disabled hidden redacted masked rotated revoked generated ' +
    'new old here there below above see please only also just now still yet again every each any all some none use using used ' +
    'value values field fields param parameter argument option flag'
  ).split(' '),
);

/** Verbs that, after a one-word value, show the value is the subject of a sentence (`token: signature is invalid`). */
const PROSE_VERBS = new Set('is was are were has have had does did not must should will would can cannot could may'.split(' '));

/** True when `text[start, end)` is letters only. */
function isWord(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i) | 0x20;
    if (c < 0x61 || c > 0x7a) return false;
  }
  return true;
}

/**
 * True when the unquoted value `text[start, end)` is a word of prose: a word of PROSE_WORDS at the
 * end of the text or before a space or punctuation (`auth: enabled,`, `token: invalid`), or a word
 * followed by a verb (`token: signature is invalid`).
 */
export function isProse(text: string, start: number, end: number): boolean {
  if (end - start > 20) return false;
  const next = text.charCodeAt(end);
  const space = next === 0x20 || next === 0x09;
  if (!(space || Number.isNaN(next) || next === 0x2c || next === 0x2e || next === 0x3b || next === 0x29 || next === 0x0a)) return false;
  if (end - start <= 12 && PROSE_WORDS.has(text.slice(start, end).toLowerCase())) return true;
  if (!space || !isWord(text, start, end)) return false;
  let w = end + 1;
  while (w < text.length && w - end <= 8 && isWord(text, w, w + 1)) w++;
  return w > end + 1 && PROSE_VERBS.has(text.slice(end + 1, w).toLowerCase());
}

function countDigits(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) n++;
  }
  return n;
}

/** True when `text[start, end)` holds `needle` (a search bounded by `end`, so scans stay linear). */
function holds(text: string, start: number, end: number, needle: string): boolean {
  const first = needle.charCodeAt(0);
  for (let i = start; i + needle.length <= end; i++) if (text.charCodeAt(i) === first && text.startsWith(needle, i)) return true;
  return false;
}

/**
 * True when the value `text[start, end)` found after a key of `kind` (see key-kinds.ts) is to be
 * kept: a placeholder or censored value for every kind; after a weak name, a value that does not
 * look like a secret; and, for unquoted values only, prose, a call (`new AWS.Credentials(`) and,
 * after a personal-data key, a value that is not that kind of data (`not an email: hello-world`).
 */
export function keepsValue(text: string, start: number, end: number, kind: number, quoted: boolean): boolean {
  if (end <= start || isPlaceholderValue(text, start, end)) return true;
  if (kind === KEY_WEAK) return !looksLikeSecret(text, start, end);
  if (kind === KEY_WEAK_PASSWORD) return !looksLikePassword(text, start, end);
  // a quoted value is data the writer labelled (`"email":"…"`): only unquoted text is judged by shape
  if (quoted) return false;
  // prose, or a call (`new AWS.Credentials(`, `crypt($1, gen_salt('bf'))`)
  if (isProse(text, start, end) || text.charCodeAt(end) === 0x28 /* ( */ || holds(text, start, end, '(')) return true;
  // `PuttyPassword=0`, `SavePassword=1`: a flag, not a password
  if (end - start === 1 && (text.charCodeAt(start) === 0x30 || text.charCodeAt(start) === 0x31)) return true;
  switch (kind) {
    case KEY_EMAIL:
      return !holds(text, start, end, '@') && !holds(text, start, end, '%40');
    case KEY_PHONE:
      return countDigits(text, start, end) < 6;
    case KEY_ADDRESS:
      return countDigits(text, start, end) === 0 || !(holds(text, start, end, '.') || holds(text, start, end, ':'));
    case KEY_DIGITS:
      return countDigits(text, start, end) === 0;
    default:
      return false;
  }
}

/**
 * The end of the secret part of a value: in an AWS SigV4 credential (`AKIA…/20250320/eu-west-1/s3/
 * aws4_request`) only the key id before the first `/` is secret; the scope stays readable.
 */
export function secretEnd(text: string, start: number, end: number): number {
  if (!text.endsWith('/aws4_request', end)) return end;
  const limit = Math.min(end, start + 129);
  for (let i = start; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2f) return i - start >= 16 ? i : end;
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a))) return end;
  }
  return end;
}
