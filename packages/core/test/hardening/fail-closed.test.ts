/**
 * Fail-closed: when a custom detector, validator or censor throws, the line is still produced, the
 * affected value is censored (never emitted raw), and `errorCount` goes up.
 */
import { describe, expect, it } from 'vitest';
import { createRedactor, type CustomDetector } from '../../src/index.js';

const ORDER_TOKEN = 'ot_4f9a2c7e1b3d5f8a0c2e4b6d';

function boom(): never {
  throw new Error('detector failed');
}

const throwingValidate: CustomDetector = { name: 'order-token', pattern: /\bot_[a-z0-9]{24}\b/g, keywords: ['ot_'], validate: boom };
const throwingCensor: CustomDetector = { name: 'order-token', pattern: /\bot_[a-z0-9]{24}\b/g, keywords: ['ot_'], censor: boom };

describe('a custom detector that throws', () => {
  it('still redacts the line, censors the match and counts the failure when its validate throws', () => {
    const r = createRedactor({ customDetectors: [throwingValidate] });
    const out = r.redactString(`order ${ORDER_TOKEN} shipped to jane@example.com`);
    expect(out).toBe('order [REDACTED:order-token] shipped to [REDACTED:email]');
    expect(r.errorCount).toBe(1);
  });

  it('still redacts the line, censors only the match and counts the failure when its censor throws', () => {
    const r = createRedactor({ customDetectors: [throwingCensor] });
    const out = r.stringify({ msg: `order ${ORDER_TOKEN} shipped`, user: { email: 'jane@example.com', id: 7 } });
    expect(JSON.parse(out)).toEqual({ msg: 'order [REDACTED] shipped', user: { email: '[REDACTED]', id: 7 } });
    expect(out).not.toContain(ORDER_TOKEN);
    expect(r.errorCount).toBe(1);
    expect(r.redactString(`again ${ORDER_TOKEN}`)).toBe('again [REDACTED]');
    expect(r.errorCount).toBe(2);
  });

  it('keeps the errors of one redactor apart from another', () => {
    const failing = createRedactor({ customDetectors: [throwingCensor] });
    const healthy = createRedactor();
    failing.redactString(ORDER_TOKEN);
    expect(failing.errorCount).toBe(1);
    expect(healthy.errorCount).toBe(0);
  });
});

describe('a censor function that throws', () => {
  it('censors the value with the default text and counts it, for key rules and detectors alike', () => {
    const r = createRedactor({
      censor: () => {
        throw new Error('censor failed');
      },
    });
    const out = r.stringify({ password: 'hunter2', note: 'mail jane@example.com', ok: true });
    expect(JSON.parse(out)).toEqual({ password: '[REDACTED]', note: 'mail [REDACTED]', ok: true });
    expect(r.errorCount).toBe(2);
    expect(r.redact({ headers: { authorization: 'Bearer abcdefgh123' } })).toEqual({ headers: { authorization: '[REDACTED]' } });
    expect(r.errorCount).toBe(3);
  });

  it('never lets a secret through when the censor returns something that is not a string', () => {
    const r = createRedactor({ censor: (() => ({ leaked: 'hunter2' })) as never });
    expect(r.stringify({ password: 'hunter2' })).toBe('{"password":"[REDACTED]"}');
  });
});

describe('input that throws while it is read', () => {
  it('censors a throwing getter, a throwing toJSON and a throwing Proxy trap, and counts each', () => {
    const r = createRedactor();
    const getter = Object.defineProperty({ a: 1 }, 'b', { enumerable: true, get: boom });
    const toJSON = { toJSON: boom };
    const proxy = new Proxy({ x: 1 }, { ownKeys: boom });
    const out = JSON.parse(r.stringify({ getter, toJSON, proxy, fine: 'yes' }));
    expect(out).toEqual({ getter: { a: 1, b: '[REDACTED]' }, toJSON: '[REDACTED]', proxy: '[REDACTED]', fine: 'yes' });
    expect(r.errorCount).toBe(3);
  });

  it('keeps nothing of an object whose Proxy trap throws halfway through its keys, in every output', () => {
    const r = createRedactor();
    const child = new Proxy(
      { a: 1, b: 2 },
      {
        getOwnPropertyDescriptor(target, key) {
          if (key === 'b') throw new Error('trap');
          return Reflect.getOwnPropertyDescriptor(target, key);
        },
      },
    );
    const value = { first: 'x', child, last: 'y' };
    const expected = { first: 'x', child: '[REDACTED]', last: 'y' };
    expect(r.redact(value)).toEqual(expected);
    expect(JSON.parse(r.stringify(value))).toEqual(expected);
    expect(r.stringifySorted(value)).toBe('{"child":"[REDACTED]","first":"x","last":"y"}');
  });

  it('returns the censor text for the whole value when even the top level cannot be read', () => {
    const r = createRedactor();
    const hostile = new Proxy({}, { getPrototypeOf: boom, ownKeys: boom, get: boom });
    expect(r.stringify(hostile)).toBe('"[REDACTED]"');
    expect(r.redact(hostile)).toBe('[REDACTED]');
    expect(r.errorCount).toBeGreaterThanOrEqual(2);
  });
});
