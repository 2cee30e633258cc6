/**
 * A one-pass character profile of a string, shared by the built-in prefilters. The scanner asks
 * several prefilters about the same string in a row; the last profile is memoised so the string is
 * walked once, however many detectors ask.
 */

/** The string holds `@`. */
export const HAS_AT = 1;
/** A numeric cluster (digits with spaces, dashes, dots, parentheses, `+`) holds 7 or more digits. */
export const DIGITS_7 = 2;
/** A numeric cluster holds 9 or more digits. */
export const DIGITS_9 = 4;
/** A numeric cluster holds 13 or more digits. */
export const DIGITS_13 = 8;
/** A numeric cluster holds at least 4 digits and 3 dots (a possible IPv4 address). */
export const DOTTED_QUAD = 16;
/** Two upper-case letters followed by two digits (a possible IBAN head). */
export const IBAN_HEAD = 32;
/** A run of 20 or more token characters `[A-Za-z0-9_-]`. */
export const TOKEN_RUN = 64;
/** A run of hex digits and colons holding at least two colons (a possible IPv6 address). */
export const HEX_COLONS = 128;

// character kinds
const K_OTHER = 0;
const K_DIGIT = 1;
const K_UPPER = 2;
const K_LOWER = 4;
const K_SEP = 8; // space, dash, dot, parentheses, plus: stays inside a numeric cluster
const K_TOKEN = 16; // `_` and `-`: stays inside a token run
const K_HEXLETTER = 32;

const KIND = new Uint8Array(128);
for (let c = 48; c <= 57; c++) KIND[c] = K_DIGIT;
for (let c = 65; c <= 90; c++) KIND[c] = K_UPPER;
for (let c = 97; c <= 122; c++) KIND[c] = K_LOWER;
for (const c of [65, 66, 67, 68, 69, 70, 97, 98, 99, 100, 101, 102]) KIND[c] = (KIND[c] as number) | K_HEXLETTER;
for (const ch of ' .()+') KIND[ch.charCodeAt(0)] = K_SEP;
KIND[0x2d] = K_SEP | K_TOKEN; // -
KIND[0x5f] = K_TOKEN; // _

let lastText: string | null = null;
let lastFlags = 0;

/** Computes the profile flags of a string (memoised for the last string seen). */
export function profile(text: string): number {
  if (text === lastText) return lastFlags;
  let flags = 0;
  let clusterDigits = 0;
  let clusterDots = 0;
  let tokenRun = 0;
  let hexColons = 0;
  let prev1 = K_OTHER; // kinds of the two previous characters
  let prev2 = K_OTHER;
  let prev3 = K_OTHER;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const kind = c < 128 ? (KIND[c] as number) : K_OTHER;
    if (kind & K_DIGIT) {
      clusterDigits++;
      tokenRun++;
      if (prev1 === K_DIGIT && prev2 === K_UPPER && prev3 === K_UPPER) flags |= IBAN_HEAD;
    } else {
      if (kind & K_SEP) {
        if (c === 0x2e) clusterDots++;
      } else if (clusterDigits !== 0 || clusterDots !== 0) {
        if (clusterDigits >= 7)
          flags |= clusterDigits >= 13 ? DIGITS_13 | DIGITS_9 | DIGITS_7 : clusterDigits >= 9 ? DIGITS_9 | DIGITS_7 : DIGITS_7;
        if (clusterDigits >= 4 && clusterDots >= 3) flags |= DOTTED_QUAD;
        clusterDigits = 0;
        clusterDots = 0;
      }
      if (kind & (K_UPPER | K_LOWER | K_TOKEN)) tokenRun++;
      else {
        if (tokenRun >= 20) flags |= TOKEN_RUN;
        tokenRun = 0;
      }
      if (c === 0x3a /* : */) hexColons++;
      else if (!(kind & K_HEXLETTER)) {
        if (hexColons >= 2) flags |= HEX_COLONS;
        hexColons = 0;
      }
      if (c === 0x40) flags |= HAS_AT;
    }
    prev3 = prev2;
    prev2 = prev1;
    prev1 = kind & (K_DIGIT | K_UPPER);
  }
  if (clusterDigits >= 7)
    flags |= clusterDigits >= 13 ? DIGITS_13 | DIGITS_9 | DIGITS_7 : clusterDigits >= 9 ? DIGITS_9 | DIGITS_7 : DIGITS_7;
  if (clusterDigits >= 4 && clusterDots >= 3) flags |= DOTTED_QUAD;
  if (tokenRun >= 20) flags |= TOKEN_RUN;
  if (hexColons >= 2) flags |= HEX_COLONS;
  lastText = text;
  lastFlags = flags;
  return flags;
}

/** A prefilter that passes when the profile has any of `mask`'s flags. */
export function profileHas(mask: number): (text: string) => boolean {
  return (text) => (profile(text) & mask) !== 0;
}
