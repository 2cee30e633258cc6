/**
 * Test helpers: scanners over one detector or all of them, and generators for valid test values.
 * Token fixtures are assembled at run time (prefix + generated body) so that no literal that looks
 * like a live credential sits in the repository.
 */
import { BUILTIN_DETECTORS, BASE62_ALPHABET, crc32, toBase62 } from '../../src/detect/index.js';
import { KeyMatcher } from '../../src/match/keys.js';
import {
  DEFAULT_KEY_EXCEPTIONS,
  DEFAULT_KEYS,
  DEFAULT_NOT_WEAK_KEYS,
  DEFAULT_QUERY_KEYS,
  DEFAULT_WEAK_KEYS,
  DEFAULT_WEAK_QUERY_KEYS,
} from '../../src/policy/defaults.js';
import { compileTextScanner } from '../../src/text/scanner.js';
import type { DetectorDefinition, TextScanner } from '../../src/text/types.js';

/** Every secret one detector finds in `text`, in order. */
export function findAll(detector: DetectorDefinition, text: string): string[] {
  const scanner = (compileTextScanner({ detectors: [detector], isSensitiveKey: null, isSensitiveQueryKey: null }) as TextScanner).session();
  const found: string[] = [];
  scanner.redact(text, (secret) => {
    found.push(secret);
    return '';
  });
  return found;
}

const keys = new KeyMatcher(DEFAULT_KEYS, [], 'key', [], {
  weak: DEFAULT_WEAK_KEYS,
  except: DEFAULT_KEY_EXCEPTIONS,
  notWeak: DEFAULT_NOT_WEAK_KEYS,
});
const queryKeys = new KeyMatcher([...DEFAULT_KEYS, ...DEFAULT_QUERY_KEYS], [], 'query', [], {
  weak: [...DEFAULT_WEAK_KEYS, ...DEFAULT_WEAK_QUERY_KEYS],
  except: DEFAULT_KEY_EXCEPTIONS,
  notWeak: DEFAULT_NOT_WEAK_KEYS,
});

/** The default scanner: every built-in detector, the default key lists (weak names too) and query keys. */
export const defaultScanner = (
  compileTextScanner({
    detectors: BUILTIN_DETECTORS,
    isSensitiveKey: (k) => keys.verdict(k),
    isSensitiveQueryKey: (k) => queryKeys.verdict(k),
  }) as TextScanner
).session();

/** Redacts with the default scanner, writing `[name]` for each span. */
export function redact(text: string): string {
  return defaultScanner.redact(text, (_secret, name) => `[${name}]`);
}

/** A deterministic generator of characters from an alphabet (tests must not be flaky). */
export function chars(alphabet: string, length: number, seed = 1): string {
  let x = seed >>> 0 || 1;
  let out = '';
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out += alphabet.charAt((x >>> 8) % alphabet.length);
  }
  return out;
}

/** Base62 characters. */
export const base62 = (length: number, seed = 1): string => chars(BASE62_ALPHABET, length, seed);
/** Lower-case hex characters. */
export const hex = (length: number, seed = 1): string => chars('0123456789abcdef', length, seed);
/** Base64url characters. */
export const b64url = (length: number, seed = 1): string => chars(BASE62_ALPHABET + '-_', length, seed);

/** A GitHub classic token with a correct CRC-32 checksum. */
export function githubToken(kind: 'p' | 'o' | 'u' | 's' | 'r' = 'p', seed = 1): string {
  const body = base62(30, seed);
  return `gh${kind}_` + body + toBase62(crc32(body));
}

/** The Luhn check digit that completes `body` (the digits before it). */
export function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** Completes `prefix` with digits to `length` digits so that the number passes Luhn. */
export function luhnNumber(prefix: string, length: number, seed = 7): string {
  const body = prefix + chars('0123456789', length - prefix.length - 1, seed);
  return body + luhnCheckDigit(body);
}

/** Groups a string in blocks of `size` joined by `sep`. */
export function group(value: string, sep = ' ', size = 4): string {
  const out: string[] = [];
  for (let i = 0; i < value.length; i += size) out.push(value.slice(i, i + size));
  return out.join(sep);
}

/** Builds a valid IBAN from a country code and a BBAN (computes the check digits). */
export function makeIban(country: string, bban: string): string {
  const rearranged = bban + country + '00';
  let rem = 0;
  for (const ch of rearranged) {
    const v = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of v) rem = (rem * 10 + Number(d)) % 97;
  }
  const check = String(98 - rem).padStart(2, '0');
  return country + check + bban;
}

/** Base64url without padding. */
export function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}

/** A JWT-shaped token with the given header and payload (signature is fake). */
export function makeJwt(header: object = { alg: 'HS256', typ: 'JWT' }, payload: object = { sub: '1234567890', iat: 1516239022 }): string {
  return `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}.${b64url(43, 3)}`;
}
