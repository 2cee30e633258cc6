/**
 * The generic-secret judgement: does a value found after a weak key word (`key`, `signingKey`,
 * `client_key`, `dbpass`, `?code=`) look like a secret, or like the identifiers, words, numbers,
 * paths and placeholders such keys also hold?
 *
 * Modelled on gitleaks' `generic-api-key` rule: a secret is one run of printable characters with
 * enough Shannon entropy (gitleaks: 3.5 bits per character) that is not made of letters and
 * separators only. Because the most a string of n characters can reach is log2(n) bits, a fixed
 * 3.5 would refuse every secret under 12 characters; the bar here is 3.5 or log2(n) - 0.6,
 * whichever is lower. Identifiers (`key_2024-11`, `hmac-sha256`, `SharedIniFileCredentials`), UUIDs,
 * numbers, versions, paths, URLs and placeholders are refused whatever their entropy.
 *
 * One pass over the value, no allocation (a placeholder check slices values of 160 characters or
 * fewer).
 */
import { isPlaceholderValue } from './placeholder.js';

/** Shortest value the generic judgement accepts (gitleaks: 10). */
export const MIN_GENERIC_SECRET = 10;
/** Shortest value the password judgement accepts. */
export const MIN_PASSWORD = 6;
/** Values longer than this are judged on their first MAX_JUDGED characters. */
const MAX_JUDGED = 4096;

// Character statistics of the last value measured: module scratch, so that measuring allocates
// nothing. It is not a memo: `measure` sets every field before it reads it and zeroes `counts`
// before it returns, so nothing carries from one call to the next, and it calls nothing that could
// re-enter it. The judgements below read the fields right after their own `measure` call.
const counts = new Uint16Array(128);
const touched = new Uint8Array(128);
let lower = 0;
let upper = 0;
let digits = 0;
let symbols = 0;
/** Adjacent letter pairs, and those whose case differs (`aB`, `Ab`). */
let letterPairs = 0;
let caseSwitches = 0;
/** Shannon entropy in bits per character. */
let entropy = 0;
/** True when every `- _ . : / @ +`-separated segment is letters then digits (`sha256`, `v2`, `2024`). */
let wordySegments = true;
/** The number of such segments. */
let segments = 0;

function isSeparator(c: number): boolean {
  return c === 0x2d || c === 0x5f || c === 0x2e || c === 0x3a || c === 0x2f || c === 0x40 || c === 0x2b;
}

/**
 * Measures `text[start, end)`. Returns false when the value cannot be a secret at all: it holds
 * whitespace, a control character or a non-ASCII character.
 */
function measure(text: string, start: number, end: number): boolean {
  lower = upper = digits = symbols = letterPairs = caseSwitches = 0;
  wordySegments = true;
  segments = 1;
  let distinct = 0;
  let prevCase = 0; // 1 lower, 2 upper, 0 not a letter
  let sawDigit = false; // in this segment
  let sawLetterAfterDigit = false;
  let ok = true;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x20 || c >= 0x7f) {
      ok = false;
      break;
    }
    const seen = counts[c] as number;
    counts[c] = seen + 1;
    if (seen === 0) touched[distinct++] = c;
    if (c >= 0x61 && c <= 0x7a) {
      lower++;
      if (prevCase !== 0) letterPairs++;
      if (prevCase === 2) caseSwitches++;
      prevCase = 1;
      if (sawDigit) sawLetterAfterDigit = true;
    } else if (c >= 0x41 && c <= 0x5a) {
      upper++;
      if (prevCase !== 0) letterPairs++;
      if (prevCase === 1) caseSwitches++;
      prevCase = 2;
      if (sawDigit) sawLetterAfterDigit = true;
    } else if (c >= 0x30 && c <= 0x39) {
      digits++;
      prevCase = 0;
      sawDigit = true;
    } else {
      symbols++;
      prevCase = 0;
      if (isSeparator(c)) {
        if (sawLetterAfterDigit) wordySegments = false;
        sawDigit = sawLetterAfterDigit = false;
        segments++;
      } else wordySegments = false;
    }
  }
  if (sawLetterAfterDigit) wordySegments = false;
  const n = end - start;
  let h = 0;
  for (let k = 0; k < distinct; k++) {
    const c = touched[k] as number;
    if (ok) {
      const p = (counts[c] as number) / n;
      h -= p * Math.log2(p);
    }
    counts[c] = 0;
  }
  entropy = h;
  return ok;
}

/** The entropy a value of `n` characters must reach: 3.5 bits, or log2(n) - 0.6 when lower. */
function entropyBar(n: number): number {
  return Math.min(3.5, Math.log2(n) - 0.6);
}

/** True for `8-4-4-4-12` hex UUIDs (identifiers everywhere, and refused as generic secrets). */
function isUuid(text: string, start: number, end: number): boolean {
  if (end - start !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = text.charCodeAt(start + i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 0x2d) return false;
    } else if (!((c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66))) return false;
  }
  return true;
}

