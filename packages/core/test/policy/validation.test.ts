/**
 * What createRedactor refuses so that a policy says what it means: the same rules the published
 * JSON Schema states (null fields, unknown fields of censors and detectors, a non-boolean
 * `enabled`, a detector pattern that matches the empty string).
 */
import { describe, expect, it } from 'vitest';
import { createRedactor, PolicyError, type Policy } from '../../src/index.js';

function fieldOf(policy: unknown): string {
  try {
    createRedactor(policy as Policy);
  } catch (err) {
    expect(err).toBeInstanceOf(PolicyError);
    return (err as PolicyError).field;
  }
  throw new Error('expected createRedactor to throw');
}

describe('policy validation, as strict as the schema', () => {
  it('refuses a null field instead of reading it as "use the default"', () => {
    expect(fieldOf({ preset: null })).toBe('preset');
    expect(fieldOf({ label: null })).toBe('label');
    expect(fieldOf({ censor: { type: 'mask', keepLast: null } })).toBe('censor.keepLast');
  });

  it('names a misspelt censor field, such as keeplast for keepLast', () => {
    expect(fieldOf({ censor: { type: 'mask', keeplast: 2 } })).toBe('censor.keeplast');
    expect(fieldOf({ detectors: { card: { censor: { type: 'remove', text: 'x' } } } })).toBe('detectors.card.censor.text');
  });

  it('names an unknown field of a detector setting or a custom detector', () => {
    expect(fieldOf({ detectors: { email: { enable: false } } })).toBe('detectors.email.enable');
    expect(fieldOf({ customDetectors: [{ name: 'x', pattern: /x/, keyword: ['x'] }] })).toBe('customDetectors[0].keyword');
  });

  it('refuses an enabled that is not a boolean (the string "false" would have left the detector on)', () => {
    expect(fieldOf({ detectors: { email: { enabled: 'false' } } })).toBe('detectors.email.enabled');
  });

  it('refuses a detector pattern that matches the empty string', () => {
    expect(fieldOf({ customDetectors: [{ name: 'x', pattern: /a*/ }] })).toBe('customDetectors[0].pattern');
    expect(fieldOf({ customDetectors: [{ name: 'x', pattern: new RegExp(String('')) }] })).toBe('customDetectors[0].pattern');
  });

  it('refuses limits given as an array', () => {
    expect(fieldOf({ limits: [] })).toBe('limits');
  });
});

describe("the README's key examples", () => {
  it('match the normalised name: /^legacypw\\d+$/ censors legacy_pw12, and promo_code stays narrow', () => {
    const r = createRedactor({ preset: 'none', keys: ['sessionKey', 'promo_code', /^legacypw\d+$/] });
    expect(r.redact({ legacy_pw12: 'a', LegacyPw7: 'b', promo_code: 'SPRING', statusCode: 200, zipCode: '10115' })).toEqual({
      legacy_pw12: '[REDACTED]',
      LegacyPw7: '[REDACTED]',
      promo_code: '[REDACTED]',
      statusCode: 200,
      zipCode: '10115',
    });
    // What the old examples did: the underscore never reaches the RegExp, and *_code is *code.
    expect(createRedactor({ preset: 'none', keys: [/^legacy_pw\d+$/] }).redact({ legacy_pw12: 'a' })).toEqual({ legacy_pw12: 'a' });
    expect(createRedactor({ preset: 'none', keys: ['*_code'] }).redact({ statusCode: 200 })).toEqual({ statusCode: '[REDACTED]' });
  });
});
