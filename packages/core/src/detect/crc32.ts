/**
 * CRC-32 (IEEE 802.3, the zlib polynomial) and the base62 checksum that GitHub appends to its
 * prefixed tokens (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`).
 *
 * Format, as published in "Behind GitHub's new authentication token formats" (2021): a 4-character
 * prefix, 30 random base62 characters, then the CRC-32 of those 30 characters encoded in base62
 * (alphabet `0-9A-Za-z`) and left-padded with `0` to 6 characters.
 */

const TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** The base62 alphabet GitHub uses for token checksums: digits, upper case, then lower case. */
export const BASE62_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** CRC-32 of the low byte of each UTF-16 code unit (the token alphabet is ASCII). */
export function crc32(text: string, start = 0, end = text.length): number {
  let crc = 0xffffffff;
  for (let i = start; i < end; i++) {
    crc = (crc >>> 8) ^ (TABLE[(crc ^ text.charCodeAt(i)) & 0xff] as number);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** Encodes an unsigned integer in base62 (`0-9A-Za-z`), left-padded with `0` to `width`. */
export function toBase62(value: number, width = 6): string {
  let out = '';
  let n = Math.floor(value);
  while (n > 0) {
    out = BASE62_ALPHABET.charAt(n % 62) + out;
    n = Math.floor(n / 62);
  }
  return out.padStart(width, '0');
}

/**
 * True when a classic GitHub token (`ghp_` + 36 base62 characters) carries a valid checksum: the
 * last 6 characters are the base62 CRC-32 of the 30 characters after the prefix.
 */
export function isGitHubTokenChecksumValid(token: string): boolean {
  if (token.length !== 40 || token.charCodeAt(3) !== 0x5f /* _ */) return false;
  const expected = toBase62(crc32(token, 4, 34));
  return token.endsWith(expected);
}
