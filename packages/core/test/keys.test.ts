import { describe, expect, it } from 'vitest';
import { createRedactor, DEFAULT_KEYS, normalizeKey } from '../src/index.js';

const r = createRedactor();
const redactedKeys = (obj: Record<string, unknown>) => {
  const out = r.redact(obj) as Record<string, unknown>;
  return Object.keys(obj).filter((k) => out[k] !== obj[k]);
};

describe('key matching', () => {
  it('normalises case, separators and the x- prefix', () => {
    for (const k of ['apiKey', 'api_key', 'API-KEY', 'x-api-key', 'X_API_KEY', 'xApiKey']) expect(normalizeKey(k)).toBe('apikey');
  });

  it('redacts every name on Sentry’s default denylist', () => {
    const sentry = [
      'password',
      'passwd',
      'secret',
      'api_key',
      'apikey',
      'auth',
      'credentials',
      'mysql_pwd',
      'privatekey',
      'private_key',
      'token',
      'session',
      'csrftoken',
      'sessionid',
      'x_csrftoken',
      'set_cookie',
      'cookie',
      'authorization',
      'x_api_key',
      'connect.sid',
      'csrf_token',
      '_csrf',
      'PHPSESSID',
      'XSRF-TOKEN',
    ];
    const obj = Object.fromEntries(sentry.map((k) => [k, 'v4lue-s3cret']));
    expect(redactedKeys(obj).sort()).toEqual([...sentry].sort());
  });

  it('redacts the OAuth, cloud and payment names too', () => {
    const names = [
      'access_token',
      'refresh_token',
      'id_token',
      'client_secret',
      'aws_secret_access_key',
      'cvv',
      'pin',
      'otp',
      'ssn',
      'card_number',
    ];
    const obj = Object.fromEntries(names.map((k) => [k, '1234']));
    expect(redactedKeys(obj).sort()).toEqual([...names].sort());
  });

  it('redacts compound names that end in a sensitive word', () => {
    const names = [
      'newPassword',
      'user_password',
      'authToken',
      'session_token',
      'clientSecret',
      'creditCardNumber',
      'dbPassword',
      'stripeApiKey',
    ];
    const obj = Object.fromEntries(names.map((k) => [k, 'xyz-123']));
    expect(redactedKeys(obj).sort()).toEqual([...names].sort());
  });

  it('keeps names that only look sensitive', () => {
    const obj = {
      tokenCount: 3,
      passwordResetRequired: false,
      secretary: 'Ann',
      keyboardLayout: 'dvorak',
      cookieConsent: true,
      authorName: 'Jo',
    };
    expect(redactedKeys(obj)).toEqual([]);
  });

  it('matches at any depth, including inside arrays', () => {
    const out = r.stringify({ a: { b: [{ c: { password: 'hunter2' } }] } });
    expect(out).toBe('{"a":{"b":[{"c":{"password":"[REDACTED]"}}]}}');
  });

  it('censors a whole subtree under a sensitive key', () => {
    expect(r.stringify({ credentials: { user: 'a', pass: 'b' } })).toBe('{"credentials":"[REDACTED]"}');
  });

  it('accepts user names, `*` patterns and RegExps, normalised the same way', () => {
    const custom = createRedactor({ preset: 'none', keys: ['session-key', 'internal*', /^legacy\d+$/] });
    const out = custom.redact({ sessionKey: 1, SESSION_KEY: 2, internalNote: 3, legacy7: 4, other: 5, legacy: 6 });
    expect(out).toEqual({
      sessionKey: '[REDACTED]',
      SESSION_KEY: '[REDACTED]',
      internalNote: '[REDACTED]',
      legacy7: '[REDACTED]',
      other: 5,
      legacy: 6,
    });
  });

  it('exports the default key list', () => {
    expect(DEFAULT_KEYS).toContain('password');
    expect(DEFAULT_KEYS).toContain('*token');
  });

  it('keeps allow-listed keys and paths untouched', () => {
    const allow = createRedactor({ allow: ['tokenizer', 'meta.session'] });
    expect(allow.redact({ tokenizer: 'bpe', meta: { session: 'keep-me' }, session: 'hide' })).toEqual({
      tokenizer: 'bpe',
      meta: { session: 'keep-me' },
      session: '[REDACTED]',
    });
  });
});
