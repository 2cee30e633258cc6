/**
 * Finds `key=value`, `key: value`, `"key":"value"`, `\"key\":\"value\"`, `--key value` and
 * `export KEY=value` inside free text, and reports the value span when the key is sensitive. Only
 * the value goes; the key and the delimiter stay. Runs in time linear in the text: each delimiter
 * is looked at once, keys are read backwards at most 128 characters, and scanning resumes after a
 * value once it is reported.
 */

import { COLON, DOUBLE_DASH, EQUALS } from '../detect/facts.js';
import { reportSecretPart } from '../detect/credential-scope.js';
import { detachString } from '../match/keys.js';

const MAX_KEY = 128;

/** Characters of a key name: letters, digits, `_`, `.`, `-`. */
const KEY_CHAR = new Uint8Array(128);
for (let c = 48; c <= 57; c++) KEY_CHAR[c] = 1;
for (let c = 65; c <= 90; c++) KEY_CHAR[c] = 1;
for (let c = 97; c <= 122; c++) KEY_CHAR[c] = 1;
KEY_CHAR[0x5f] = 1; // _
KEY_CHAR[0x2e] = 1; // .
KEY_CHAR[0x2d] = 1; // -

/** Characters that end an unquoted value. */
const VALUE_END = new Uint8Array(128);
for (const ch of ' \t\r\n\f\v&,;"\'`)]}<>|') VALUE_END[ch.charCodeAt(0)] = 1;

const AUTH_SCHEME = /^(?:bearer|basic|digest|token|negotiate|ntlm|hoba|mutual|apikey|sso-key|aws4-hmac-sha256)[ \t]+/i;
/** Values that are not secrets: empty markers, placeholders, a bare auth scheme, already-censored text. */
const NOT_SECRET =
  /^(?:null|undefined|none|nil|true|false|bearer|basic|digest|negotiate|\*+|x{3,}|\[REDACTED[^\]]*\]|\$\{[^}]*\}|\{\{[^}]*\}\}|%s|<[^>]*>)$/i;

/** Words that follow a key name in prose (`password: too short`, `token: expired`), not values. */
const PROSE_WORDS = new Set(
  (
    'a an the is was are were be been has have had must should will would can cannot does did not no ' +
    'too and or of for to in on at by with from required missing invalid incorrect wrong expired empty ' +
    'reset changed updated mismatch weak strong set unset ok failed error valid accepted rejected ' +
    'provided present absent enabled disabled hidden redacted masked rotated revoked generated'
  ).split(' '),
);

/**
 * Verdicts on raw keys, cached by a hash computed while the key is read, so a key seen before
 * costs one array probe and one `startsWith` (no substring is made). Direct-mapped and bounded: a
 * colliding key simply replaces the cached one.
 */
export class KeyVerdicts {
  private readonly keys: (string | undefined)[] = new Array<string | undefined>(1024);
  private readonly verdicts = new Uint8Array(1024);

  /** @param isSensitiveKey the key predicate, called once per distinct raw key (while cached) */
  constructor(readonly isSensitiveKey: (rawKey: string) => boolean) {}

  /** True when the key `text[start, end)` (whose `hashKey` is `hash`) is sensitive. */
  test(text: string, start: number, end: number, hash: number): boolean {
    const slot = hash & 1023;
    const known = this.keys[slot];
    if (known !== undefined && known.length === end - start && text.startsWith(known, start)) {
      return this.verdicts[slot] === 1;
    }
    // detached: a cached slice of a long text would keep the whole text alive
    const key = detachString(text.slice(start, end));
    const verdict = this.isSensitiveKey(key);
    this.keys[slot] = key;
    this.verdicts[slot] = verdict ? 1 : 0;
    return verdict;
  }

  /** The verdict for a key given as a string. */
  testKey(key: string): boolean {
    return this.test(key, 0, key.length, hashKey(key, 0, key.length));
  }
}

/** The hash `KeyVerdicts` uses for `text[start, end)`. */
export function hashKey(text: string, start: number, end: number): number {
  let h = 0;
  for (let i = end - 1; i >= start; i--) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h;
}

const COOKIE_KEY = /^cookie$/i;

