/**
 * Generic secrets after weak key words. The judgement follows gitleaks' `generic-api-key` rule
 * (entropy over the value, letters-only values refused, stop-listed key kinds); the cases below
 * restate the kinds of true and false positives its rule file lists, with values generated here.
 */
import { createRedactor } from '@hushlog/core';
import { describe, expect, it } from 'vitest';
import { looksLikePassword, looksLikeSecret, shannonEntropy } from '../../src/detect/generic.js';
import { KeyMatcher } from '../../src/match/keys.js';
import { b64url, base62, chars, hex, redact } from './helpers.js';

describe('looksLikeSecret', () => {
  it.each([
    ['random base62', base62(32, 1)],
    ['random base64 with padding', `${b64url(30, 2).replace(/-/g, '+').replace(/_/g, '/')}==`],
    ['a 64-character hex key', hex(64, 3)],
    ['a 32-character hex key', hex(32, 4)],
    ['grouped random text', `${base62(8, 5)}-${base62(8, 6)}-${base62(8, 7)}`],
    ['a short random token', 'sydfn2440RQQ'],
    ['a prefixed random token', `CLOJARS_${hex(60, 8)}`],
  ])('accepts %s', (_label, value) => {
    expect(looksLikeSecret(value)).toBe(true);
  });

  it.each([
    ['an identifier with a date', 'key_2024-11'],
    ['an algorithm name', 'hmac-sha256'],
    ['a camelCase name', 'SharedIniFileCredentials'],
    ['words with dashes', 'partner-acme-hmac'],
    ['a version', 'SalesResults-1.2'],
    ['an identifier with numbers', 'DOC_Vector_5_32'],
    ['a UUID', '9d42c223-199b-4b28-95d4-ec4728032f1a'],
    ['a number', '12345678901234'],
    ['a URL', 'https://auth.example.com/oauth2/token'],
    ['a path', '/etc/ssl/private/server.pem'],
    ['a file name', 's_rsa1024_priv.pem'],
    ['a placeholder', '${STRIPE_SECRET_KEY}'],
    ['a mask', 'xxxxxxxxxxxxxxxx'],
    ['a censor label', '[REDACTED:kv]'],
    ['prose', 'not a secret at all'],
    ['a short value', 'a1B2c3'],
    ['repeated characters', 'aaaaaaaaaaaa1111'],
    ['random letters that switch case like a name', 'XmlHttpRequestHandler'],
  ])('refuses %s', (_label, value) => {
    expect(looksLikeSecret(value)).toBe(false);
  });

  it('asks less entropy of short values than of long ones', () => {
    // 12 distinct characters reach log2(12) = 3.58 bits; gitleaks' fixed 3.5 would still pass,
    // but at 10 characters the most is 3.32 bits, so the bar follows the length
    expect(shannonEntropy('a1b2c3d4e5')).toBeCloseTo(Math.log2(10), 5);
    expect(looksLikeSecret('Zq7Xk2Pm9R')).toBe(true);
  });
});

describe('looksLikePassword', () => {
  it.each(['Summer2024!', 'Qwerty3830', 'hunter22', 'Tr0ub4dor&3', 'Horse!battery9'])('accepts %s', (value) => {
    expect(looksLikePassword(value)).toBe(true);
  });

  it.each(['enabled', 'FAILED', 'first-pass', 'cache-only', '/home/app', 'true', '123456', '${DB_PASS}', '****'])('refuses %s', (value) => {
    expect(looksLikePassword(value)).toBe(false);
  });
});

describe('weak key words in records', () => {
  const redactor = createRedactor();
  const signing = b64url(43, 21);
  const client = `${base62(8, 22)}-${base62(8, 23)}-${base62(8, 24)}`;

  it('censors secret-looking values under weak names and keeps the others', () => {
    const out = redactor.redact({
      signingKey: signing,
      clientKey: client,
      masterKey: hex(64, 25),
      licenseKey: base62(24, 26),
      pass: `${base62(20, 27)}_${base62(20, 28)}`,
      keyId: 'key_2024-11',
      cacheKey: 'user:42:profile',
      key: 'ArrowUp',
      primaryKey: base62(30, 29),
      publicKey: base62(43, 30),
      bypass: 'cache-only',
      keyRotationDays: 90,
      authMethod: 'hmac-sha256',
      secretName: 'stripe-webhook',
    }) as Record<string, unknown>;
    expect(out).toEqual({
      signingKey: '[REDACTED]',
      clientKey: '[REDACTED]',
      masterKey: '[REDACTED]',
      licenseKey: '[REDACTED]',
      pass: '[REDACTED]',
      keyId: 'key_2024-11',
      cacheKey: 'user:42:profile',
      key: 'ArrowUp',
      primaryKey: base62(30, 29),
      publicKey: base62(43, 30),
      bypass: 'cache-only',
      keyRotationDays: 90,
      authMethod: 'hmac-sha256',
      secretName: 'stripe-webhook',
    });
  });

  it('judges names with a sensitive word inside them, unless the last word names a non-secret', () => {
    const value = base62(30, 31);
    // A different value: the one under mySecretString would be scrubbed as an echo.
    const other = base62(30, 47);
    const out = redactor.redact({
      mySecretString: value,
      some_api_token_123: value,
      credentialId: other,
      tokenUrl: 'https://github.com/login/oauth/access_token',
      passwordPolicy: 'min12-upper-digit',
      UserSecretsId: '79a3edd0-2092-40a2-a04d-dcb46d5ca9ed',
    });
    expect(out).toEqual({
      mySecretString: '[REDACTED]',
      some_api_token_123: '[REDACTED]',
      credentialId: other,
      tokenUrl: 'https://github.com/login/oauth/access_token',
      passwordPolicy: 'min12-upper-digit',
      UserSecretsId: '79a3edd0-2092-40a2-a04d-dcb46d5ca9ed',
    });
  });

  it('keeps object keys, tokenizer names and event keys', () => {
    const rec = {
      Key: 'uploads/7c9e6679-7425-40de-944b-e07fc1f90ae7/avatar.png',
      s3Key: 'reports/2025/06/a1b2c3d4e5f6.csv',
      tokenizer: 'cl100k_base',
      dedupeKey: `evt_${base62(20, 32)}`,
      stripeEventKey: `evt_${base62(24, 33)}`,
    };
    expect(redactor.redact(rec)).toEqual(rec);
  });

  it('still scans a kept value like any other string', () => {
    expect(redactor.redact({ cacheKey: 'user:jane@example.com' })).toEqual({ cacheKey: 'user:[REDACTED:email]' });
  });

  it('keeps numbers and booleans under weak names', () => {
    expect(redactor.redact({ key: 12345678901234, pass: true })).toEqual({ key: 12345678901234, pass: true });
  });

  it('is off with preset none unless the user lists the names', () => {
    const none = createRedactor({ preset: 'none', keys: ['signingKey'] });
    expect(none.redact({ signingKey: 'anything', clientKey: signing })).toEqual({ signingKey: '[REDACTED]', clientKey: signing });
  });

  it('applies in JSON lines and stringify as in redact', () => {
    const line = JSON.stringify({ clientKey: client, keyId: 'key_2024-11' });
    expect(redactor.redactLine(line)).toBe('{"clientKey":"[REDACTED]","keyId":"key_2024-11"}');
    expect(redactor.stringify({ clientKey: client, keyId: 'key_2024-11' })).toBe('{"clientKey":"[REDACTED]","keyId":"key_2024-11"}');
  });
});

