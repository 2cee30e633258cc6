import { describe, expect, it } from 'vitest';
import { BUILTIN_DETECTORS, email } from '../../src/detect/index.js';
import { compileTextScanner } from '../../src/text/scanner.js';
import type { DetectorDefinition, TextScanner } from '../../src/text/types.js';
import { createRedactor } from '../../src/index.js';
import { b64url, base62, defaultScanner, group, luhnNumber, makeIban, makeJwt, redact } from './helpers.js';

const label = (_secret: string, name: string) => `[${name}]`;

describe('compileTextScanner', () => {
  it('is empty when there is nothing to look for, and then only scrubs exact secrets', () => {
    const scanner = compileTextScanner({ detectors: [], isSensitiveKey: null, isSensitiveQueryKey: null });
    expect(scanner.empty).toBe(true);
    const secrets = { values: ['hunter2hunter2'], rules: ['known-secret'], shortest: 14, admits: () => true };
    expect(scanner.session().redact('pw hunter2hunter2 mail a@b.example', label, secrets)).toBe('pw [known-secret] mail a@b.example');
  });

  it('replaces only the span, through the sink', () => {
    const seen: [string, string][] = [];
    const out = defaultScanner.redact('user jane@example.com paid 4111 1111 1111 1111 ok', (secret, name) => {
      seen.push([secret, name]);
      return 'X';
    });
    expect(out).toBe('user X paid X ok');
    expect(seen).toEqual([
      ['jane@example.com', 'email'],
      ['4111 1111 1111 1111', 'card'],
    ]);
  });

  it('returns the very same string when nothing matched', () => {
    const text = 'GET /api/v1/orders completed in 12ms for tenant acme status=200 '.repeat(20);
    expect(defaultScanner.redact(text, label)).toBe(text);
    expect(defaultScanner.redact('ok', label)).toBe('ok');
    expect(defaultScanner.redact('', label)).toBe('');
  });

  it('handles secrets at the very start and end of the text', () => {
    expect(redact('jane@example.com')).toBe('[email]');
    expect(redact('a 4111111111111111')).toBe('a [card]');
  });
});