/** Receives one value span `[start, end)`. */
export type SpanCallback = (start: number, end: number) => void;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/** The end of an unquoted value that starts at `i`. */
function unquotedEnd(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 128 && VALUE_END[c] === 1) break;
    if (c === 0x5c /* \ */) {
      const next = text.charCodeAt(i + 1);
      // an escaped quote or control character in JSON-in-a-string ends the value
      if (next === 0x22 || next === 0x27 || next === 0x6e || next === 0x72 || next === 0x74) break;
    }
    i++;
  }
  return i;
}

/** The end of a header-like value that runs to the end of the line (cookie lists hold `; `). */
function lineEnd(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d || c === 0x22 || c === 0x27 || c === 0x60) break;
    if (c === 0x5c) {
      const next = text.charCodeAt(i + 1);
      if (next === 0x22 || next === 0x27 || next === 0x6e || next === 0x72) break;
    }
    i++;
  }
  while (i > 0 && isSpace(text.charCodeAt(i - 1))) i--;
  return i;
}

/** The end of a value quoted by `quote` whose content starts at `i` (a newline ends it too). */
function quotedEnd(text: string, i: number, quote: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === quote || c === 0x0a) return i;
    if (c === 0x5c) {
      const next = text.charCodeAt(i + 1);
      if (next === quote || next === 0x0a) return i; // an escaped quote ends an escaped-JSON value
      i += 2;
      continue;
    }
    i++;
  }
  return n;
}

/**
 * Reads the value that starts at `v` (after the delimiter and spaces) and reports its secret part.
 * Returns the offset where scanning continues.
 */
function reportValue(text: string, v: number, report: SpanCallback, wholeLine = false): number {
  const n = text.length;
  if (v >= n) return v;
  const c = text.charCodeAt(v);
  let start: number;
  let end: number;
  let quoted = true;
  if (c === 0x22 || c === 0x27) {
    start = v + 1;
    end = quotedEnd(text, start, c);
  } else if (c === 0x5c && (text.charCodeAt(v + 1) === 0x22 || text.charCodeAt(v + 1) === 0x27)) {
    start = v + 2;
    end = quotedEnd(text, start, text.charCodeAt(v + 1));
  } else if (c === 0x7b || c === 0x5b) {
    return v + 1; // a nested object or array: the walker's job
  } else if (c === 0x24 && text.charCodeAt(v + 1) === 0x7b) {
    // `${VAR}`: a template, not a value (bounded search keeps the scan linear)
    const limit = Math.min(n, v + 130);
    for (let i = v + 2; i < limit; i++) if (text.charCodeAt(i) === 0x7d) return i + 1;
    return v + 2;
  } else {
    start = v;
    end = wholeLine ? Math.max(lineEnd(text, v), v) : unquotedEnd(text, v);
    quoted = false;
  }
  // `Authorization: Bearer abc`: the scheme stays, the credential goes
  const head = text.slice(start, Math.min(n, start + 24));
  const scheme = AUTH_SCHEME.exec(head);
  if (scheme !== null && start + scheme[0].length < n) {
    const credential = start + scheme[0].length;
    if (quoted) {
      if (credential < end) start = credential;
    } else if (!isSpace(text.charCodeAt(credential))) {
      start = credential;
      end = unquotedEnd(text, credential);
    }
  }
  if (end > start) {
    const value = end - start > 32 ? '' : text.slice(start, end);
    const prose = !quoted && PROSE_WORDS.has(value.toLowerCase()) && isSpace(text.charCodeAt(end));
    if (!prose && (value === '' || !NOT_SECRET.test(value))) reportSecretPart(text, start, end, report);
  }
  return Math.max(end, v + 1);
}

/** Scans `--key value` flags at `d` (the first dash). Returns where scanning continues. */
function scanFlag(text: string, d: number, keys: KeyVerdicts, report: SpanCallback): number {
  const n = text.length;
  if (d > 0) {
    const before = text.charCodeAt(d - 1);
    if (!(isSpace(before) || before === 0x0a || before === 0x22 || before === 0x27)) return d + 2;
  }
  const k = d + 2;
  let e = k;
  while (e < n && e - k < MAX_KEY) {
    const c = text.charCodeAt(e);
    if (c >= 128 || KEY_CHAR[c] !== 1 || c === 0x2e) break;
    e++;
  }
  const first = text.charCodeAt(k) | 0x20;
  if (e === k || first < 0x61 || first > 0x7a) return k;
  if (e >= n || !isSpace(text.charCodeAt(e))) return e; // `--key=value` is read at the `=`
  if (!keys.test(text, k, e, hashKey(text, k, e))) return e;
  let v = e;
  while (v < n && isSpace(text.charCodeAt(v))) v++;
  if (v >= n || text.charCodeAt(v) === 0x2d /* - another flag */) return v;
  return reportValue(text, v, report);
}

