/**
 * Secrets passed to a call as a (name, value) pair of string arguments:
 * `System.setProperty("STRIPE_TOKEN", "…")`, `os.Setenv("GITHUB_TOKEN", "…")`,
 * `headers.set('Authorization', 'Bearer …')`, `config.put("db.password", "…")`.
 * Linear: each `("` or `('` is looked at once, and the name is read at most MAX_KEY characters.
 */
import { KEY_CHAR, MAX_KEY } from './assignment.js';
import { hashKey, KEY_NONE, type KeyVerdicts } from './key-kinds.js';
import { reportValue, type SpanCallback } from './value-reader.js';

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/**
 * Reads the call arguments that start at `open` (the `(`). Returns where scanning continues.
 */
function scanCall(text: string, open: number, keys: KeyVerdicts, report: SpanCallback): number {
  const quote = text.charCodeAt(open + 1);
  const s = open + 2;
  let e = s;
  while (e < text.length && e - s < MAX_KEY) {
    const c = text.charCodeAt(e);
    if (c >= 128 || KEY_CHAR[c] !== 1) break;
    e++;
  }
  if (e === s || text.charCodeAt(e) !== quote) return s;
  let v = e + 1;
  while (isSpace(text.charCodeAt(v))) v++;
  if (text.charCodeAt(v) !== 0x2c /* , */) return v;
  v++;
  while (isSpace(text.charCodeAt(v))) v++;
  const c = text.charCodeAt(v);
  if (c !== 0x22 && c !== 0x27) return v;
  const kind = keys.kind(text, s, e, hashKey(text, s, e));
  return kind === KEY_NONE ? v : reportValue(text, v, kind, report);
}

/** The opening of a call whose first argument is a string. */
const OPENERS = ['("', "('"];

/** Reports the value argument of every call whose name argument is a sensitive key. */
export function scanCallArguments(text: string, keys: KeyVerdicts, report: SpanCallback): void {
  for (const opener of OPENERS) {
    let at = text.indexOf(opener);
    while (at !== -1) at = text.indexOf(opener, scanCall(text, at, keys, report));
  }
}
