/**
 * Reads the value that follows a sensitive key in free text and reports its secret part: a quoted
 * string (`"…"`, `'…'`, `` `…` ``, `\"…\"` inside JSON held in a string, Python's `b'…'`, `r"…"`,
 * shell's `$'…'`, C#'s `@"…"`), an unquoted run, or a whole header line (`Authorization`,
 * `Cookie`). The auth scheme of a credential stays (`Bearer`, `Api-Token`); placeholders, prose
 * and values that are not the key's kind of data are kept (see value-shape.ts).
 */
import { reportSecretPart } from '../detect/credential-scope.js';
import { KEY_AUTHORIZATION, KEY_COOKIE, KEY_PHONE } from './key-kinds.js';
import { isPlaceholderValue } from '../detect/placeholder.js';
import { keepsValue, secretEnd } from './value-shape.js';

/** Receives one value span `[start, end)`. */
export type SpanCallback = (start: number, end: number) => void;

/**
 * Characters that end an unquoted value: 1 always (spaces, quotes), 2 only where a separator can
 * be (`;`, `,`, `&`, `)`, `]`, `}`, `<`, `>`, `|`): before a space, a quote, another separator,
 * the end, or the next `key=` / `key:`. So `Password=P@ss;Server=db` stops at the `;`, and
 * `DB_PASSWORD=ab;c,d}e` keeps its whole value.
 */
const VALUE_END = new Uint8Array(128);
for (const ch of ' \t\r\n\f\v"\'`') VALUE_END[ch.charCodeAt(0)] = 1;
for (const ch of '&,;)]}<>|') VALUE_END[ch.charCodeAt(0)] = 2;

/** True when a separator at `i` ends the value: what follows cannot continue it. */
function separatorEnds(text: string, i: number): boolean {
  const next = text.charCodeAt(i + 1);
  if (Number.isNaN(next) || next === 0x5c || next === 0x2f /* </tag> */ || (next < 128 && VALUE_END[next] !== 0)) return true;
  // the next `key=` or `key:` (a name of letters, digits, `_`, `.`, `-`, at most 64)
  const limit = Math.min(text.length, i + 66);
  for (let j = i + 1; j < limit; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x3d || c === 0x3a) return j > i + 1;
    if (!((c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c === 0x5f || c === 0x2e || c === 0x2d)) return false;
  }
  return false;
}

/** The auth schemes known by name. */
const AUTH_SCHEMES = 'bearer|basic|digest|token|negotiate|ntlm|hoba|mutual|apikey|sso-key|aws4-hmac-sha256';
/** Schemes that precede a credential under any sensitive key (`token: Bearer abc`). */
const AUTH_SCHEME = new RegExp(`^(?:${AUTH_SCHEMES})[ \\t]+`, 'i');
/** Under `Authorization`, any first word is the scheme (`Api-Token`, `SharedKey`, `OAuth`). */
const SCHEME_WORD = /^[a-z][\w.+-]{0,30}[ \t]+/i;
/** Schemes whose parameters name their own secrets (`Credential=`): scanned as key=value text. */
const PARAMETER_SCHEME = /^aws4-hmac-sha256[ \t]/i;
/** A scheme word with no credential after it (`Authorization: Bearer`, or what a censor left): nothing to hide. */
const SCHEME_ONLY = new RegExp(`^(?:${AUTH_SCHEMES})$`, 'i');

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

function isQuote(c: number): boolean {
  return c === 0x22 || c === 0x27 || c === 0x60;
}

/** The end of an unquoted value that starts at `i`. */
export function unquotedEnd(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 128 && VALUE_END[c] !== 0 && (VALUE_END[c] === 1 || separatorEnds(text, i))) break;
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

/** The end of a phone number written with spaces, dashes, dots and parentheses. */
function phoneEnd(text: string, i: number): number {
  const n = text.length;
  let end = i;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) end = i + 1;
    else if (!(c === 0x20 || c === 0x2d || c === 0x2e || c === 0x28 || c === 0x29 || c === 0x2b)) break;
    i++;
  }
  return end;
}

