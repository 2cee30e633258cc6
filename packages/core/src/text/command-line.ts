/**
 * Secrets on command lines and in argument lists:
 * - `--password VALUE`, `--token "VALUE"`, and argv printed as a list: `['--db-password', 'VALUE']`,
 *   `"--token","VALUE"` (`--key=value` is read as an assignment);
 * - `curl -u user:password`, `--user 'user:password'`, `-U` and `--proxy-user`;
 * - MySQL and MariaDB's `-pPASSWORD`, where the password is glued to the flag.
 */
import { KEY_CHAR, MAX_KEY } from './assignment.js';
import { hashKey, KEY_SECRET, type KeyVerdicts } from './key-kinds.js';
import { reportValue, type SpanCallback } from './value-reader.js';
import { isPlaceholderValue } from '../detect/placeholder.js';

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

function isQuote(c: number): boolean {
  return c === 0x22 || c === 0x27 || c === 0x60;
}

/** True when the flag ends where an argument may start: start of text, a space, a quote, `[` or `,`. */
function flagStartsAt(text: string, d: number): boolean {
  if (d === 0) return true;
  const c = text.charCodeAt(d - 1);
  return isSpace(c) || c === 0x0a || isQuote(c) || c === 0x5b || c === 0x2c || c === 0x3d;
}

/**
 * Scans a `--key value` flag at `d` (its first dash). The value follows spaces, or, in an argument
 * list, the flag's closing quote and a comma (`'--token', 'VALUE'`). Returns where scanning continues.
 */
export function scanFlag(text: string, d: number, keys: KeyVerdicts, report: SpanCallback): number {
  const n = text.length;
  if (!flagStartsAt(text, d)) return d + 2;
  const k = d + 2;
  let e = k;
  while (e < n && e - k < MAX_KEY) {
    const c = text.charCodeAt(e);
    if (c >= 128 || KEY_CHAR[c] !== 1 || c === 0x2e) break;
    e++;
  }
  const first = text.charCodeAt(k) | 0x20;
  if (e === k || first < 0x61 || first > 0x7a) return k;
  // `--no-password`: a switch that turns something off takes no value
  if (first === 0x6e && (text.charCodeAt(k + 1) | 0x20) === 0x6f && (text.charCodeAt(k + 2) === 0x2d || text.charCodeAt(k + 2) === 0x5f))
    return e;
  let v = e;
  const after = text.charCodeAt(e);
  if (isQuote(after)) {
    // an argument list: the flag's closing quote, a comma, then the value
    v = e + 1;
    while (v < n && isSpace(text.charCodeAt(v))) v++;
    if (text.charCodeAt(v) !== 0x2c) return e;
    v++;
  } else if (!isSpace(after)) return e; // `--key=value` is read at the `=`
  while (v < n && isSpace(text.charCodeAt(v))) v++;
  if (v >= n || text.charCodeAt(v) === 0x2d /* - another flag */) return v;
  const kind = keys.kind(text, k, e, hashKey(text, k, e));
  if (kind === 0) return v;
  return reportValue(text, v, kind, report);
}

/** Passwords that stand for a password in examples (`curl -u user:pass`), after gitleaks' curl rule. */
const EXAMPLE_PASSWORDS = new Set(['pass', 'password', 'passwd', 'pwd', 'test', 'token', 'secret', 'changeme', 'changeit']);

/** True when `text[start, end)` is a placeholder, an example password or one character repeated (`xxx`, `yyy`). */
function isExamplePassword(text: string, start: number, end: number): boolean {
  if (isPlaceholderValue(text, start, end)) return true;
  const first = text.charCodeAt(start);
  // `$PASSWORD`, `$(cat pw)`, `{{ .Values.pw }}`
  if (first === 0x24 /* $ */ || (first === 0x7b && text.charCodeAt(start + 1) === 0x7b)) return true;
  let same = true;
  for (let i = start + 1; i < end && same; i++) same = text.charCodeAt(i) === first;
  return same || (end - start <= 8 && EXAMPLE_PASSWORDS.has(text.slice(start, end).toLowerCase()));
}

