import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRedactor, type CensorContext } from '../src/index.js';

const record = () => ({
  user: { password: 'hunter22', card_number: '4111111111111111' },
  headers: { authorization: 'Bearer tok-1234567890' },
});

describe('censors', () => {
  it('replaces with [REDACTED] by default and with a fixed text when given', () => {
    expect(createRedactor({ censor: '***' }).redact(record())).toEqual({
      user: { password: '***', card_number: '***' },
      headers: { authorization: 'Bearer ***' },
    });
  });

  it('passes the rule and the path to a function censor', () => {
    const seen: CensorContext[] = [];
    const out = createRedactor({
      censor: (value, ctx) => {
        seen.push(ctx);
        return `<${String(value).length}>`;
      },
    }).redact(record());
    expect(out).toEqual({ user: { password: '<8>', card_number: '<16>' }, headers: { authorization: 'Bearer <14>' } });
    expect(seen).toContainEqual({ rule: 'key:password', path: 'user.password' });
    expect(seen).toContainEqual({ rule: 'header:authorization', path: 'headers.authorization' });
  });

  it('removes the key when asked', () => {
    expect(
      createRedactor({ preset: 'none', keys: ['password'], censor: { type: 'remove' } }).redact({ a: 1, password: 'x', b: 2 }),
    ).toEqual({ a: 1, b: 2 });
  });

  it('keeps the last N characters with a mask', () => {
    const masked = createRedactor({ censor: { type: 'mask', keepLast: 4 } }).redact(record()) as ReturnType<typeof record>;
    expect(masked.user.card_number).toBe('************1111');
    expect(masked.user.password).toBe('********');
  });

  it('hashes with a user key, so equal inputs correlate and the key matters', () => {
    const key = 'a-long-user-supplied-key';
    const out = createRedactor({ censor: { type: 'hmac', key, length: 12 } }).redact(record()) as ReturnType<typeof record>;
    expect(out.user.password).toBe(`hmac:${createHmac('sha256', key).update('hunter22').digest('hex').slice(0, 12)}`);
    const other = createRedactor({ censor: { type: 'hmac', key: 'another-long-user-key!!', length: 12 } }).redact(record()) as ReturnType<
      typeof record
    >;
    expect(other.user.password).not.toBe(out.user.password);
  });

  it('censors the value when a function censor throws, and counts the failure', () => {
    const r = createRedactor({
      censor: () => {
        throw new Error('censor bug');
      },
    });
    expect(r.stringify({ password: 'hunter2', ok: 1 })).toBe('{"password":"[REDACTED]","ok":1}');
    expect(r.errorCount).toBe(1);
  });
});
