import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  crc32,
  decodeBase64,
  hasCardLayout,
  hasKnownIssuer,
  isBasicCredential,
  isGitHubTokenChecksumValid,
  isJwtHeader,
  isPlausiblePhone,
  isRedactableIpv4,
  isRedactableIpv6,
  isValidCardNumber,
  isValidIban,
  isValidIpv6,
  isValidSsn,
  luhnValid,
  toBase62,
} from '../../src/detect/index.js';
import { base64url, githubToken, luhnNumber, makeIban } from './helpers.js';

describe('luhn', () => {
  it('accepts the classic Visa test number and rejects a one-digit change', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
  });
  it('rejects empty input and non-digits', () => {
    expect(luhnValid('')).toBe(false);
    expect(luhnValid('41111111111111x1')).toBe(false);
  });
});

describe('card numbers', () => {
  it('knows the issuer prefixes and the lengths they use', () => {
    expect(hasKnownIssuer('4111111111111111')).toBe(true); // Visa 16
    expect(hasKnownIssuer('378282246310005')).toBe(true); // Amex 15
    expect(hasKnownIssuer('3782822463100051')).toBe(false); // Amex is never 16
    expect(hasKnownIssuer('2221000000000009')).toBe(true); // Mastercard 2-series
    expect(hasKnownIssuer('1678419700099123')).toBe(false); // starts with 1
  });
  it('accepts printed layouts and refuses others', () => {
    expect(hasCardLayout('4111 1111 1111 1111')).toBe(true);
    expect(hasCardLayout('4111-1111-1111-1111')).toBe(true);
    expect(hasCardLayout('3782 822463 10005')).toBe(true);
    expect(hasCardLayout('4111111111111111')).toBe(true);
    expect(hasCardLayout('4111 1111-1111 1111')).toBe(false);
    expect(hasCardLayout('41 11 1111 1111 1111')).toBe(false);
    expect(hasCardLayout('2023-03-20 1111 1111')).toBe(false);
  });
  it('combines layout, issuer and Luhn', () => {
    expect(isValidCardNumber('4111 1111 1111 1111')).toBe(true);
    expect(isValidCardNumber(luhnNumber('6011', 16))).toBe(true);
    expect(isValidCardNumber(luhnNumber('35', 16))).toBe(true);
    expect(isValidCardNumber('4111 1111 1111 1112')).toBe(false);
  });
});

describe('IBAN', () => {
  it('accepts registry examples, bare and grouped', () => {
    expect(isValidIban('DE89370400440532013000')).toBe(true);
    expect(isValidIban('DE89 3704 0044 0532 0130 00')).toBe(true);
    expect(isValidIban('GB82WEST12345698765432')).toBe(true);
    expect(isValidIban(makeIban('NO', '86011117947'))).toBe(true);
  });
  it('rejects a wrong check digit, a wrong length and an unknown country', () => {
    expect(isValidIban('DE88370400440532013000')).toBe(false);
    expect(isValidIban('DE8937040044053201300')).toBe(false);
    expect(isValidIban('XX89370400440532013000')).toBe(false);
  });
});

describe('GitHub token checksum', () => {
  it('matches the example published with the token format', () => {
    // from the public write-up of the format: 30 random characters then base62(crc32) padded to 6
    const example = ['ghp', 'zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ0mLq17'].join('_');
    expect(isGitHubTokenChecksumValid(example)).toBe(true);
  });
  it('accepts generated tokens and rejects a changed character', () => {
    const token = githubToken('o', 9);
    expect(isGitHubTokenChecksumValid(token)).toBe(true);
    const flipped = token.slice(0, 10) + (token[10] === 'a' ? 'b' : 'a') + token.slice(11);
    expect(isGitHubTokenChecksumValid(flipped)).toBe(false);
  });
  it('computes the standard CRC-32 and left-pads base62', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(toBase62(0)).toBe('000000');
    expect(toBase62(61, 2)).toBe('0z');
  });
});

