/**
 * Finds the values of sensitive keys inside free text, in the assignment forms of the common
 * syntaxes, and reports each value's span (the key and the operator stay):
 * - `key=value`, `key: value`, `key := value`, `$key .= value`, `KEY ?= value`, `key += value`,
 *   `:key => value`, `"key":"value"`, `\"key\":\"value\"`, `ENV['KEY'] = value`, `card[cvc]=…`,
 *   `var key string = value`, `export KEY=value`, header lines (`Authorization: Api-Token …`),
 *   connection strings (`AccountKey=…;`) — see assignment.ts and value-reader.ts;
 * - `--key value` flags, argv lists, `curl -u user:pass`, `mysql -pPASS` — see command-line.ts;
 * - `<password>…</password>` and `<add key="…" value="…"/>` — see markup.ts;
 * - SQL `PASSWORD '…'` and `IDENTIFIED BY '…'` — see sql.ts;
 * - `setProperty("KEY", "value")` — see calls.ts;
 * - JSON Web Key private members in an object with `kty` — see jwk.ts;
 * - `key <secret>` in prose, for values that look like secrets — see spaced-secrets.ts.
 * What a key's value must look like depends on the key (key-kinds.ts, value-shape.ts).
 *
 * Each form is looked for only when the text's facts allow it, and every scan is linear: each
 * delimiter is looked at once, keys are read backwards at most 128 characters, and scanning
 * resumes after a value once it is reported.
 */
import { ANGLE, APOSTROPHE, COLON, DASH, DOUBLE_DASH, EQUALS, JSON_ESCAPE, TOKEN_RUN, UPPER, type TextProfile } from '../detect/facts.js';
import { keySpan, readKeyBefore, type KeySpan } from './assignment.js';
import { scanCallArguments } from './calls.js';
import { scanFlag, scanGluedPasswords, scanUserFlags } from './command-line.js';
import { scanJwkMembers } from './jwk.js';
import { KEY_NONE, type KeyVerdicts } from './key-kinds.js';
import { isValueAttribute, pairedAttributeName, scanElements } from './markup.js';
import { scanSpacedSecrets } from './spaced-secrets.js';
import { scanSqlPasswords } from './sql.js';
import { reportValue, type SpanCallback } from './value-reader.js';

export { hashKey, KeyVerdicts, type KeyVerdict } from './key-kinds.js';
export type { SpanCallback } from './value-reader.js';

/**
 * The text facts of which one must be present for any key=value form to be there (`mysql -p…`
 * and `curl -u a:b` also hold a `:` or a token run; a `key <secret>` a token run).
 */
export const KEY_VALUE_FACTS = EQUALS | COLON | DOUBLE_DASH | ANGLE | APOSTROPHE | JSON_ESCAPE | TOKEN_RUN;

