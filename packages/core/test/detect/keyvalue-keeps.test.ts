/**
 * What the key=value rule must leave alone: prose after a sensitive word, code, schemas, bind
 * parameters, placeholders and hushlog's own censored output.
 */
import { createRedactor } from '@hushlog/core';
import { describe, expect, it } from 'vitest';
import { isPlaceholderValue } from '../../src/detect/placeholder.js';
import { base62, redact } from './helpers.js';

describe('prose and code after a sensitive key', () => {
  it.each([
    'ERROR 1045 (28000): Access denied for user app (using password: YES)',
    'Using --password on the CLI is insecure',
    'not an email: hello-world',
    'const s3 = new S3({ credentials: new AWS.SharedIniFileCredentials({ profile }) })',
    'resolved io.jsonwebtoken:jjwt-api:0.12.5 and io.jsonwebtoken:jjwt-impl:0.12.5',
    'query Login($email: String!, $password: String!) { login(email: $email, password: $password) }',
    'UPDATE customers SET phone = $1, email = $2 WHERE id = $3',
    "Could not load 'Newtonsoft.Json, Version=13.0.0.0, Culture=neutral, PublicKeyToken=30ad4fe6b2a6aeed'",
    'phone: unknown, ip: none',
    'password: too short (min 12)',
    'token: expired at 10:32',
    'auth: enabled, authMethod=oauth2',
    'token: invalid',
    'invalid token: signature is invalid',
    "UPDATE users SET password = crypt($1, gen_salt('bf')) WHERE id = $2",
    'pg_dump --host=db --username=app --no-password orders',
    'secretsmanager: GetSecretValue SecretId=prod/db/password VersionStage=AWSCURRENT',
    'gpg: key 4AEE18F83AFDEB23: public key imported',
    'oauth: state=xyz123 redirect_uri=https://app.example.com/cb',
    'Authorization: Bearer',
  ])('%s', (text) => {
    expect(redact(text)).toBe(text);
  });

  it('still hides the value when it is the data the key names', () => {
    expect(redact('email: jane@example.com')).toBe('email: [email]');
    expect(redact('contact email: jane%40example.com')).toBe('contact email: [email]');
    expect(redact('phone: 415 555 0132 ext')).toBe('phone: [kv] ext');
    expect(redact('{"email":"hello-world"}')).toBe('{"email":"[kv]"}');
  });
});

describe('placeholders', () => {
  it.each([
    'GITHUB_TOKEN=${GITHUB_TOKEN}',
    'PGPASSWORD=$(PGPASSWORD)',
    'password={PASS}',
    'password=YOUR_PASSWORD',
    'api_key: your-api-key-here',
    'secret=***',
    'token: "<your-token>"',
    'password: "{{ .Values.db.password }}"',
    'password=%DB_PASSWORD%',
    'token=$TOKEN',
    'client_secret: ${{ secrets.CLIENT_SECRET }}',
    'password = "#{db_password}"',
    'api_key=xxxxxxxxxxxxxxxx',
    'api_token=XXXX-XXXX-XXXX-XXXX',
    'password: process.env.DB_PASSWORD',
    'password: (hidden)',
    'password=[FILTERED]',
  ])('keeps %s as written', (text) => {
    expect(redact(text)).toBe(text);
  });

  it('recognises hushlog censors as placeholders', () => {
    for (const value of ['[REDACTED]', '[REDACTED:kv]', '[REDACTED:echo]', '************1111', 'hmac:3f2a9c01b7d4e5f6']) {
      expect(isPlaceholderValue(value)).toBe(true);
    }
  });
});

describe('redacting hushlog output again', () => {
  const redactor = createRedactor();
  const S = base62(24, 61);

  it.each([
    `password=${S} user=bob`,
    `Authorization: Api-Token ${S}`,
    `<password>${S}</password>`,
    `ALTER ROLE app PASSWORD '${S}'`,
    `curl -u admin:${S} https://x`,
    `System.setProperty("STRIPE_TOKEN","${S}")`,
    `signing_key: ${S}`,
    `{"kty":"oct","k":"${S}"}`,
    `upstream rejected key ${S}`,
    `mysql -uroot -p${S} shop`,
  ])('changes nothing the second time: %s', (text) => {
    const once = redactor.redactString(text);
    expect(once).not.toContain(S);
    expect(redactor.redactString(once)).toBe(once);
  });

  it('keeps the mask censor output as it is', () => {
    const masked = createRedactor({ detectors: { kv: { censor: { type: 'mask', keepLast: 4 } } } });
    const once = masked.redactString(`password=${S}`);
    expect(masked.redactString(once)).toBe(once);
  });
});