/**
 * Scans a `=` or `:` delimiter at `d`. Returns where scanning continues.
 */
function scanDelimiter(text: string, d: number, keys: KeyVerdicts, report: SpanCallback): number {
  const n = text.length;
  const delim = text.charCodeAt(d);
  const next = text.charCodeAt(d + 1);
  if (delim === 0x3a) {
    if (next === 0x3a || (next === 0x2f && text.charCodeAt(d + 2) === 0x2f) || text.charCodeAt(d - 1) === 0x3a) return d + 1;
  } else if (next === 0x3d) return d + 2; // `==`
  // the key ends before optional spaces and an optional (escaped) quote
  let e = d;
  let c = text.charCodeAt(e - 1);
  while ((c === 0x20 || c === 0x09) && d - e < 4) c = text.charCodeAt(--e - 1);
  if (c === 0x22 || c === 0x27) {
    c = text.charCodeAt(--e - 1);
    if (c === 0x5c) c = text.charCodeAt(--e - 1);
  }
  // read the key backwards, hashing it on the way (NaN before offset 0 ends the loop)
  const low = e > MAX_KEY ? e - MAX_KEY - 1 : 0;
  let s = e;
  let h = 0;
  while (s > low && c < 128 && KEY_CHAR[c] === 1) {
    h = (Math.imul(h, 31) + c) | 0;
    c = text.charCodeAt(--s - 1);
  }
  if (s === e || e - s > MAX_KEY) return d + 1;
  // `scheme://user:password@host`: the user of URL userinfo, whose password the userinfo detector owns
  if (delim === 0x3a && s >= 3 && text.startsWith('://', s - 3)) return d + 1;
  const first = text.charCodeAt(s);
  if (first >= 0x30 && first <= 0x39) return d + 1; // `12:30`, `1=1`
  if (!keys.test(text, s, e, h)) return d + 1;
  let v = d + 1;
  if (delim === 0x3d && next === 0x3e) v++; // `=>`
  while (v < n && isSpace(text.charCodeAt(v))) v++;
  // `Cookie: a=1; b=2` and `Set-Cookie: sid=1; Path=/`: the list runs to the end of the line
  const cookie = e - s >= 6 && COOKIE_KEY.test(text.slice(e - 6, e));
  return reportValue(text, v, report, cookie);
}

/**
 * Reports the value span of every `key=value`-like pair in `text` whose key is sensitive.
 * @param keys verdicts on raw keys as written (`API_TOKEN`, `x-api-key`, `db.password`)
 * @param facts the text's character facts (see detect/facts.ts), when known, so that a delimiter
 *   they rule out (`EQUALS`, `COLON`, `DOUBLE_DASH`) is not searched for; -1 (all set) when not
 */
export function scanKeyValues(text: string, keys: KeyVerdicts, report: SpanCallback, facts = -1): void {
  let eq = (facts & EQUALS) !== 0 ? text.indexOf('=') : -1;
  let colon = (facts & COLON) !== 0 ? text.indexOf(':') : -1;
  let dash = (facts & DOUBLE_DASH) !== 0 ? text.indexOf('--') : -1;
  let from = 0;
  for (;;) {
    if (eq !== -1 && eq < from) eq = text.indexOf('=', from);
    if (colon !== -1 && colon < from) colon = text.indexOf(':', from);
    if (dash !== -1 && dash < from) dash = text.indexOf('--', from);
    let d = eq;
    if (colon !== -1 && (d === -1 || colon < d)) d = colon;
    if (dash !== -1 && (d === -1 || dash < d)) d = dash;
    if (d === -1) return;
    from = d === dash ? scanFlag(text, d, keys, report) : scanDelimiter(text, d, keys, report);
  }
}
