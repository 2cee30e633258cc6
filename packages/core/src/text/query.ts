/**
 * Finds URL query parameters (`?a=1&api_key=ABC`) and reports the value span of each parameter
 * whose name is sensitive. Linear: every `?` starts at most one pass over the parameters after it,
 * and the next `?` is searched after that pass.
 */
import type { SpanCallback } from './keyvalue.js';

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

/**
 * Reports the value of every sensitive query parameter in `text`.
 * @param isSensitiveQueryKey decides on a raw parameter name (`api_key`, `X-Amz-Signature`, `sig`)
 */
export function scanQuery(text: string, isSensitiveQueryKey: (rawKey: string) => boolean, report: SpanCallback): void {
  const n = text.length;
  let q = text.indexOf('?');
  while (q !== -1) {
    let i = q + 1;
    if (q > 0 && !/\s/.test(text.charAt(q - 1))) {
      for (;;) {
        const nameStart = i;
        i = scanUntil(text, i, NAME_END);
        const c = text.charCodeAt(i);
        if (c === 0x3d /* = */) {
          const valueStart = i + 1;
          i = scanUntil(text, valueStart, VALUE_END);
          let name = text.slice(nameStart, valueStart - 1);
          if (name.startsWith('amp;')) name = name.slice(4);
          if (i > valueStart && name !== '' && name.length <= MAX_NAME && isSensitiveQueryKey(name)) report(valueStart, i);
        }
        if (i < n && text.charCodeAt(i) === 0x26 /* & */) i++;
        else break;
      }
    }
    q = text.indexOf('?', Math.max(i, q + 1));
  }
}
