/** Small decoders for the validators: base64url (JWT segments) and base64 (Basic credentials). */

const MAX_DECODE = 8192;

/**
 * Decodes base64 or base64url text to a UTF-8 string, or returns null when the input is not
 * well-formed (bad length) or longer than 8 KiB (validators only need short headers).
 */
export function decodeBase64(text: string): string | null {
  if (text.length === 0 || text.length > MAX_DECODE) return null;
  let end = text.length;
  if (text.charCodeAt(end - 1) === 0x3d) end -= text.charCodeAt(end - 2) === 0x3d ? 2 : 1;
  if (end % 4 === 1) return null;
  if (end <= SHORT_DECODE) {
    const ascii = decodeAscii(text, end);
    if (ascii !== null) return ascii;
  }
  return Buffer.from(end === text.length ? text : text.slice(0, end), 'base64').toString('utf8');
}

/** Up to this many characters, base64 that decodes to ASCII is decoded here (no Buffer round trip). */
const SHORT_DECODE = 256;

/** The 6-bit value of each base64 and base64url character; 255 for any other. */
const SEXTET = new Uint8Array(128).fill(255);
for (let i = 0; i < 64; i++) SEXTET['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;
SEXTET[0x2d] = 62; // -
SEXTET[0x5f] = 63; // _

/**
 * `text[0, end)` decoded, when every character is base64 (or base64url) and every byte is ASCII;
 * null otherwise (the caller then decodes with Buffer, as before: the same result, in UTF-8).
 */
function decodeAscii(text: string, end: number): string | null {
  let out = '';
  let bits = 0;
  let count = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? (SEXTET[c] as number) : 255;
    if (v === 255) return null;
    bits = ((bits << 6) | v) & 0xffffff;
    count += 6;
    if (count >= 8) {
      count -= 8;
      const byte = (bits >> count) & 0xff;
      if (byte >= 0x80) return null;
      out += String.fromCharCode(byte);
    }
  }
  return out;
}

/** True when a JWT header segment decodes to a JSON object with a string `alg`. */
export function isJwtHeader(segment: string): boolean {
  const json = decodeBase64(segment);
  if (json === null || json.charCodeAt(0) !== 0x7b /* { */) return false;
  try {
    const header: unknown = JSON.parse(json);
    return typeof header === 'object' && header !== null && typeof (header as { alg?: unknown }).alg === 'string';
  } catch {
    return false;
  }
}

/** True when a Basic credential decodes to printable text holding a `user:password` colon. */
export function isBasicCredential(token: string): boolean {
  if (token.length % 4 !== 0) return false;
  const text = decodeBase64(token);
  if (text === null || !text.includes(':') || text.includes('\uFFFD')) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return false;
  }
  return true;
}