describe('key=value in free text', () => {
  it.each([
    ['password=hunter2 user=bob', 'password=[kv] user=bob'],
    ['passwd=abc;next=1', 'passwd=[kv];next=1'],
    ['api_key: abc123', 'api_key: [kv]'],
    ['client_secret: shh-123', 'client_secret: [kv]'],
    ['{"token":"abc123","x":1}', '{"token":"[kv]","x":1}'],
    ['{"token": "a b c", "x": 1}', '{"token": "[kv]", "x": 1}'],
    ['{\\"password\\":\\"s3cr3t\\",\\"a\\":1}', '{\\"password\\":\\"[kv]\\",\\"a\\":1}'],
    ["{'apiKey': 'zzz'}", "{'apiKey': '[kv]'}"],
    ['cmd --secret xyz --verbose', 'cmd --secret [kv] --verbose'],
    ['run --access_token xyz', 'run --access_token [kv]'],
    ['run --password=xyz', 'run --password=[kv]'],
    ['export API_TOKEN=abc.def', 'export API_TOKEN=[kv]'],
    ['-H "X-Api-Key: k-123"', '-H "X-Api-Key: [kv]"'],
    ['db.password = s3cr3t!', 'db.password = [kv]'],
    [':password => "x1"', ':password => "[kv]"'],
    ['Server=db;User Id=sa;Password=P@ss;', 'Server=db;User Id=sa;Password=[kv];'],
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it('keeps the auth scheme of an Authorization value', () => {
    expect(redact('Authorization: Bearer abc123xyz')).toBe('Authorization: Bearer [bearer]');
    expect(redact('"authorization":"Digest username=bob, response=6629fae4"')).toBe('"authorization":"Digest [kv]"');
  });

  it('censors a whole cookie list, not only the first cookie', () => {
    expect(redact('cookie: a=1; b=2')).toBe('cookie: [kv]');
    expect(redact('Set-Cookie: sid=abc123; Path=/; HttpOnly\nnext')).toBe('Set-Cookie: [kv]\nnext');
  });

  it('leaves values that are not secrets', () => {
    for (const text of ['password=null', 'token=true', 'secret=***', 'password: too short', 'token=${TOKEN}', 'session_count=3']) {
      expect(redact(text)).toBe(text);
    }
  });

  it('reports values under the kv name', () => {
    const names: string[] = [];
    defaultScanner.redact('secret=abc', (_s, n) => (names.push(n), ''));
    expect(names).toEqual(['kv']);
  });
});

describe('URL query parameters', () => {
  it('censors only sensitive parameter values', () => {
    expect(redact('https://x/y?page=2&api_key=ABC&sort=asc')).toBe('https://x/y?page=2&api_key=[kv]&sort=asc');
  });
  it('censors query-only names such as sig and X-Amz-Signature', () => {
    expect(redact('GET /f?X-Amz-Credential=AK%2F1&X-Amz-Signature=deadbeef&sig=abc#frag')).toBe(
      'GET /f?X-Amz-Credential=[query]&X-Amz-Signature=[query]&sig=[query]#frag',
    );
  });
  it('handles &amp; separators and quoted URLs', () => {
    expect(redact('"https://x/?a=1&amp;key=zz"')).toBe('"https://x/?a=1&amp;key=[query]"');
  });
  it('reads a ? after a space (any Unicode space) as prose, not as a query', () => {
    expect(redact('what ?sig=abc')).toBe('what ?sig=abc');
    expect(redact('what\u00a0?sig=abc')).toBe('what\u00a0?sig=abc');
    expect(redact('GET /f?sig=abc')).toBe('GET /f?sig=[query]');
  });
  it('censors a parameter name each time it comes back, in any case', () => {
    expect(redact('GET /a?sig=1 then /b?SIG=2&x=3 then /c?sig=4')).toBe('GET /a?sig=[query] then /b?SIG=[query]&x=3 then /c?sig=[query]');
  });
  it('can be turned off', () => {
    const scanner = compileTextScanner({ detectors: [], isSensitiveKey: null, isSensitiveQueryKey: null });
    expect(scanner.session().redact('https://x/?sig=abc', label)).toBe('https://x/?sig=abc');
    const onlyKv = (
      compileTextScanner({ detectors: [], isSensitiveKey: (k) => k === 'sig', isSensitiveQueryKey: null }) as TextScanner
    ).session();
    expect(onlyKv.redact('https://x/?sig=abc', label)).toBe('https://x/?sig=[kv]');
  });
});

describe('overlapping spans', () => {
  it('merges spans that overlap so that no part leaks', () => {
    const a: DetectorDefinition = { name: 'a', keywords: ['abc'], pattern: /abcdef/g };
    const b: DetectorDefinition = { name: 'b', keywords: ['def'], pattern: /defghi/g };
    const scanner = (compileTextScanner({ detectors: [a, b], isSensitiveKey: null, isSensitiveQueryKey: null }) as TextScanner).session();
    expect(scanner.redact('xx abcdefghi yy', label)).toBe('xx [a] yy');
  });
  it('names an identical span after the earlier detector', () => {
    const token = makeJwt();
    expect(redact(`token=${token}`)).toBe('token=[jwt]');
  });
  it('prefers the userinfo password over an email look-alike', () => {
    expect(redact('postgres://user:secret@db.example.com/app')).toBe('postgres://user:[userinfo]@db.example.com/app');
  });
});

describe('custom detectors', () => {
  it('runs a detector only when one of its keywords is present (case-insensitive)', () => {
    let calls = 0;
    const d: DetectorDefinition = { name: 'emp', keywords: ['emp-'], pattern: /EMP-\d{6}/g, validate: () => (calls++, true) };
    const scanner = (compileTextScanner({ detectors: [d], isSensitiveKey: null, isSensitiveQueryKey: null }) as TextScanner).session();
    expect(scanner.redact('id EMP-123456', label)).toBe('id [emp]');
    expect(scanner.redact('no ids here', label)).toBe('no ids here');
    expect(calls).toBe(1);
  });
  it('runs many keyword detectors behind one keyword search, in any case and beside non-ASCII text', () => {
    let runs = 0;
    const detectors: DetectorDefinition[] = Array.from({ length: 200 }, (_, i) => ({
      name: `d${i}`,
      keywords: [`k${i}_`],
      pattern: new RegExp(`k${i}_\\d{4}`, 'gi'),
      validate: () => (runs++, true),
    }));
    const scanner = (compileTextScanner({ detectors, isSensitiveKey: null, isSensitiveQueryKey: null }) as TextScanner).session();
    expect(scanner.redact('order shipped to the warehouse', label)).toBe('order shipped to the warehouse');
    expect(scanner.redact('key K17_1234 rotated', label)).toBe('key [d17] rotated');
    expect(scanner.redact('clé k199_9876 tournée', label)).toBe('clé [d199] tournée');
    expect(runs).toBe(2);
  });
  it('runs a keyword detector on text whose keyword only lower-cases to it (the Kelvin sign K)', () => {
    const d: DetectorDefinition = { name: 'kelvin', keywords: ['key'], pattern: /key-\d+/giu };
    const scanner = (compileTextScanner({ detectors: [d], isSensitiveKey: null, isSensitiveQueryKey: null }) as TextScanner).session();
    expect(scanner.redact('id \u212Aey-12345', label)).toBe('id [kelvin]');
  });
  it('falls back to per-detector keyword checks when the keywords are too long for one search', () => {
    const d: DetectorDefinition = { name: 'big', keywords: ['q'.repeat(40_000), 'secret-'], pattern: /secret-\d+/g };
    const scanner = (compileTextScanner({ detectors: [d], isSensitiveKey: null, isSensitiveQueryKey: null }) as TextScanner).session();
    expect(scanner.redact('my secret-12345 here', label)).toBe('my [big] here');
    expect(scanner.redact('nothing here', label)).toBe('nothing here');
  });
  it('reads keywords literally, regex characters included', () => {
    const d: DetectorDefinition = { name: 'dotted', keywords: ['x.y('], pattern: /x.y\(\d+/g };
    const scanner = (compileTextScanner({ detectors: [d], isSensitiveKey: null, isSensitiveQueryKey: null }) as TextScanner).session();
    // the keyword gates the whole text; the pattern then finds what it finds
    expect(scanner.redact('x.y(42 and xzy(42', label)).toBe('[dotted] and [dotted]');
    expect(scanner.redact('only xzy(42 here', label)).toBe('only xzy(42 here');
  });
  it('adds the g flag and uses the capture group', () => {
    const d: DetectorDefinition = { name: 'pin', keywords: ['pin'], pattern: /pin (\d{4})/i, group: 1 };
    const scanner = (compileTextScanner({ detectors: [d], isSensitiveKey: null, isSensitiveQueryKey: null }) as TextScanner).session();
    expect(scanner.redact('PIN 1234 and pin 9876', label)).toBe('PIN [pin] and pin [pin]');
  });
  it('fails closed when a validator or prefilter throws', () => {
    const boom: DetectorDefinition = {
      name: 'boom',
      prefilter: () => {
        throw new Error('x');
      },
      pattern: /k\d+/g,
      validate: () => {
        throw new Error('y');
      },
    };
    const scanner = (compileTextScanner({ detectors: [boom], isSensitiveKey: null, isSensitiveQueryKey: null }) as TextScanner).session();
    expect(scanner.redact('a k42 b', label)).toBe('a [boom] b');
  });
  it('survives zero-length matches', () => {
    const d: DetectorDefinition = { name: 'z', keywords: ['a'], pattern: /x*/g };
    const scanner = (compileTextScanner({ detectors: [d], isSensitiveKey: null, isSensitiveQueryKey: null }) as TextScanner).session();
    expect(scanner.redact('a xx b', label)).toBe('a [z] b');
  });
  it('does not share lastIndex state with the definition', () => {
    const pattern = /k\d/g;
    const scanner = (
      compileTextScanner({
        detectors: [{ name: 'k', keywords: ['k'], pattern }],
        isSensitiveKey: null,
        isSensitiveQueryKey: null,
      }) as TextScanner
    ).session();
    pattern.lastIndex = 5;
    expect(scanner.redact('k1 k2', label)).toBe('[k] [k]');
  });
});

describe('built-ins through the default scanner', () => {
  it('redacts a mixed log line', () => {
    const card = luhnNumber('5105', 16);
    const line = `user=bob email=bob@example.com card=${card} ip=203.0.113.9 phone=+44 20 7946 0958 ssn=234-56-7890`;
    expect(redact(line)).toBe('user=bob email=[email] card=[card] ip=[ipv4] phone=[phone] ssn=[ssn]');
  });
  it('hides the OAuth authorization code of a callback URL, in the request and in the referrer', () => {
    const code = `4/0A${b64url(60, 3)}`;
    expect(redact(`GET /oauth/callback?code=${code}&state=xyz HTTP/1.1`)).toBe('GET /oauth/callback?code=[query]&state=xyz HTTP/1.1');
    expect(redact(`"GET /home HTTP/1.1" 200 512 "https://app.example.com/cb?code=${code}&state=abc" "Mozilla/5.0"`)).toBe(
      '"GET /home HTTP/1.1" 200 512 "https://app.example.com/cb?code=[query]&state=abc" "Mozilla/5.0"',
    );
  });
  it('changes nothing when its own output of the new formats is redacted again', () => {
    const r = createRedactor();
    const line = [
      `X-Amz-Security-Token: IQoJb3JpZ2luX2Vj${b64url(300, 2).replace(/[-_]/g, '+')}`,
      `to=jane%40example.com q=%2B33612345678 mail=jürgen@straße.de`,
      `ssn 078 05 1123 iban ${group(makeIban('BE', '539007547034'))} DONE`,
      `cards ${luhnNumber('4012', 16, 1)} ${group(luhnNumber('4012', 16, 2), '-')}`,
      `token ghs_12345_eyJhbGciOiJSUzI1NiJ9.${b64url(80, 4)}.${b64url(43, 5)} and ${'sk_'}prod_${base62(40, 6)}`,
      'Bearer [REDACTED] and -----BEGIN PRIVATE KEY-----\n***\n-----END PRIVATE KEY-----',
    ].join('\n');
    const once = r.redactString(line);
    expect(once).not.toBe(line);
    expect(r.redactString(once)).toBe(once);
    expect(once).toContain('Bearer [REDACTED] and -----BEGIN PRIVATE KEY-----\n***\n-----END PRIVATE KEY-----');
  });
  it('names every built-in after a family of the detector table, so one switch turns a family off', () => {
    // several definitions may share a family name (ASCII, internationalised and URL-encoded email)
    expect(new Set(BUILTIN_DETECTORS.map((d) => d.name))).toEqual(
      new Set([
        'private-key',
        'jwt',
        'userinfo',
        'bearer',
        'basic',
        'aws-access-key-id',
        'aws-session-token',
        'github',
        'github-pat',
        'gitlab',
        'slack-webhook',
        'slack',
        'stripe',
        'google-api-key',
        'anthropic',
        'openai',
        'npm',
        'sendgrid',
        'twilio',
        'huggingface',
        'databricks',
        'digitalocean',
        'pypi',
        'shopify',
        email.name,
        'iban',
        'card',
        'ssn',
        'phone',
        'ipv6',
        'ipv4',
      ]),
    );
  });
});
