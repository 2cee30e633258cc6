/**
 * Finds URL query parameters (`?a=1&api_key=ABC`) and reports the value span of each parameter
 * whose name is sensitive. Linear: every `?` starts at most one pass over the parameters after it,
 * and the next `?` is searched after that pass.
 */
import { reportSecretPart } from '../detect/credential-scope.js';
import { hashKey, KEY_NONE, type KeyVerdicts } from './key-kinds.js';
import type { SpanCallback } from './value-reader.js';
import { keepsValue } from './value-shape.js';

/** Characters that end a parameter name. */
const NAME_END = new Uint8Array(128);
for (const ch of ' \t\r\n\f\v=&#?"\'`<>\\') NAME_END[ch.charCodeAt(0)] = 1;

/** Characters that end a parameter value. */
const VALUE_END = new Uint8Array(128);
for (const ch of ' \t\r\n\f\v&#"\'`<>\\)]},;|') VALUE_END[ch.charCodeAt(0)] = 1;

const MAX_NAME = 128;

function scanUntil(text: string, i: number, table: Uint8Array): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 128 && table[c] === 1) break;
    i++;
  }
  return i;
}

/** True for the characters `\s` matches (a `?` after one starts prose, not a query). */
function isWhitespace(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * Reports the value of every sensitive query parameter in `text`. Placeholders and censored
 * values are kept; after a weak name (`code`, `key` in a name such as `cacheKey`) the value goes
 * only when it looks like a secret.
 * @param queryKeys verdicts on raw parameter names (`api_key`, `X-Amz-Signature`, `sig`), cached
 *   by hash so a name seen before costs no substring
 */
export function scanQuery(text: string, queryKeys: KeyVerdicts, report: SpanCallback): void {
  const n = text.length;
  let q = text.indexOf('?');
  while (q !== -1) {
    let i = q + 1;
    if (q > 0 && !isWhitespace(text.charCodeAt(q - 1))) {
      for (;;) {
        let nameStart = i;
        i = scanUntil(text, i, NAME_END);
        const c = text.charCodeAt(i);
        if (c === 0x3d /* = */) {
          const valueStart = i + 1;
          i = scanUntil(text, valueStart, VALUE_END);
          const nameEnd = valueStart - 1;
          if (text.startsWith('amp;', nameStart)) nameStart += 4;
          if (i > valueStart && nameEnd > nameStart && nameEnd - nameStart <= MAX_NAME) {
            const kind = queryKeys.kind(text, nameStart, nameEnd, hashKey(text, nameStart, nameEnd));
            // a censor label (`[REDACTED:query]`) ends at its `]`, which also ends a value
            const label = text.charCodeAt(valueStart) === 0x5b && text.charCodeAt(i) === 0x5d;
            if (kind !== KEY_NONE && !keepsValue(text, valueStart, label ? i + 1 : i, kind, true))
              reportSecretPart(text, valueStart, i, report);
          }
        }
        if (i < n && text.charCodeAt(i) === 0x26 /* & */) i++;
        else break;
      }
    }
    q = text.indexOf('?', Math.max(i, q + 1));
  }
}