/** The end of a value quoted by `quote` whose content starts at `i` (a newline ends it too). */
export function quotedEnd(text: string, i: number, quote: number): number {
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

/** The length of a string prefix before a quote at `v`: `b'`, `rb"`, `$'`, `@"` (0 when none). */
function prefixLength(text: string, v: number): number {
  const c = text.charCodeAt(v);
  const lc = c | 0x20;
  if (c === 0x24 || c === 0x40 || lc === 0x62 || lc === 0x72 || lc === 0x75 || lc === 0x66) {
    if (isQuote(text.charCodeAt(v + 1))) return 1;
    const c2 = text.charCodeAt(v + 1) | 0x20;
    if ((lc === 0x72 && c2 === 0x62) || (lc === 0x62 && c2 === 0x72)) return isQuote(text.charCodeAt(v + 2)) ? 2 : 0;
  }
  return 0;
}

/** Skips a template that starts at `v` (`${…}`, `$(…)`, `#{…}`) within 130 characters; -1 when none. */
function templateEnd(text: string, v: number): number {
  const c = text.charCodeAt(v);
  const open = text.charCodeAt(v + 1);
  if (!((c === 0x24 && (open === 0x7b || open === 0x28)) || (c === 0x23 && open === 0x7b))) return -1;
  const close = open === 0x28 ? 0x29 : 0x7d;
  const limit = Math.min(text.length, v + 130);
  for (let i = v + 2; i < limit; i++) if (text.charCodeAt(i) === close) return i + 1;
  return v + 2;
}

/** True when the credential word `text[start, end)` opens an auth parameter list (`username="bob"`, `keyId=…,`). */
function isParameterList(text: string, start: number, end: number): boolean {
  let eq = start;
  while (eq < end && text.charCodeAt(eq) !== 0x3d) eq++;
  if (eq >= end) return false;
  // base64 padding (`dXNlcjpw==`) ends the word; a parameter's `=` is followed by its value
  return eq + 1 < end ? text.charCodeAt(eq + 1) !== 0x3d : isQuote(text.charCodeAt(end));
}

/**
 * Reads the value that starts at `v` (after the operator and spaces) under a key of `kind` (see
 * key-kinds.ts) and reports its secret part. Returns the offset where scanning continues.
 */
export function reportValue(text: string, v: number, kind: number, report: SpanCallback): number {
  const n = text.length;
  if (v >= n) return v;
  v += prefixLength(text, v);
  const c = text.charCodeAt(v);
  let start: number;
  let end: number;
  let quoted = true;
  if (isQuote(c)) {
    start = v + 1;
    end = quotedEnd(text, start, c);
  } else if (c === 0x5c && isQuote(text.charCodeAt(v + 1))) {
    start = v + 2;
    end = quotedEnd(text, start, text.charCodeAt(v + 1));
  } else if (c === 0x7b || c === 0x5b || c === 0x28) {
    return v + 1; // a nested object, array or call: its own keys are scanned
  } else {
    const template = templateEnd(text, v);
    if (template !== -1) return template; // `${VAR}`, `$(VAR)`, `#{var}`: a reference, not a value
    start = v;
    quoted = false;
    if (kind === KEY_COOKIE) end = Math.max(lineEnd(text, v), v);
    else if (kind === KEY_PHONE) end = phoneEnd(text, v);
    else end = unquotedEnd(text, v);
  }
  if (end <= start) return Math.max(end, v + 1);
  const head = text.slice(start, Math.min(end, start + 40));
  if (end - start <= 16 && SCHEME_ONLY.test(head)) return Math.max(end, v + 1);
  if (kind === KEY_AUTHORIZATION) {
    // `Authorization: Api-Token abc`: the scheme word stays, the credential goes
    const scheme = quoted ? SCHEME_WORD.exec(head) : SCHEME_WORD.exec(text.slice(start, start + 40));
    if (scheme !== null && start + scheme[0].length < n) {
      const credential = start + scheme[0].length;
      if (PARAMETER_SCHEME.test(scheme[0])) return credential;
      if (!quoted) {
        // a token68 credential is one word; a parameter list (`Digest username="bob", …`) runs to the line end
        const word = unquotedEnd(text, credential);
        end = isParameterList(text, credential, word) ? Math.max(lineEnd(text, credential), credential) : word;
      }
      if (credential < end) start = credential;
    }
    // `Bearer $(gcloud auth print-access-token)`, `Basic {base64(user:pass)}`, `Bearer <token>`
    const first = text.charCodeAt(start);
    if (first === 0x24 || first === 0x7b || first === 0x3c) return Math.max(end, v + 1);
  } else {
    // `token: Bearer abc`: the scheme stays, the credential goes
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
  }
  end = secretEnd(text, start, end);
  // a censor label (`[REDACTED]`) ends at its `]`, which also ends an unquoted value
  if (!quoted && text.charCodeAt(start) === 0x5b && text.charCodeAt(end) === 0x5d && isPlaceholderValue(text, start, end + 1))
    return end + 1;
  // a SigV4 credential scope keeps its date, region and service; only the key id goes
  if (!keepsValue(text, start, end, kind, quoted)) reportSecretPart(text, start, end, report);
  return Math.max(end, v + 1);
}
