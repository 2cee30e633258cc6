/**
 * Secrets in XML and HTML markup:
 * - element text: `<password>…</password>`, `<wsse:Password Type="…">…</wsse:Password>`;
 * - text under a key attribute: `<entry key="password">…</entry>`, `<property name="token">…</property>`;
 * - value attributes paired with a key attribute: `<add key="DbPassword" value="…"/>`,
 *   `<input name="password" value="…">` (see `pairedAttributeName`, used by the key=value scan).
 * Linear: each closing tag is read once, and the text before it is read back only as far as the
 * previous closing tag.
 */
import { KEY_CHAR, MAX_KEY, type KeySpan } from './assignment.js';
import { hashKey, KEY_NONE, type KeyVerdicts } from './key-kinds.js';
import type { SpanCallback } from './value-reader.js';
import { keepsValue } from './value-shape.js';

/** The longest element text read back from a closing tag. */
const MAX_TEXT = 4096;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/**
 * Reads an attribute `key="NAME"` or `name="NAME"` that ends right before offset `e` (spaces may
 * follow it): for `value=`, the key attribute it is paired with (`key="DbPassword" value=`); for
 * the `>` of an opening tag, its key attribute (`<entry key="password">`). On success sets
 * `found` to NAME and returns true.
 */
export function pairedAttributeName(text: string, e: number, found: KeySpan): boolean {
  let i = e;
  while (i > 0 && isSpace(text.charCodeAt(i - 1)) && e - i < 8) i--;
  const quote = text.charCodeAt(i - 1);
  if (quote !== 0x22 && quote !== 0x27) return false;
  const end = i - 1;
  let s = end;
  while (s > 0 && end - s <= MAX_KEY) {
    const c = text.charCodeAt(s - 1);
    if (c >= 128 || KEY_CHAR[c] !== 1) break;
    s--;
  }
  if (s === end || text.charCodeAt(s - 1) !== quote) return false;
  let a = s - 1;
  while (a > 0 && isSpace(text.charCodeAt(a - 1)) && s - a < 4) a--;
  if (text.charCodeAt(a - 1) !== 0x3d /* = */) return false;
  a--;
  while (a > 0 && isSpace(text.charCodeAt(a - 1)) && s - a < 8) a--;
  // the attribute name: `key` or `name`, after a space
  let b = a;
  while (b > 0 && a - b < 5 && (text.charCodeAt(b - 1) | 0x20) >= 0x61 && (text.charCodeAt(b - 1) | 0x20) <= 0x7a) b--;
  const attribute = text.slice(b, a).toLowerCase();
  if ((attribute !== 'key' && attribute !== 'name') || !isSpace(text.charCodeAt(b - 1))) return false;
  found.start = s;
  found.end = end;
  found.hash = hashKey(text, s, end);
  return true;
}

/** True when `text[start, end)` is the attribute name `value` (any case). */
export function isValueAttribute(text: string, start: number, end: number): boolean {
  if (end - start !== 5) return false;
  for (let i = 0; i < 5; i++) if ((text.charCodeAt(start + i) | 0x20) !== 'value'.charCodeAt(i)) return false;
  return true;
}

/** Reports the text of every element whose name (or key attribute) is sensitive. `found` is the caller's scratch. */
export function scanElements(text: string, keys: KeyVerdicts, report: SpanCallback, found: KeySpan): void {
  let limit = 0; // text before here was read back already
  let close = text.indexOf('</');
  while (close !== -1) {
    // the element name: `password`, `wsse:Password`
    const nameStart = close + 2;
    let i = nameStart;
    let local = nameStart;
    while (i < text.length && i - nameStart < MAX_KEY) {
      const c = text.charCodeAt(i);
      if (c === 0x3a) local = i + 1;
      else if (c >= 128 || KEY_CHAR[c] !== 1) break;
      i++;
    }
    if (i > local && text.charCodeAt(i) === 0x3e /* > */) {
      // the element text: back to the `>` of the opening tag (markup inside means no plain text)
      let g = close;
      const low = Math.max(limit, close - MAX_TEXT);
      while (g > low) {
        const c = text.charCodeAt(g - 1);
        if (c === 0x3e || c === 0x3c) break;
        g--;
      }
      if (g > low && text.charCodeAt(g - 1) === 0x3e) {
        let kind = keys.kind(text, local, i, hashKey(text, local, i));
        if (kind === KEY_NONE && pairedAttributeName(text, g - 1, found)) kind = keys.kind(text, found.start, found.end, found.hash);
        let s = g;
        let e = close;
        while (s < e && isSpace(text.charCodeAt(s))) s++;
        while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
        if (kind !== KEY_NONE && !keepsValue(text, s, e, kind, true)) report(s, e);
      }
    }
    limit = close;
    close = text.indexOf('</', close + 2);
  }
}
