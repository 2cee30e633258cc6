/**
 * Scrubbing echoes from JSON text that is already written, instead of walking the value again.
 *
 * When a rule censors a value after a string holding that value was written, the walk must scrub
 * it there too. For JSON output, the occurrences can be replaced in the text itself: a JSON string
 * escapes every quote and backslash, so the escaped form of a value that holds a character JSON
 * writes only inside strings (the walk patches no other: see `EarlierEchoes.patchable`) can only
 * occur inside one string or key, and an occurrence that starts after an odd number of backslashes
 * is part of an escape (`\n…`), not the value. The patch gives up (and the caller walks again)
 * when it cannot be sure: two occurrences overlap (a second walk would censor their union), an
 * occurrence is glued to other text (a second walk would read its neighbours anew, see
 * `delimited`), or an echo is not found exactly as often as the walk wrote it (JSON held in a
 * string escaped it twice, where the search cannot see it).
 */

import { escapedText } from './json-text.js';

/** True for a space or a tab. */
function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/**
 * True when the occurrence `[start, end)` of `json` stands between blanks, JSON whitespace escapes
 * (`\n`, `\t`, `\r`) or the quotes of its string. A second walk reads the text with the echo
 * replaced: next to anything else (`x<echo><jwt>`, `<echo>/1.2.3.4`, `<echo>=value`), the
 * replacement changes what the rules see around it, which a patch of the text cannot follow.
 */
function delimited(json: string, start: number, end: number): boolean {
  const before = json.charCodeAt(start - 1);
  const escapeBefore = (before === 0x6e || before === 0x74 || before === 0x72) && isEscapedAt(json, start - 1);
  if (!isBlank(before) && !escapeBefore && !(before === 0x22 && !isEscapedAt(json, start - 1))) return false;
  const after = json.charCodeAt(end);
  if (isBlank(after) || after === 0x22) return true;
  const next = json.charCodeAt(end + 1);
  return after === 0x5c && (next === 0x6e || next === 0x74 || next === 0x72);
}

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
 */
export function patchEchoes(
  json: string,
  values: readonly string[],
  counts: readonly number[],
  replacementOf: (value: string) => string,
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
      // inside an escape (`\n…`): not the value
      if (isEscapedAt(json, at)) continue;
      if (!delimited(json, at, at + needle.length)) return null;
      starts.push(at);
      ends.push(at + needle.length);
      texts.push(replacement);
    }
    if (starts.length - before !== counts[v]) return null;
  }
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