/** True when the text has (or, for a long text, may have) `fact`; true when there is no profile. */
function has(profile: TextProfile | undefined, fact: number): boolean {
  return profile === undefined || profile.has(fact);
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/** Characters before `=` that make it a compound operator (`:=`, `.=`, `?=`, `+=`, `||=`, `&&=`, `??=`). */
function compoundStart(text: string, d: number): number {
  const c = text.charCodeAt(d - 1);
  if (c === 0x3a || c === 0x2e || c === 0x2b) return d - 1;
  if (c === 0x3f || c === 0x7c || c === 0x26) return text.charCodeAt(d - 2) === c ? d - 2 : c === 0x3f ? d - 1 : -1;
  return d;
}

/** Scans a `=` or `:` delimiter at `d`. Returns where scanning continues. */
function scanDelimiter(text: string, d: number, keys: KeyVerdicts, report: SpanCallback, found: KeySpan): number {
  const n = text.length;
  const delim = text.charCodeAt(d);
  const next = text.charCodeAt(d + 1);
  let opStart = d;
  if (delim === 0x3a) {
    // `::`, `://`, and `:=` (read at its `=`)
    if (next === 0x3a || next === 0x3d || (next === 0x2f && text.charCodeAt(d + 2) === 0x2f) || text.charCodeAt(d - 1) === 0x3a)
      return d + 1;
  } else {
    if (next === 0x3d) return d + 2; // `==`, `===`
    const prev = text.charCodeAt(d - 1);
    if (prev === 0x3d || prev === 0x21 || prev === 0x3c || prev === 0x3e) return d + 1; // `!=`, `<=`, `>=`
    opStart = compoundStart(text, d);
    if (opStart === -1) return d + 1;
  }
  if (!readKeyBefore(text, opStart, found)) return d + 1;
  let { start, end, hash } = found;
  // `arn:aws:secretsmanager:…:secret:db`, `io.jsonwebtoken:jjwt-api:0.12`: a name in a colon chain
  if (delim === 0x3a && text.charCodeAt(start - 1) === 0x3a && !isSpace(next)) return d + 1;
  // `scheme://user:password@host`: the user of URL userinfo, whose password the userinfo detector owns
  if (delim === 0x3a && start >= 3 && text.startsWith('://', start - 3)) return d + 1;
  let kind = keys.kind(text, start, end, hash);
  if (kind === KEY_NONE) {
    // `<add key="DbPassword" value="…"/>`: the key attribute names the value
    if (delim === 0x3d && isValueAttribute(text, start, end) && pairedAttributeName(text, start, found)) {
      ({ start, end, hash } = found);
      kind = keys.kind(text, start, end, hash);
    }
    if (kind === KEY_NONE) return d + 1;
  }
  let v = d + 1;
  if (delim === 0x3d && next === 0x3e) v++; // `=>`
  while (v < n && isSpace(text.charCodeAt(v))) v++;
  return reportValue(text, v, kind, report);
}

/**
 * Reports the value span of every sensitive key's value in `text` (see the module comment).
 * @param keys kinds of raw keys as written (`API_TOKEN`, `x-api-key`, `db.password`)
 * @param profile the text's profile (see detect/facts.ts), when known, so that forms its facts rule
 *   out are not searched for: exact facts for a short text, a native search per fact for a long one
 * @param found where the key readers write the key they found (a scan session passes its own)
 */
export function scanKeyValues(
  text: string,
  keys: KeyVerdicts,
  report: SpanCallback,
  profile?: TextProfile,
  found: KeySpan = keySpan(),
): void {
  let eq = has(profile, EQUALS) ? text.indexOf('=') : -1;
  let colon = has(profile, COLON) ? text.indexOf(':') : -1;
  let dash = has(profile, DOUBLE_DASH) ? text.indexOf('--') : -1;
  let from = 0;
  for (;;) {
    if (eq !== -1 && eq < from) eq = text.indexOf('=', from);
    if (colon !== -1 && colon < from) colon = text.indexOf(':', from);
    if (dash !== -1 && dash < from) dash = text.indexOf('--', from);
    let d = eq;
    if (colon !== -1 && (d === -1 || colon < d)) d = colon;
    if (dash !== -1 && (d === -1 || dash < d)) d = dash;
    if (d === -1) break;
    from = d === dash ? scanFlag(text, d, keys, report) : scanDelimiter(text, d, keys, report, found);
  }
  if (has(profile, ANGLE)) scanElements(text, keys, report, found);
  // a short text's facts are exact; a long one is searched for the character itself (cheaper than
  // the JSON_ESCAPE and UPPER searches, which no other rule of free text needs)
  const short = profile !== undefined && profile.facts !== -1;
  const doubleQuote = short ? (profile.facts & JSON_ESCAPE) !== 0 : text.includes('"');
  const quotes = doubleQuote || has(profile, APOSTROPHE);
  if (quotes || (short ? (profile.facts & UPPER) !== 0 : true)) scanSqlPasswords(text, report, quotes);
  if (quotes) {
    scanCallArguments(text, keys, report);
    if (doubleQuote && has(profile, COLON)) scanJwkMembers(text, report);
  }
  if (has(profile, DASH)) {
    scanGluedPasswords(text, report);
    if (has(profile, COLON)) scanUserFlags(text, report);
  }
  // `key <secret>`: a token run after a space
  if (has(profile, TOKEN_RUN) && text.includes(' ')) scanSpacedSecrets(text, report);
}
