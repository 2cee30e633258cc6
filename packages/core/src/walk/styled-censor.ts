import { REMOVE, type CompiledCensor } from '../censor/compile-censor.js';
import { detachString, ValueStyle } from '../match/keys.js';
import type { CensorContext } from '../policy/types.js';

const SCHEME = /^([a-z][\w.+-]*)(\s+)(\S.*)$/is;
/**
 * Authorization schemes whose name is kept (the IANA registry and common vendor schemes). Any other
 * first word may itself be the secret (`hunter2 extra`), so the value is censored whole.
 */
const KNOWN_SCHEMES = new Set(
  (
    'basic bearer concealed digest dpop gnap hoba mutual negotiate ntlm oauth privatetoken scram-sha-1 scram-sha-256 vapid ' +
    'token apikey api-key key jwt sso-key ssws aws4-hmac-sha256 splunk'
  ).split(' '),
);
/** A cookie name as RFC 6265 allows it (an HTTP token); anything else is censored with its value. */
const COOKIE_NAME = /^[\w!#$%&'*+.^`|~-]{1,128}$/;
const SCHEME_WORD = /^[a-z][\w.+-]*$/i;

/** True for an authorization scheme whose name is kept when the credential is censored (`Bearer`, `Basic`…). */
export function isKnownScheme(word: string): boolean {
  // the two schemes nearly every request carries, before the general test
  if (word === 'Bearer' || word === 'Basic') return true;
  return SCHEME_WORD.test(word) && KNOWN_SCHEMES.has(word.toLowerCase());
}

/** One censoring: the compiled censor, its context, and the walk's exact secrets. */
export interface CensorCall {
  readonly censor: CompiledCensor;
  readonly ctx: CensorContext;
  /**
   * Text the censor keeps (a cookie's name, a Set-Cookie attribute's value) as the walk writes any
   * string: detectors, in-string rules, known secrets and echoes (text shorter than any of them can
   * match is returned as it is). A JWT used as a cookie name, or an echo in a `Domain=` attribute,
   * is censored where it stands, as it is in any other string.
   */
  readonly keep: (text: string) => string;
  /** True for text a censor wrote (a second pass keeps it as it is). */
  readonly censored: (text: string) => boolean;
  /**
   * The last `Bearer ` + censored credential and `name=` + censored cookie value written (see
   * `withHead`): the same head and censor text give the very same string, with no concatenation,
   * and the writers know its JSON.
   */
  readonly heads: readonly [HeadSlot, HeadSlot];
}

/** One styled output kept by `withHead`. */
export interface HeadSlot {
  head: string;
  part: string;
  out: string;
}

/** A fresh pair of `CensorCall.heads`. */
export function headSlots(): [HeadSlot, HeadSlot] {
  return [
    { head: '', part: '', out: '' },
    { head: '', part: '', out: '' },
  ];
}

const SCHEME_SLOT = 0;
const COOKIE_SLOT = 1;

function part(secret: string, call: CensorCall): string {
  const out = call.censor(secret, call.ctx);
  return out === REMOVE ? '' : out;
}

/** `value[0, head)` followed by `censored`: the string written last time when both are the same. */
function withHead(value: string, head: number, censored: string, last: HeadSlot): string {
  if (censored === last.part && last.head.length === head && value.startsWith(last.head)) return last.out;
  // detached: a view into the value would keep the whole value alive in the slot
  const text = detachString(value.slice(0, head));
  last.head = text;
  last.part = censored;
  return (last.out = `${text}${censored}`);
}

/**
 * `name=value` → `name=<censored>`, the name scanned as text; a part without `=`, or whose name
 * is not an HTTP token, is censored whole. A name a censor wrote (a second pass: `[REDACTED:jwt]`),
 * or emptied (the remove censor), is not censored whole, so redacting twice changes nothing; it is
 * still scanned (a label can hold anything).
 */
function censorCookiePair(pair: string, call: CensorCall): string {
  if (call.censored(pair)) return pair;
  const eq = pair.indexOf('=');
  if (eq < 0) return part(pair, call);
  const name = pair.slice(0, eq);
  if (name !== '' && !COOKIE_NAME.test(name) && !call.censored(name)) return part(pair, call);
  const kept = name === '' ? name : call.keep(name);
  const value = part(pair.slice(eq + 1), call);
  return kept === name ? withHead(pair, eq + 1, value, call.heads[COOKIE_SLOT]) : `${kept}=${value}`;
}

/** `a=1; b=2` → `a=[REDACTED]; b=[REDACTED]`, in one pass without intermediate arrays. */
function censorCookieHeader(value: string, call: CensorCall): string {
  let out = '';
  let start = 0;
  while (start <= value.length) {
    let end = value.indexOf(';', start);
    if (end === -1) end = value.length;
    let lead = start;
    while (lead < end && (value.charCodeAt(lead) === 0x20 || value.charCodeAt(lead) === 0x09)) lead++;
    if (start > 0) out += ';';
    out += value.slice(start, lead) + censorCookiePair(value.slice(lead, end), call);
    start = end + 1;
  }
  return out;
}

/** Set-Cookie attributes (RFC 6265bis) that are kept as they are; any other part is censored. */
const COOKIE_ATTRIBUTES = new Set(['path', 'domain', 'expires', 'max-age', 'secure', 'httponly', 'samesite', 'partitioned', 'priority']);

/**
 * `sid=abc; Path=/; HttpOnly` → `sid=[REDACTED]; Path=/; HttpOnly`: the cookie value goes, the
 * known attributes stay (their values scanned as text), and anything else after a `;` (which may
 * be a secret) is censored too.
 */
function censorSetCookie(value: string, call: CensorCall): string {
  const semi = value.indexOf(';');
  const first = semi === -1 ? value : value.slice(0, semi);
  let out = censorCookiePair(first, call);
  if (semi === -1) return out;
  for (const attribute of value.slice(semi + 1).split(';')) {
    const lead = attribute.length - attribute.trimStart().length;
    const body = attribute.slice(lead);
    const eq = body.indexOf('=');
    const name = (eq === -1 ? body : body.slice(0, eq)).trimEnd().toLowerCase();
    let text = body;
    if (body !== '' && !call.censored(body)) {
      if (!COOKIE_ATTRIBUTES.has(name)) text = part(body, call);
      // a known attribute's value is scanned as text (`Domain=<an echo>`); a flag has none
      else if (eq !== -1) {
        const value = body.slice(eq + 1);
        const kept = call.keep(value);
        if (kept !== value) text = body.slice(0, eq + 1) + kept;
      }
    }
    out += `;${attribute.slice(0, lead)}${text}`;
  }
  return out;
}

/**
 * Censors a value found by a key, header or path rule. For the auth and cookie styles, what is
 * useful and not secret stays: the scheme (`Bearer [REDACTED]`) and the cookie names.
 * Returns REMOVE when the censor removes the key.
 */
export function censorStyled(value: unknown, style: ValueStyle, call: CensorCall): unknown {
  if (style !== ValueStyle.Plain) {
    if (typeof value === 'string') {
      // a value censored whole before (a mask keeps its last characters, which may look like a part)
      if (call.censored(value)) return value;
      if (style === ValueStyle.AuthScheme) {
        const space = value.indexOf(' ');
        // The common `Bearer <token>` shape without a regex; anything else goes through SCHEME.
        if (space > 0 && space < value.length - 1 && value.charCodeAt(space + 1) !== 0x20 && isKnownScheme(value.slice(0, space))) {
          return withHead(value, space + 1, part(value.slice(space + 1), call), call.heads[SCHEME_SLOT]);
        }
        const m = SCHEME.exec(value);
        if (m !== null && KNOWN_SCHEMES.has((m[1] as string).toLowerCase())) return `${m[1]}${m[2]}${part(m[3] as string, call)}`;
        // a known scheme with no credential after it (a removed one) has nothing left to hide
        if (isKnownScheme(value.trimEnd())) return value;
      } else if (style === ValueStyle.Cookie) return censorCookieHeader(value, call);
      else return censorSetCookie(value, call);
    } else if (Array.isArray(value) && (style === ValueStyle.SetCookie || style === ValueStyle.Cookie)) {
      let changed = false;
      const out = value.map((v: unknown) => {
        const c =
          typeof v !== 'string'
            ? part(String(v), call)
            : call.censored(v)
              ? v
              : style === ValueStyle.SetCookie
                ? censorSetCookie(v, call)
                : censorCookieHeader(v, call);
        if (c !== v) changed = true;
        return c;
      });
      // a list censored before comes back as it was: the very same array
      return changed ? out : value;
    }
  }
  return call.censor(value, call.ctx);
}
