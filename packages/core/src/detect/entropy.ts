/**
 * Shannon entropy of token bodies: a vendor token's random part carries 2.5 bits per character or
 * more even in its least random draws (16 base32 characters), while the placeholders people write
 * in docs, configs and tests (`AKIAXXXXXXXXXXXXXXXX`, `glpat-xxxxxxxx-xxxxxxxx`, `12312312…`)
 * carry under 2.
 */

/** Character counts for the ASCII range, reused (validators run one at a time). */
const COUNTS = new Int32Array(128);

/** Below this many bits per character a token body is read as a placeholder. */
export const PLACEHOLDER_ENTROPY = 2;

/** Shannon entropy of `text[start, end)` in bits per character (non-ASCII characters count as one symbol). */
export function shannonEntropy(text: string, start = 0, end = text.length): number {
  const n = end - start;
  if (n <= 0) return 0;
  COUNTS.fill(0);
  let other = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) COUNTS[c] = (COUNTS[c] as number) + 1;
    else other++;
  }
  let bits = other > 0 ? -(other / n) * Math.log2(other / n) : 0;
  for (let c = 0; c < 128; c++) {
    const count = COUNTS[c] as number;
    if (count > 0) bits -= (count / n) * Math.log2(count / n);
  }
  return bits;
}

/**
 * True when the body of a token (the text after its fixed prefix) is a placeholder rather than
 * random: under PLACEHOLDER_ENTROPY bits per character.
 * @param token the whole match
 * @param bodyStart where the random part starts (the prefix length)
 */
export function isPlaceholderBody(token: string, bodyStart: number): boolean {
  return shannonEntropy(token, bodyStart) < PLACEHOLDER_ENTROPY;
}
