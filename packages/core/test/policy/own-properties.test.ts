/**
 * A policy is read through its own properties only, at every level. Each case pollutes
 * Object.prototype the way a vulnerable dependency would, compiles and runs a redactor, and removes
 * the pollution before anything else runs.
 */
import { describe, expect, it } from 'vitest';
import { createRedactor, type Policy } from '../../src/index.js';

const CARD = '4111 1111 1111 1111';
const EMAIL = 'jane.doe@example.com';

/** Runs `fn` with `fields` set on Object.prototype, and always removes them again. */
function polluted<T>(fields: Record<string, unknown>, fn: () => T): T {
  const proto = Object.prototype as Record<string, unknown>;
  for (const [k, v] of Object.entries(fields))
    Object.defineProperty(proto, k, { value: v, configurable: true, writable: true, enumerable: false });
  try {
    return fn();
  } finally {
    for (const k of Object.keys(fields)) delete proto[k];
  }
}

function redactWith(fields: Record<string, unknown>, policy: Policy | undefined, value: unknown): unknown {
  return polluted(fields, () => createRedactor(policy).redact(value));
}

describe('policies read through own properties only', () => {
  it('keeps the built-in detectors when Object.prototype holds keywords, a prefilter or a validator', () => {
    const fields = { keywords: ['zzz-never'], prefilter: () => false, validate: () => false, group: 7 };
    expect(redactWith(fields, undefined, { note: `${EMAIL} paid with ${CARD}` })).toEqual({
      note: '[REDACTED:email] paid with [REDACTED:card]',
    });
  });

  it("keeps the default redaction when Object.prototype.preset is 'none'", () => {
    expect(redactWith({ preset: 'none' }, undefined, { password: 'hunter2hunter2', note: EMAIL })).toEqual({
      password: '[REDACTED]',
      note: '[REDACTED:email]',
    });
    expect(redactWith({ preset: 'none' }, {}, { password: 'hunter2hunter2' })).toEqual({ password: '[REDACTED]' });
  });

  it('ignores a polluted top-level field: detectors, censor, label, allow, limits', () => {
    const fields = {
      detectors: { email: false, card: false },
      censor: { type: 'mask', keepLast: 99 },
      label: 'x',
      allow: ['password'],
      limits: { maxStringLength: 5 },
    };
    expect(
      redactWith(fields, { keys: ['sessionKey'] }, { password: 'hunter2hunter2', sessionKey: 'abc', note: `${EMAIL} ${CARD}` }),
    ).toEqual({
      password: '[REDACTED]',
      sessionKey: '[REDACTED]',
      note: '[REDACTED:email] [REDACTED:card]',
    });
  });

  it('ignores polluted limits fields', () => {
    const long = 'x'.repeat(100);
    expect(redactWith({ maxStringLength: 10, maxDepth: 1 }, { limits: {} }, { a: { b: { c: long } } })).toEqual({ a: { b: { c: long } } });
  });

  it('ignores a polluted enabled or censor in a detector setting', () => {
    const out = redactWith({ enabled: false, censor: 'LEAK' }, { detectors: { card: {} } }, { note: `paid with ${CARD}` });
    expect(out).toEqual({ note: 'paid with [REDACTED:card]' });
  });

  it('ignores polluted fields of a censor object', () => {
    expect(redactWith({ keepLast: 0, char: '#' }, { censor: { type: 'mask' } }, { password: 'hunter2hunter2' })).toEqual({
      password: '**********ter2',
    });
    const polluteType = () => createRedactor({ censor: { text: 'x' } as never });
    expect(() => polluted({ type: 'replace' }, polluteType)).toThrow(/censor\.type must be/);
  });

  it('ignores a polluted validate, keywords or censor of a custom detector', () => {
    const policy: Policy = { preset: 'none', customDetectors: [{ name: 'order', pattern: /\bORD-\d{6}\b/ }] };
    const out = redactWith(
      { validate: () => false, keywords: ['never-present'], censor: { type: 'remove' } },
      policy,
      'order ORD-123456 shipped',
    );
    expect(out).toBe('order [REDACTED:order] shipped');
  });

  it('refuses a hole in a list rather than reading it through the prototype', () => {
    // eslint-disable-next-line no-sparse-arrays
    const paths = ['a.b', , 'c'] as string[];
    expect(() => polluted({ 1: 'leak' }, () => createRedactor({ paths }))).toThrow(/paths\[1\] must be a non-empty string/);
  });

  it('does not change the caller’s policy object', () => {
    const policy = { keys: ['sessionKey'], detectors: { card: { enabled: true } }, limits: { maxDepth: 8 } };
    const before = JSON.stringify(policy);
    createRedactor(policy);
    expect(JSON.stringify(policy)).toBe(before);
    expect(Object.getPrototypeOf(policy.detectors)).toBe(Object.prototype);
  });
});