describe('weak key words in text', () => {
  it.each([
    [`COOKIE_KEY=${base62(32, 41)}`, 'COOKIE_KEY=[kv]'],
    [`signing_key: ${b64url(43, 42)}`, 'signing_key: [kv]'],
    [`client_key="${base62(26, 43)}"`, 'client_key="[kv]"'],
    [`DB_PASS=Summer2024!`, 'DB_PASS=[kv]'],
    [`"user_auth": "${b64url(40, 44)}="`, '"user_auth": "[kv]"'],
    [`key=${base62(30, 45)} region=eu`, 'key=[kv] region=eu'],
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it.each([
    'cache miss key=user:42:profile',
    'key=ArrowDown pressed',
    'PWD=/home/app OLDPWD=/home',
    'bypass=true',
    'primaryKey=order_id',
    'sequenceKey = "18"',
    'schemaKey = "DOC_Vector_5_32"',
    'PublicKeyToken=b77a5c561934e089',
    'STRIPE_PUBLISHABLE_KEY=pk_live_' + base62(40, 46),
    'keyVaultToStoreSecrets: cmp2-qat-1208358310',
    'credentialsId: "ff083f76-7804-4ef1-80e4-fe975bb9141b"',
    'LLM_SECRET_NAME = "NEXUS-GPT4-API-KEY"',
    'PuttyPassword=0',
    'publicToken = "' + base62(43, 47) + '"',
    'access_token_url="https://github.com/login/oauth/access_token"',
  ])('keeps %s', (text) => {
    expect(redact(text)).toBe(text);
  });
});

describe('the OAuth code of a redirect URL', () => {
  it('hides a code that looks like a secret and keeps status-like codes', () => {
    const code = `4/0A${b64url(60, 51)}`;
    expect(redact(`GET /oauth/callback?code=${code}&state=${base62(16, 52)}`)).toBe(
      `GET /oauth/callback?code=[query]&state=${base62(16, 52)}`,
    );
    expect(redact('GET /errors?code=404&lang=en')).toBe('GET /errors?code=404&lang=en');
    expect(redact('GET /promo?code=SUMMER-SALE')).toBe('GET /promo?code=SUMMER-SALE');
  });
});

describe('random values', () => {
  it('accepts almost every random alphanumeric value of 16 characters or more', () => {
    let accepted = 0;
    for (let seed = 1; seed <= 200; seed++)
      if (looksLikeSecret(chars('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 20, seed))) accepted++;
    expect(accepted).toBeGreaterThanOrEqual(196);
  });
});

describe('KeyMatcher weak names, exceptions and non-weak last words', () => {
  const matcher = new KeyMatcher(['password', '*token', 'publickeytoken'], [], 'key', [], {
    weak: ['*key', '*pass', '*secret*'],
    except: ['*primarykey', '*bypass', '*jsonwebtoken'],
    notWeak: ['*id', '*name'],
  });

  it('says weak for a weak name and tells passwords apart', () => {
    expect(matcher.verdict('signingKey')).toBe('weak');
    expect(matcher.match('signingKey')?.weak).toBe('secret');
    expect(matcher.match('db_pass')?.weak).toBe('password');
    expect(matcher.test('signingKey')).toBe(false);
  });

  it('keeps strong names strong and lets an exact name win over an exception', () => {
    expect(matcher.verdict('accessToken')).toBe(true);
    expect(matcher.verdict('PublicKeyToken')).toBe(true);
  });

  it('turns exceptions and non-weak last words off', () => {
    expect(matcher.verdict('primaryKey')).toBe(false);
    expect(matcher.verdict('bypass')).toBe(false);
    expect(matcher.verdict('io.jsonwebtoken')).toBe(false);
    expect(matcher.verdict('secretName')).toBe(false);
    expect(matcher.verdict('mySecretId')).toBe(false);
    expect(matcher.verdict('mySecretString')).toBe('weak');
  });
});
