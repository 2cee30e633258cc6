/**
 * Private members of a JSON Web Key held in free text (`jwk={"kty":"RSA",…,"d":"…"}` in a log
 * message): `d`, `p`, `q`, `dp`, `dq`, `qi` (RSA and EC private parts) and `k` (a symmetric key),
 * only inside an object that has `kty`, so a search parameter `q` or a page number `p` elsewhere
 * stays. JSON escaped inside a string (`{\"kty\":…}`) is read too. Linear: each object with `kty`
 * is read once, from its `{` to its `}`, and the next search starts after it.
 */
import type { SpanCallback } from './value-reader.js';

/** Farthest a `{` is looked for before `"kty"`. */
const MAX_BEFORE = 4096;

const PRIVATE_MEMBERS = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'k']);

/** Reads the JSON string whose opening quote is at `q` (plain `"` or escaped `\"`); returns its end (the closing quote's first character) or -1. */
function stringEnd(text: string, q: number, escaped: boolean, limit: number): number {
  const close = text.indexOf(escaped ? '\\"' : '"', q + (escaped ? 2 : 1));
  return close === -1 || close >= limit ? -1 : close;
}

/** Reports the private members of the object that spans `[open, close)`. */
function scanObject(text: string, open: number, close: number, report: SpanCallback): void {
  let i = text.indexOf('"', open);
  while (i !== -1 && i < close) {
    const escaped = text.charCodeAt(i - 1) === 0x5c;
    const q = escaped ? i - 1 : i;
    const nameStart = i + 1;
    const nameEnd = stringEnd(text, q, escaped, close);
    if (nameEnd === -1) return;
    let j = nameEnd + (escaped ? 2 : 1);
    while (text.charCodeAt(j) === 0x20) j++;
    if (text.charCodeAt(j) === 0x3a /* : */) {
      j++;
      while (text.charCodeAt(j) === 0x20) j++;
      const valueEscaped = text.charCodeAt(j) === 0x5c && text.charCodeAt(j + 1) === 0x22;
      if (valueEscaped || text.charCodeAt(j) === 0x22) {
        const valueStart = j + (valueEscaped ? 2 : 1);
        const valueEnd = stringEnd(text, j, valueEscaped, close);
        if (valueEnd === -1) return;
        if (nameEnd - nameStart <= 2 && PRIVATE_MEMBERS.has(text.slice(nameStart, nameEnd)) && valueEnd > valueStart) {
          report(valueStart, valueEnd);
        }
        i = text.indexOf('"', valueEnd + (valueEscaped ? 2 : 1));
        continue;
      }
    }
    i = text.indexOf('"', nameEnd + (escaped ? 2 : 1));
  }
}

/** Reports the private members of every JSON Web Key in `text`. */
export function scanJwkMembers(text: string, report: SpanCallback): void {
  let from = 0;
  let kty = text.indexOf('kty');
  while (kty !== -1) {
    // a quoted name: `"kty"` or `\"kty\"`
    const after = text.charCodeAt(kty + 3);
    if (text.charCodeAt(kty - 1) !== 0x22 || (after !== 0x22 && after !== 0x5c)) {
      kty = text.indexOf('kty', kty + 3);
      continue;
    }
    // the object's `{`, no farther back than the previous object's end
    let open = kty;
    const low = Math.max(from, kty - MAX_BEFORE);
    while (open > low && text.charCodeAt(open - 1) !== 0x7b && text.charCodeAt(open - 1) !== 0x7d) open--;
    const close = text.indexOf('}', kty);
    if (open > low && text.charCodeAt(open - 1) === 0x7b) scanObject(text, open, close === -1 ? text.length : close, report);
    if (close === -1) return;
    from = close + 1;
    kty = text.indexOf('kty', from);
  }
}
