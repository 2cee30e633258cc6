import { describe, expect, it } from 'vitest';
import { basic, bearer, jwt, privateKey, userinfo } from '../../src/detect/index.js';
import { b64url, base64url, findAll, makeJwt, redact } from './helpers.js';

describe('jwt', () => {
  it('finds a JWT whose header decodes to JSON with alg', () => {
    const token = makeJwt();
    expect(findAll(jwt, `token ${token} expired`)).toEqual([token]);
  });
  it('finds an unsigned JWT with an empty signature', () => {
    const token = `${base64url('{"alg":"none"}')}.${base64url('{"sub":"x"}')}.`;
    expect(findAll(jwt, `t=${token} ok`)).toEqual([token]);
  });
  it('finds a JWT in a long string', () => {
    const token = makeJwt({ alg: 'RS256', kid: 'k1' });
    expect(findAll(jwt, 'x '.repeat(400) + token + ' y'.repeat(400))).toEqual([token]);
  });
  it('finds the looser shape scanners accept: header and payload both base64url JSON objects', () => {
    // a header that does not decode cleanly, and a padded signature
    const token = `eyJhbGciOieeeiIsInR5cCI6IkpXVCJ9.${base64url(JSON.stringify({ sub: '1234567890', name: 'x' }))}.${b64url(43, 4)}==`;
    expect(findAll(jwt, `JWT := ${token}`)).toEqual([token]);
  });
  it('refuses dotted base64 whose first segment is not a JWT header', () => {
    const fake = `${base64url('{"typ":"JWT"}')}.${base64url('{"a":1}')}.${b64url(20)}`;
    expect(findAll(jwt, fake)).toEqual([]);
    expect(findAll(jwt, 'eyJhbGciOiJub25l.eyJ.x')).toEqual([]);
  });
});

describe('private-key', () => {
  const body = 'MIIEowIBAAKCAQEA' + b64url(64, 5).replace(/[-_]/g, 'A') + '\n' + b64url(64, 6).replace(/[-_]/g, 'B');
  it('finds a whole RSA private key block', () => {
    const block = `-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----`;
    expect(findAll(privateKey, `key:\n${block}\nnext line`)).toEqual([block]);
  });
  it('finds a block whose END label differs from BEGIN', () => {
    const block = `-----BEGIN EC PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----`;
    expect(findAll(privateKey, block)).toEqual([block]);
  });
  it('finds OpenSSH, encrypted and PKCS#8 blocks with escaped newlines', () => {
    for (const label of ['OPENSSH PRIVATE KEY', 'ENCRYPTED PRIVATE KEY', 'PRIVATE KEY', 'DSA PRIVATE KEY']) {
      const block = `-----BEGIN ${label}-----\\n${body.replace('\n', '\\n')}\\n-----END ${label}-----`;
      expect(findAll(privateKey, `{"key":"${block}"}`)).toEqual([block]);
    }
  });
  it('fails closed on a BEGIN without an END: censors through the base64 body', () => {
    const text = `-----BEGIN RSA PRIVATE KEY-----\n${body}`;
    expect(findAll(privateKey, text + '\n--- truncated')).toEqual([text + '\n']);
  });
  it('leaves a block whose body is already masked as it is', () => {
    for (const text of [
      '-----BEGIN PRIVATE KEY-----\n***\n-----END PRIVATE KEY-----',
      '-----BEGIN RSA PRIVATE KEY-----\\n...\\n-----END RSA PRIVATE KEY-----',
      `-----BEGIN PRIVATE KEY-----${'X'.repeat(1500)}-----END PRIVATE KEY-----`,
      '-----BEGIN PRIVATE KEY-----',
    ])
      expect(findAll(privateKey, `key: ${text} end`)).toEqual([]);
  });
  it('finds labels with underscores and dashes and armour in lower case', () => {
    const block = `-----BEGIN OPENSSH_V1 PRIVATE KEY-----\n${body}\n-----END OPENSSH_V1 PRIVATE KEY-----`;
    expect(findAll(privateKey, block)).toEqual([block]);
    const lower = `-----begin private key-----\n${body}\n-----end private key-----`;
    expect(findAll(privateKey, lower)).toEqual([lower]);
  });
  it('refuses certificates and public keys', () => {
    expect(findAll(privateKey, `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----`)).toEqual([]);
    expect(findAll(privateKey, `-----BEGIN PUBLIC KEY-----\n${body}\n-----END PUBLIC KEY-----`)).toEqual([]);
  });
});

