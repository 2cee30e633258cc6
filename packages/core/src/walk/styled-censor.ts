import { REMOVE, type CompiledCensor } from '../censor/compile-censor.js';
import { ValueStyle } from '../match/keys.js';
import type { CensorContext } from '../policy/types.js';

const SCHEME = /^([a-z][\w.+-]*)(\s+)(\S.*)$/is;
const SCHEME_WORD = /^[a-z][\w.+-]*$/i;

function part(secret: string, censor: CompiledCensor, ctx: CensorContext): string {
  const out = censor(secret, ctx);
  return out === REMOVE ? '' : out;
}

/** `name=value` → `name=<censored>`; a part without `=` is censored whole. */
function censorCookiePair(pair: string, censor: CompiledCensor, ctx: CensorContext): string {
  const eq = pair.indexOf('=');
  if (eq <= 0) return part(pair, censor, ctx);
  return `${pair.slice(0, eq + 1)}${part(pair.slice(eq + 1), censor, ctx)}`;
}

/** `a=1; b=2` → `a=[REDACTED]; b=[REDACTED]`, in one pass without intermediate arrays. */
function censorCookieHeader(value: string, censor: CompiledCensor, ctx: CensorContext): string {
  let out = '';
  let start = 0;
  while (start <= value.length) {
    let end = value.indexOf(';', start);
    if (end === -1) end = value.length;
    let lead = start;
    while (lead < end && (value.charCodeAt(lead) === 0x20 || value.charCodeAt(lead) === 0x09)) lead++;
    if (start > 0) out += ';';
    out += value.slice(start, lead) + censorCookiePair(value.slice(lead, end), censor, ctx);
    start = end + 1;
  }
  return out;
}

/** `sid=abc; Path=/; HttpOnly` → `sid=[REDACTED]; Path=/; HttpOnly`: only the cookie value goes. */
function censorSetCookie(value: string, censor: CompiledCensor, ctx: CensorContext): string {
  const semi = value.indexOf(';');
  const first = semi === -1 ? value : value.slice(0, semi);
  return censorCookiePair(first, censor, ctx) + (semi === -1 ? '' : value.slice(semi));
}

/**
 * Censors a value found by a key, header or path rule. For the auth and cookie styles, what is
 * useful and not secret stays: the scheme (`Bearer [REDACTED]`) and the cookie names.
 * Returns REMOVE when the censor removes the key.
 */
export function censorStyled(value: unknown, style: ValueStyle, censor: CompiledCensor, ctx: CensorContext): unknown {
  if (style !== ValueStyle.Plain) {
    if (typeof value === 'string') {
      if (style === ValueStyle.AuthScheme) {
        const space = value.indexOf(' ');
        // The common `Bearer <token>` shape without a regex; anything else goes through SCHEME.
        if (space > 0 && space < value.length - 1 && value.charCodeAt(space + 1) !== 0x20 && SCHEME_WORD.test(value.slice(0, space))) {
          return `${value.slice(0, space + 1)}${part(value.slice(space + 1), censor, ctx)}`;
        }
        const m = SCHEME.exec(value);
        if (m !== null) return `${m[1]}${m[2]}${part(m[3] as string, censor, ctx)}`;
      } else if (style === ValueStyle.Cookie) return censorCookieHeader(value, censor, ctx);
      else return censorSetCookie(value, censor, ctx);
    } else if (Array.isArray(value) && (style === ValueStyle.SetCookie || style === ValueStyle.Cookie)) {
      return value.map((v) =>
        typeof v === 'string'
          ? style === ValueStyle.SetCookie
            ? censorSetCookie(v, censor, ctx)
            : censorCookieHeader(v, censor, ctx)
          : part(String(v), censor, ctx),
      );
    }
  }
  return censor(value, ctx);
}
