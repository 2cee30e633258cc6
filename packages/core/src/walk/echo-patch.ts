/**
 * Scrubbing echoes from JSON text that is already written, instead of walking the value again.
 *
 * When a rule censors a value after a string holding that value was written, the walk must scrub
 * it there too. For JSON output, the occurrences can be replaced in the text itself: a JSON string
 * escapes every quote and backslash, so the escaped form of a value can only occur inside one
 * string or key, and an occurrence that starts after an odd number of backslashes is part of an
 * escape (`\n…`), not the value. The patch gives up (and the caller walks again) when it cannot
 * be sure: two occurrences overlap (a second walk would censor their union), or an echo is not
 * found exactly as often as the walk wrote it (an allowed value holds it too, which a second walk
 * keeps; or JSON held in a string escaped it twice, where the search cannot see it).
 */

import { escapedText } from './json-text.js';

/** True when the character at `at` follows an odd number of backslashes (it is escaped). */
function isEscapedAt(text: string, at: number): boolean {
  let n = 0;
  for (let i = at - 1; i >= 0 && text.charCodeAt(i) === 0x5c; i--) n++;
  return (n & 1) === 1;
}

/**
 * `json` with every occurrence of each of `values` replaced by its censor output, or null when the
 * patch cannot be sure (see the module comment).
 * @param counts per value, how many occurrences the walk wrote (the patch must find exactly these)
 * @param replacementOf the censor output of a value, as a rule writes it (`[REDACTED:echo]`)
 * @param covered true when `text[start, end)` lies inside a censor output
 */
export function patchEchoes(
  json: string,
  values: readonly string[],
  counts: readonly number[],
  replacementOf: (value: string) => string,
  covered: (text: string, start: number, end: number) => boolean,
): string | null {
  const starts: number[] = [];
  const ends: number[] = [];
  const texts: string[] = [];
  let lastOutput = '';
  let replacement = '';
  for (let v = 0; v < values.length; v++) {
    const value = values[v] as string;
    const needle = escapedText(value);
    const before = starts.length;
    const output = replacementOf(value);
    // a text censor gives every echo the same output: escaped once
    if (output !== lastOutput || replacement === '') replacement = escapedText((lastOutput = output));
    for (let at = json.indexOf(needle); at !== -1; at = json.indexOf(needle, at + 1)) {
      // inside an escape, or inside a censor output (`REDACTED` in `[REDACTED]`), as a second walk would skip it
      if (isEscapedAt(json, at) || covered(json, at, at + needle.length)) continue;
      starts.push(at);
      ends.push(at + needle.length);
      texts.push(replacement);
    }
    if (starts.length - before !== counts[v]) return null;
  }
  if (starts.length === 0) return null;
  const order = starts.map((_, i) => i).sort((a, b) => (starts[a] as number) - (starts[b] as number));
  let out = '';
  let last = 0;
  for (const i of order) {
    const start = starts[i] as number;
    if (start < last) return null; // overlapping occurrences
    out += json.slice(last, start) + (texts[i] as string);
    last = ends[i] as number;
  }
  return out + json.slice(last);
}
