/**
 * Values whose meaning comes from what stands next to them: a command-line flag and its value in
 * an argv array, the private members of a JSON Web Key, and a known secret that a rule would cut.
 */
import { describe, expect, it } from 'vitest';
import { createRedactor, runWithSecrets } from '../src/index.js';

const r = createRedactor();

describe('command-line arguments held as separate elements', () => {
  const argv = ['/usr/bin/node', 'server.js', '--db-password', 'Opaque9xQ2', '--token', 'Tk7-a1b2c3', '--port', '8080', '-v'];

  it('censors the element after a sensitive flag, as winston exception handlers log process.argv', () => {
    expect(r.redact({ process: { argv } })).toEqual({
      process: { argv: ['/usr/bin/node', 'server.js', '--db-password', '[REDACTED]', '--token', '[REDACTED]', '--port', '8080', '-v'] },
    });
  });

  it('does the same in stringify and in a JSON line', () => {
    const expected = '{"argv":["/usr/bin/node","server.js","--db-password","[REDACTED]","--token","[REDACTED]","--port","8080","-v"]}';
    expect(r.stringify({ argv })).toBe(expected);
    expect(r.redactLine(JSON.stringify({ argv }))).toBe(expected);
  });

  it('keeps the next flag, and the value of a flag that is not sensitive', () => {
    expect(r.redact(['--password', '--verbose', '--name', 'ann'])).toEqual(['--password', '--verbose', '--name', 'ann']);
  });
});

describe('JSON Web Keys', () => {
  const jwk = {
    kty: 'RSA',
    kid: 'key-1',
    n: 'sXchNOTSECRET',
    e: 'AQAB',
    d: 'PRIVATEd',
    p: 'PRIVATEp',
    q: 'PRIVATEq',
    dp: 'x1',
    dq: 'x2',
    qi: 'x3',
  };

  it('censors the private members of an object that has kty, and keeps the public ones', () => {
    expect(r.redact({ jwk })).toEqual({
      jwk: {
        kty: 'RSA',
        kid: 'key-1',
        n: 'sXchNOTSECRET',
        e: 'AQAB',
        d: '[REDACTED]',
        p: '[REDACTED]',
        q: '[REDACTED]',
        dp: '[REDACTED]',
        dq: '[REDACTED]',
        qi: '[REDACTED]',
      },
    });
    expect(r.redactLine(JSON.stringify({ keys: [{ kty: 'oct', k: 'c2VjcmV0LWtleQ' }] }))).toBe('{"keys":[{"kty":"oct","k":"[REDACTED]"}]}');
  });

  it('keeps a search parameter q and a page number p in objects that are not keys', () => {
    expect(r.redact({ q: 'red shoes', p: 2, d: '2024-05-01' })).toEqual({ q: 'red shoes', p: 2, d: '2024-05-01' });
    expect(r.redactLine('{"q":"red shoes","p":2}')).toBe('{"q":"red shoes","p":2}');
  });
});

describe('known secrets and the rules that cut text', () => {
  it('scrubs a known passphrase whole even where the key=value rule would stop at its first space', () => {
    const out = runWithSecrets(['correct horse battery staple'], () => r.redactString('login password=correct horse battery staple ok'));
    expect(out).not.toContain('horse');
    expect(out).toBe('login password=[REDACTED:known-secret] ok');
  });
});