/** True when the value is a URL, a file path or a file name, which such keys often hold. */
function isLocation(text: string, start: number, end: number): boolean {
  const c = text.charCodeAt(start);
  for (let i = start; i + 3 <= end; i++) if (text.charCodeAt(i) === 0x3a && text.startsWith('://', i)) return true;
  // `/etc/app/key.pem`, `./certs/client.key`, `~/.ssh/id_rsa`, `C:\keys\app.pfx`
  if (c === 0x7e || (c === 0x2e && text.charCodeAt(start + 1) === 0x2f)) return true;
  if (((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a && text.charCodeAt(start + 1) === 0x3a) || c === 0x5c) return true;
  return false;
}

/**
 * True when the value is a file name or an object key with an extension (`app.pem`,
 * `reports/2025/06/a1b2.csv`): base64, base64url and hex secrets have no `.`, so a value that ends
 * in `.` and two to four lower-case letters is a name, or one of the longer key-file extensions.
 */
function isFileName(text: string, start: number, end: number): boolean {
  let dot = end - 1;
  while (dot > start && end - dot <= 11 && text.charCodeAt(dot) !== 0x2e) dot--;
  if (dot <= start || text.charCodeAt(dot) !== 0x2e || end - dot < 3) return false;
  for (let i = dot + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x61 || c > 0x7a) return false;
  }
  return end - dot <= 5 || LONG_EXTENSIONS.has(text.slice(dot + 1, end));
}

const LONG_EXTENSIONS = new Set(['keytab', 'properties', 'keystore', 'config']);

/** True when `=` appears before the trailing base64 padding (the value holds `key=value`). */
function hasInnerEquals(text: string, start: number, end: number): boolean {
  let e = end;
  while (e > start && text.charCodeAt(e - 1) === 0x3d) e--;
  for (let i = start; i < e; i++) if (text.charCodeAt(i) === 0x3d) return true;
  return false;
}

/** True when the value is only hex digits, with both digits and letters (keys, HMAC secrets). */
function isMixedHex(): boolean {
  return symbols === 0 && digits > 0 && (lower === 0 || upper === 0) && lower + upper > 0;
}

function hexOnly(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i) | 0x20;
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}

/** The share of adjacent letter pairs that switch case: about 0.5 in random text, 0.1–0.3 in camelCase. */
function switchRate(): number {
  return letterPairs === 0 ? 0 : caseSwitches / letterPairs;
}

/**
 * True when `text[start, end)` looks like a generic secret (an API key, a signing key, a random
 * token): 10 or more printable characters, not an identifier, UUID, number, path or placeholder,
 * and with enough entropy for its length. Letters-only values must also switch case as often as
 * random text does.
 */
export function looksLikeSecret(text: string, start = 0, end = text.length): boolean {
  const n = Math.min(end - start, MAX_JUDGED);
  if (n < MIN_GENERIC_SECRET) return false;
  end = start + n;
  if (!measure(text, start, end)) return false;
  if (lower + upper === 0) return false; // numbers, dates, addresses, versions
  if (hasInnerEquals(text, start, end)) return false; // `state=xyz`: a key=value pair, not one value
  if (isUuid(text, start, end) || isLocation(text, start, end) || isFileName(text, start, end)) return false;
  if (isPlaceholderValue(text, start, end)) return false;
  if (digits === 0 && symbols === segments - 1) {
    // letters and separators only (gitleaks refuses these outright): words, identifiers, or random
    // letters, which switch case far more often
    return n >= 16 && switchRate() >= 0.4 && entropy >= entropyBar(n);
  }
  if (wordySegments && switchRate() < 0.3) return false; // `key_2024-11`, `hmac-sha256`, `Version2`
  if (n >= 16 && isMixedHex() && hexOnly(text, start, end)) return true;
  return entropy >= entropyBar(n);
}

/**
 * True when `text[start, end)` looks like a password after a weak password word (`pass`, `dbpass`,
 * `pwd`): six or more printable characters that are not a word, a number, an identifier made of
 * several words, a path or a placeholder. Passwords are chosen by people (`Summer2024!`,
 * `Qwerty3830`), so entropy is not asked for.
 */
export function looksLikePassword(text: string, start = 0, end = text.length): boolean {
  const n = Math.min(end - start, MAX_JUDGED);
  if (n < MIN_PASSWORD) return false;
  end = start + n;
  if (!measure(text, start, end)) return false;
  if (lower + upper === 0) return false;
  if (isLocation(text, start, end) || isFileName(text, start, end) || isPlaceholderValue(text, start, end)) return false;
  // `enabled`, `FAILED`, `first-pass` (one case of letters and separators)
  if (digits === 0 && symbols === segments - 1 && (lower === 0 || upper === 0)) return false;
  if (segments > 1 && wordySegments && switchRate() < 0.3) return false; // `cache-only`, `v2_final`
  return true;
}

/** The Shannon entropy of `text[start, end)` in bits per character (0 for text with a non-printable character). */
export function shannonEntropy(text: string, start = 0, end = text.length): number {
  return measure(text, start, end) ? entropy : 0;
}
