/**
 * A secret written after a key word with only a space between them, as prose and error messages
 * print it: `upstream rejected key 9cQxT3Nv…`, `webhook secret 4fPq…`, `using token Zf3D0LXC…`.
 * With no `=` or `:` to say a value follows, the word alone is weak evidence: the value is
 * reported only when it passes the generic-secret judgement (see detect/generic.ts), has 16
 * characters or more (32 for hex, as key ids are printed in hex), and is not itself followed by
 * `=` or `:` (then it is the next key).
 */
import { looksLikeSecret } from '../detect/generic.js';
import type { SpanCallback } from './value-reader.js';

/** Shortest secret taken after a key word and a space. */
const MIN_SPACED = 16;

/** Hex values shorter than this are public ids in prose (`gpg: key 4AEE18F83AFDEB23`), not secrets. */
const MIN_SPACED_HEX = 32;

const SPACED =
  /(?<![\w-])(?:api[ _-]?key|key|token|secret|password|passwd|passphrase|credentials?)[ \t]+(?:(?:is|was)[ \t]+)?["'`]?([\w+/.~-]+={0,3})(?![\w+/=.~:-])/gi;

function isHex(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i) | 0x20;
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}

/** Reports secrets that follow a key word and a space (see the module comment). */
export function scanSpacedSecrets(text: string, report: SpanCallback): void {
  SPACED.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SPACED.exec(text)) !== null) {
    const value = m[1] as string;
    const end = m.index + m[0].length;
    const start = end - value.length;
    if (value.length < MIN_SPACED || (value.length < MIN_SPACED_HEX && isHex(text, start, end))) continue;
    if (looksLikeSecret(text, start, end)) report(start, end);
  }
  SPACED.lastIndex = 0;
}
