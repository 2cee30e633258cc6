import { describe, expect, it } from 'vitest';
import { BUILTIN_DETECTORS } from '../../src/detect/index.js';
import { findAll, luhnNumber, redact } from './helpers.js';

/** Values that look a little like secrets or personal data but are not: nothing may touch them. */
const CLEAN: readonly string[] = [
  '550e8400-e29b-41d4-a716-446655440000',
  'da39a3ee5e6b4b0d3255bfef95601890afd80709',
  'd41d8cd98f00b204e9800998ecf8427e',
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '4bf92f3577b34da6a3ce929d0e0e4736',
  '00f067aa0ba902b7',
  'traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  '2023-03-20T01:42:19.018Z',
  '2023-03-20 01:42:19,018',
  '1678419700099',
  '1678419700099123',
  '4111111111111112',
  '3.14.2',
  'v1.7.8-rc.3',
  '11.28.66',
  '2613ms',
  '2001.67 EUR',
  'checkout-28vdh1zcc7-hhrkq',
  '978-3-16-148410-0',
  'HTTP/1.1 301',
  '19.34.59',
  'SKU-MYQ-1095',
  'SKU-ABC-1234',
  'region=eu-west-1',
  'status=200',
  'page=2',
  'order shipped',
  'ord_8f3a2c',
  'eu-west-1',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  'application/json',
  'GET /api/v1/orders completed in 12ms for tenant acme status=200 cache=hit region=eu-west',
  'lodash@4.17.21',
  'icon@2x.png',
  'https://example.com/search?q=shoes&page=2&sort=asc',
  'Invalid password: too short',
  'token: expired after 3600s',
  'password=null',
  'secret=[REDACTED]',
  'user_id=42 session_count=3',
  'pk_live_abcdefghijklmnopqrstuvwx',
  'ACe5f7c1b1b7c94ab1a9bd9d5a3b3bc1d1',
  'std::vector<int>',
  '12:30:45',
  '00:1a:2b:3c:4d:5e',
  'Basic plan',
  'Bearer authentication failed',
  '+100ms',
  'UTC+05:30',
  'retry in 30s (attempt 2/5)',
  'build 2024.03.20.1',
  'id=1234-5678-9012-3456',
];

describe('precision', () => {
  it.each(CLEAN)('leaves %j untouched', (text) => {
    expect(redact(text)).toBe(text);
  });

  it('no single detector matches any of the clean values', () => {
    for (const detector of BUILTIN_DETECTORS) {
      for (const text of CLEAN) expect([detector.name, findAll(detector, text)]).toEqual([detector.name, []]);
    }
  });

  it('a Luhn-valid number that is an order id of unknown issuer stays', () => {
    const n = luhnNumber('1', 16);
    expect(redact(`order ${n}`)).toBe(`order ${n}`);
  });
});
