/** Small decoders for the validators: base64url (JWT segments) and base64 (Basic credentials). */

const MAX_DECODE = 8192;

/**
 * Decodes base64 or base64url text to a UTF-8 string, or returns null when the input is not
 * well-formed (bad length) or longer than 8 KiB (validators only need short headers).
 */
export function decodeBase64(text: string): string | null {
  if (text.length === 0 || text.length > MAX_DECODE) return null;
  const body = text.endsWith('==') ? text.slice(0, -2) : text.endsWith('=') ? text.slice(0, -1) : text;
  if (body.length % 4 === 1) return null;
  return Buffer.from(body, 'base64').toString('utf8');
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