/** Strips one pair of quotes around `text[start, end)`; returns the inner start (end via `unquoted.end`). */
const unquoted = { start: 0, end: 0 };
function stripQuotes(text: string, start: number, end: number): void {
  const c = text.charCodeAt(start);
  if (end - start >= 2 && isQuote(c) && text.charCodeAt(end - 1) === c) {
    start++;
    end--;
  }
  unquoted.start = start;
  unquoted.end = end;
}

/**
 * Reads the `user:password` argument that starts at `v` (quoted as a whole, in parts, or not at
 * all) and reports the password, or the user when the password is empty (an API key given as
 * the user name, `-u sk_test_…:`). Returns where scanning continues.
 */
function reportCredentials(text: string, v: number, report: SpanCallback): number {
  const n = text.length;
  let end = v;
  let colon = -1;
  let quote = 0;
  while (end < n) {
    const c = text.charCodeAt(end);
    if (quote !== 0) {
      if (c === quote) quote = 0;
      else if (c === 0x0a) break;
    } else if (isQuote(c)) quote = c;
    else if (isSpace(c) || c === 0x0a || c === 0x0d) break;
    if (c === 0x3a && colon === -1) colon = end;
    end++;
  }
  if (colon === -1 || text.charCodeAt(v) === 0x3c /* <user:password> */) return end;
  // the quotes around the whole argument belong to neither part
  let userStart = v;
  let passEnd = end;
  const q = text.charCodeAt(v);
  if (isQuote(q) && text.charCodeAt(end - 1) === q && text.indexOf(String.fromCharCode(q), v + 1) === end - 1) {
    userStart++;
    passEnd--;
  }
  stripQuotes(text, colon + 1, passEnd);
  let { start: s, end: e } = unquoted;
  if (e <= s) {
    // an empty password: the user part is the credential
    stripQuotes(text, userStart, colon);
    ({ start: s, end: e } = unquoted);
  }
  if (e - s >= 3 && !isExamplePassword(text, s, e)) report(s, e);
  return end;
}

/** Flags whose argument is `user:password`, longest first. */
const USER_FLAGS = ['--proxy-user', '--user', '-U', '-u'];

/**
 * Reports the passwords of `user:password` flag arguments: `curl -u admin:…`, `--user 'admin:…'`,
 * `--user=admin:…`, `-uadmin:…`, `-U` and `--proxy-user` (curl's proxy credentials).
 */
export function scanUserFlags(text: string, report: SpanCallback): void {
  if (!text.includes('-u') && !text.includes('-U')) return;
  let d = text.indexOf('-');
  while (d !== -1) {
    let from = d + 1;
    for (const flag of USER_FLAGS) {
      if (!text.startsWith(flag, d) || !flagStartsAt(text, d)) continue;
      let v = d + flag.length;
      const c = text.charCodeAt(v);
      if (c === 0x3d) v++;
      else if (isSpace(c)) while (isSpace(text.charCodeAt(v)) && v - d - flag.length < 6) v++;
      else if (flag.length !== 2 || Number.isNaN(c) || c === 0x2d) break; // `-u` may be glued to its argument
      from = reportCredentials(text, v, report);
      break;
    }
    d = text.indexOf('-', from);
  }
}

/** Reports MySQL and MariaDB passwords glued to `-p` (`mysql -u root -pS3cret db`). */
export function scanGluedPasswords(text: string, report: SpanCallback): void {
  let d = text.indexOf('-p');
  if (d === -1 || (!text.includes('mysql') && !text.includes('mariadb'))) return;
  while (d !== -1) {
    const next = text.charCodeAt(d + 2);
    let from = d + 2;
    if (
      flagStartsAt(text, d) &&
      text.charCodeAt(d - 1) !== 0x2d &&
      !Number.isNaN(next) &&
      !isSpace(next) &&
      next !== 0x2d &&
      next !== 0x0a
    ) {
      from = reportValue(text, d + 2, KEY_SECRET, report);
    }
    d = text.indexOf('-p', from);
  }
}