describe('IP addresses', () => {
  it('validates IPv6 text forms', () => {
    expect(isValidIpv6('2001:db8:85a3:0:0:8a2e:370:7334')).toBe(true);
    expect(isValidIpv6('2001:db8::1')).toBe(true);
    expect(isValidIpv6('::ffff:192.0.2.128')).toBe(true);
    expect(isValidIpv6('2001:db8::1::2')).toBe(false);
    expect(isValidIpv6('1:2:3:4:5:6:7')).toBe(false);
    expect(isValidIpv6('12345::1')).toBe(false);
  });
  it('leaves loopback, unspecified and digitless words alone', () => {
    expect(isRedactableIpv6('::1')).toBe(false);
    expect(isRedactableIpv6('::')).toBe(false);
    expect(isRedactableIpv6('dead::beef')).toBe(false);
    expect(isRedactableIpv6('fe80::1ff:fe23:4567:890a')).toBe(true);
  });
  it('leaves loopback, unspecified, netmasks and version numbers alone', () => {
    expect(isRedactableIpv4('127.0.0.1')).toBe(false);
    expect(isRedactableIpv4('0.0.0.0')).toBe(false);
    expect(isRedactableIpv4('255.255.255.0')).toBe(false);
    expect(isRedactableIpv4('4.2.1.0', 'version ')).toBe(false);
    expect(isRedactableIpv4('203.0.113.9', 'from ')).toBe(true);
  });
});

describe('other validators', () => {
  it('checks SSN ranges', () => {
    expect(isValidSsn('234-56-7890')).toBe(true);
    expect(isValidSsn('078 05 1123')).toBe(true);
    for (const bad of ['000-12-3456', '666-12-3456', '912-34-5678', '123-00-4567', '123-45-0000', '078-05-1120', '123456789', '12345678'])
      expect(isValidSsn(bad)).toBe(false);
  });
  it('checks phone digit counts and North American codes', () => {
    expect(isPlausiblePhone('+44 20 7946 0958')).toBe(true);
    expect(isPlausiblePhone('+1 359-555-8738')).toBe(true);
    expect(isPlausiblePhone('+1 059-555-8738')).toBe(false);
    expect(isPlausiblePhone('+40.712776')).toBe(false);
    expect(isPlausiblePhone('(415) 555-0132')).toBe(true);
    expect(isPlausiblePhone('(115) 555-0132')).toBe(false);
  });
  it('reads JWT headers and Basic credentials', () => {
    expect(isJwtHeader(base64url('{"alg":"HS256"}'))).toBe(true);
    expect(isJwtHeader(base64url('{"typ":"JWT"}'))).toBe(false);
    expect(isJwtHeader('eyJhbGciOi')).toBe(false);
    expect(isBasicCredential(Buffer.from('user:pass').toString('base64'))).toBe(true);
    expect(isBasicCredential('cGxhbg==')).toBe(false); // "plan": no colon
  });
});

describe('base64 decoding', () => {
  /** What decodeBase64 returned before it decoded short ASCII itself: Buffer's decoder. */
  function bufferDecode(text: string): string | null {
    if (text.length === 0 || text.length > 8192) return null;
    const body = text.endsWith('==') ? text.slice(0, -2) : text.endsWith('=') ? text.slice(0, -1) : text;
    if (body.length % 4 === 1) return null;
    return Buffer.from(body, 'base64').toString('utf8');
  }

  it('decodes exactly as Buffer does, for base64 and base64url of any bytes and for text that is not base64', () => {
    const encoded = fc.uint8Array({ maxLength: 300 }).chain((bytes) => {
      const buffer = Buffer.from(bytes);
      return fc.constantFrom(buffer.toString('base64'), buffer.toString('base64url'), buffer.toString('base64').replace(/=+$/, ''));
    });
    const ascii = fc.string({ maxLength: 200 }).map((text) => Buffer.from(text).toString('base64url'));
    const junk = fc.string({ unit: fc.constantFrom(...'AZaz09+/-_=. \n\u00e9'.split('')), maxLength: 40 });
    fc.assert(
      fc.property(fc.oneof(encoded, ascii, junk), (text) => {
        expect(decodeBase64(text)).toBe(bufferDecode(text));
      }),
      { numRuns: 5000 },
    );
  });
});