describe('userinfo', () => {
  it('finds only the password of a connection string', () => {
    expect(findAll(userinfo, 'postgres://user:pass@host:5432/db')).toEqual(['pass']);
  });
  it('keeps special characters in passwords', () => {
    expect(findAll(userinfo, 'mysql://admin:p%40ss!w.rd~x@db.internal/app')).toEqual(['p%40ss!w.rd~x']);
    expect(findAll(userinfo, 'amqp://guest:p@ss@rabbit:5672')).toEqual(['p@ss']);
  });
  it('finds a password with spaces, as error messages print it, and keeps the host', () => {
    expect(findAll(userinfo, 'connect failed for postgres://app:correct horse battery staple@db.internal:5432/orders')).toEqual([
      'correct horse battery staple',
    ]);
    expect(redact('connect failed for postgres://app:correct horse battery staple@db.internal:5432/orders')).toBe(
      'connect failed for postgres://app:[userinfo]@db.internal:5432/orders',
    );
  });
  it('reads `host:port is up, mail a@b` as a port, and still finds the email', () => {
    expect(findAll(userinfo, 'http://localhost:3000 is up, mail ops@example.com')).toEqual([]);
    expect(redact('http://localhost:3000 is up, mail ops@example.com')).toBe('http://localhost:3000 is up, mail [email]');
  });
  it('keeps the host and path after a token used as the password, whatever the user is called', () => {
    const token = `ghs_${b64url(36, 7).replace(/[-_]/g, 'Q')}`;
    const url = `https://x-access-token:${token}@github.com/acme/api.git/`;
    expect(redact(`fatal: unable to access '${url}': The requested URL returned error: 403`)).toBe(
      "fatal: unable to access 'https://x-access-token:[userinfo]@github.com/acme/api.git/': The requested URL returned error: 403",
    );
    expect(redact(`remote: https://oauth2:${token}@gitlab.com/acme/api.git`)).toBe(
      'remote: https://oauth2:[userinfo]@gitlab.com/acme/api.git',
    );
  });
  it('finds an empty user with a password (redis)', () => {
    expect(findAll(userinfo, 'redis://:s3cr3t@cache:6379/0')).toEqual(['s3cr3t']);
  });
  it('refuses URLs without a password and placeholders', () => {
    for (const text of [
      'https://user@example.com/x',
      'https://example.com:8443/a',
      'postgres://user:***@db',
      'postgres://user:${DB_PASSWORD}@db',
      'postgres://u:[REDACTED]@db',
      'http://example.com:8080@evil.test',
    ]) {
      expect(findAll(userinfo, text)).toEqual([]);
    }
  });
});

describe('bearer and basic', () => {
  it('finds only the bearer credential; the scheme stays', () => {
    expect(findAll(bearer, 'Authorization: Bearer abc123DEF456ghi')).toEqual(['abc123DEF456ghi']);
    expect(findAll(bearer, 'sent bearer ya29.a0Af-H_x~y+z/w== to api')).toEqual(['ya29.a0Af-H_x~y+z/w==']);
  });
  it('refuses English words after "bearer"', () => {
    expect(findAll(bearer, 'Bearer authentication failed; the bearer of bad news')).toEqual([]);
  });
  it('finds a Basic credential that decodes to user:password', () => {
    const cred = Buffer.from('aladdin:opensesame').toString('base64');
    expect(findAll(basic, `Authorization: Basic ${cred}`)).toEqual([cred]);
  });
  it('refuses ordinary words after "basic"', () => {
    expect(findAll(basic, 'basic plan selected; Basic auth disabled')).toEqual([]);
  });
});
