/**
 * Redaction output is input again: transports chain, a second redactor sees the first one's
 * output, and `hushlog check` runs on redacted logs. A second pass must change nothing, and an
 * audit of redacted output must find nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRedactor, runWithSecrets, type Policy } from '../src/index.js';
import { materialize, specArbitrary } from './hardening/arbitraries.js';

const RUNS = Number(process.env.HUSHLOG_PROPERTY_RUNS ?? 4_000);
// A fixed seed by default, so CI runs the same cases every time; HUSHLOG_PROPERTY_SEED=random explores new ones.
const SEED = process.env.HUSHLOG_PROPERTY_SEED;
if (SEED !== 'random') fc.configureGlobal({ seed: Number(SEED ?? 20_261_201) });

describe('redacting redacted output changes nothing', { timeout: 120_000 }, () => {
  const r = createRedactor();

  it('leaves a censored query value as it is, however often it is redacted', () => {
    const once = r.redactString('GET /pay?api_key=abc123def456&page=2');
    expect(once).toBe('GET /pay?api_key=[REDACTED:kv]&page=2');
    expect(r.redactString(once)).toBe(once);
    expect(r.redactString(r.redactString(once))).toBe(once);
    const url = r.redactString('GET /pay?sig=abc123def456');
    expect(url).toBe('GET /pay?sig=[REDACTED:query]');
    expect(r.redactString(url)).toBe(url);
  });

  it('leaves the censored parts of auth headers, cookies and userinfo as they are', () => {
    const once = r.redact({
      headers: { authorization: 'Bearer abc.def.ghi', cookie: 'sid=abc123; theme=dark', 'set-cookie': 'sid=abc; Path=/' },
      dsn: 'postgres://app:s3cret-pw@db.internal:5432/app',
      note: 'password: hunter2 and token=abc',
    });
    expect(r.redact(once)).toEqual(once);
    expect(r.audit(once)).toEqual([]);
  });

  it.each<[string, Policy | undefined]>([
    ['the default censor', undefined],
    ['the remove censor', { censor: { type: 'remove' } }],
    ['an hmac censor', { censor: { type: 'hmac', key: 'a-secret-key-of-16+', length: 16 } }],
    ['a mask censor', { censor: { type: 'mask', keepLast: 4 } }],
  ])('leaves a cookie name or Set-Cookie attribute that %s censored as it is', (_name, policy) => {
    const redactor = createRedactor(policy);
    const jwt = [
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9',
      'eyJzdWIiOiJ1c2VyLTEiLCJpYXQiOjE1MTYyMzkwMjJ9',
      'c2lnLTEtYWJjZGVmZ2hpamtsbW5vcA',
    ].join('.');
    const once = redactor.redact({ headers: { cookie: `${jwt}=1; theme=dark; =abc`, 'set-cookie': `sid=1; Domain=${jwt}; Path=/` } });
    expect(JSON.stringify(once)).not.toContain(jwt);
    expect(redactor.redact(once)).toEqual(once);
  });

  it('recognises hmac output as already censored', () => {
    const hmac = createRedactor({ censor: { type: 'hmac', key: 'a-secret-key-of-16+', length: 16 } });
    const once = hmac.redact({ password: 'hunter2', apiKey: 'k-123' }) as Record<string, string>;
    expect(once.password).toMatch(/^hmac:[0-9a-f]{16}$/);
    expect(hmac.redact(once)).toEqual(once);
    expect(hmac.audit(once)).toEqual([]);
  });

  it('recognises a custom censor text and label wherever they are read again', () => {
    const custom = createRedactor({ censor: '<hidden>', label: '<hidden:{rule}>' });
    const once = custom.redactString('GET /x?token=abcdef123456 mail jane@example.com password=hunter2');
    expect(once).toBe('GET /x?token=<hidden:kv> mail <hidden:email> password=<hidden:kv>');
    expect(custom.redactString(once)).toBe(once);
    expect(custom.audit(once)).toEqual([]);
  });

  it('finds nothing when it audits its own output (so "redact, then prove the log clean" can pass)', () => {
    const line = r.redactLine(
      JSON.stringify({ password: 'hunter2', headers: { authorization: 'Bearer tok-1234567890' }, msg: 'GET /x?api_key=abc123def456' }),
    );
    expect(line).toBe('{"password":"[REDACTED]","headers":{"authorization":"Bearer [REDACTED]"},"msg":"GET /x?api_key=[REDACTED:kv]"}');
    expect(r.audit(line)).toEqual([]);
    expect(r.redactLine(line)).toBe(line);
  });

  const policies: [string, Policy | undefined][] = [
    ['the default policy', undefined],
    ['a replace censor', { censor: { type: 'replace', text: '***' } }],
    ['a mask censor', { censor: { type: 'mask', keepLast: 4 } }],
    ['the remove censor', { censor: { type: 'remove' } }],
  ];
  for (const [name, policy] of policies) {
    it(`is idempotent under generated input with ${name}: redact, redactLine of stringify, and audit`, () => {
      const p = createRedactor(policy);
      fc.assert(
        fc.property(specArbitrary({ known: true }), (spec) => {
          const built = materialize(spec);
          runWithSecrets(built.known, () => {
            const once = p.redact(built.value);
            expect(p.redact(once)).toEqual(once);
            // a JSON line (an object or an array: a bare number or string is free text to redactLine)
            const line = p.stringify(built.value);
            if (line.startsWith('{') || line.startsWith('[')) {
              expect(p.redactLine(line)).toBe(line);
              if (policy === undefined) expect(p.audit(line)).toEqual([]);
            }
          });
        }),
        { numRuns: RUNS },
      );
    });
  }
});
