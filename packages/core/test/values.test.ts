import { describe, expect, it } from 'vitest';
import { createRedactor, redact } from '../src/index.js';

const r = createRedactor();

describe('values of every kind', () => {
  it('returns the same object when there is nothing to redact, and never mutates the input', () => {
    const clean = { msg: 'order shipped', items: [{ sku: 'A', qty: 2 }], n: 1 };
    expect(r.redact(clean)).toBe(clean);
    const dirty = { a: { password: 'p', keep: { x: 1 } }, list: [1, 2] };
    const snapshot = structuredClone(dirty);
    const out = r.redact(dirty) as typeof dirty;
    expect(dirty).toEqual(snapshot);
    expect(out.a.keep).toBe(dirty.a.keep);
    expect(out.list).toBe(dirty.list);
  });

  it('walks class instances by their own enumerable properties', () => {
    class User {
      name = 'ann';
      password = 'pw';
      greet() {
        return 'hi';
      }
    }
    expect(r.redact({ u: new User() })).toEqual({ u: { name: 'ann', password: '[REDACTED]' } });
  });

  it('redacts what toJSON returns, and survives toJSON that throws or returns this', () => {
    expect(r.redact({ v: { toJSON: () => ({ token: 't', ok: 1 }) } })).toEqual({ v: { token: '[REDACTED]', ok: 1 } });
    const self = {
      password: 'x',
      toJSON() {
        return this;
      },
    };
    expect(JSON.parse(r.stringify({ self }))).toEqual({ self: { password: '[REDACTED]' } });
    const throwing = {
      toJSON() {
        throw new Error('nope');
      },
    };
    expect(r.stringify({ throwing, ok: 1 })).toBe('{"throwing":"[REDACTED]","ok":1}');
  });

  it('keeps an Error readable: name, message, stack, code and own properties, minus the secrets', () => {
    const err = Object.assign(new TypeError('lookup failed'), { code: 'E_LOOKUP', apiKey: 'k-123', status: 502 });
    const out = r.redact({ err }) as { err: Record<string, unknown> };
    expect(out.err.name).toBe('TypeError');
    expect(out.err.message).toBe('lookup failed');
    expect(String(out.err.stack)).toContain('TypeError: lookup failed');
    expect(out.err.code).toBe('E_LOOKUP');
    expect(out.err.status).toBe(502);
    expect(out.err.apiKey).toBe('[REDACTED]');
  });

  it('follows the cause chain and AggregateError.errors', () => {
    const root = Object.assign(new Error('root'), { password: 'pw1' });
    const mid = new Error('mid', { cause: root });
    const agg = new AggregateError([mid, Object.assign(new Error('second'), { token: 't2' })], 'many');
    const out = JSON.parse(r.stringify(agg));
    expect(out.message).toBe('many');
    expect(out.errors[0].message).toBe('mid');
    expect(out.errors[0].cause.message).toBe('root');
    expect(out.errors[0].cause.password).toBe('[REDACTED]');
    expect(out.errors[1].token).toBe('[REDACTED]');
  });

  it('shows a cause cycle as [Circular]', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as Error & { cause: unknown }).cause = b;
    expect(JSON.parse(r.stringify(a)).cause.cause).toBe('[Circular]');
  });

  it('turns Maps, Sets, BigInts and binary data into JSON-safe values', () => {
    const out = JSON.parse(
      r.stringify({
        m: new Map<string, unknown>([
          ['token', 'abc'],
          ['n', 1],
        ]),
        objKeys: new Map([[{ k: 1 }, 'v']]),
        s: new Set(['a', { secret: 'x' }]),
        big: 12345678901234567890n,
        buf: Buffer.from('password=hunter2'),
        u8: new Uint8Array(3),
      }),
    );
    expect(out).toEqual({
      m: { token: '[REDACTED]', n: 1 },
      objKeys: [[{ k: 1 }, 'v']],
      s: ['a', { secret: '[REDACTED]' }],
      big: '12345678901234567890',
      buf: '[Buffer: 16 bytes]',
      u8: '[Uint8Array: 3 bytes]',
    });
  });

  it('keeps Dates and hides URL passwords and sensitive query parameters', () => {
    const when = new Date('2024-01-02T03:04:05.000Z');
    const out = JSON.parse(
      r.stringify({ when, url: new URL('https://user:pa55word@api.example.com/v1/items?page=2&api_key=abc123&sort=asc#top') }),
    );
    expect(out.when).toBe('2024-01-02T03:04:05.000Z');
    expect(out.url).not.toContain('pa55word');
    expect(out.url).not.toContain('abc123');
    expect(out.url).toContain('https://user:');
    expect(out.url).toContain('@api.example.com/v1/items?page=2&api_key=');
    expect(out.url).toContain('&sort=asc#top');
  });

  it('writes Dates as JSON does, as their ISO text, in the copy as in the JSON', () => {
    const when = new Date('2024-01-02T03:04:05.000Z');
    expect(r.redact({ when, never: new Date(Number.NaN) })).toEqual({ when: '2024-01-02T03:04:05.000Z', never: null });
  });

  it('returns a JSON-safe copy under every rule: allowed, censored and walked values alike', () => {
    const p = createRedactor({ keys: ['meta'], paths: ['**.id'], allow: ['tokenCount'] });
    const value = {
      tokenCount: 2n,
      meta: { n: 3n },
      id: 4n,
      stats: { tokenCount: { big: 5n, at: new Map([['k', 6n]]) }, other: 7n, neg: -0, nan: Number.NaN, f: () => 1 },
    };
    const copy = p.redact(value);
    expect(copy).toEqual({
      tokenCount: '2',
      meta: '[REDACTED]',
      id: '[REDACTED]',
      stats: { tokenCount: { big: '5', at: { k: '6' } }, other: '7', neg: 0, nan: null },
    });
    expect(JSON.parse(p.stringify(value))).toEqual(copy);
    expect(Object.is((copy as { stats: { neg: number } }).stats.neg, 0)).toBe(true);
  });

  it('serializes a BigInt in an untouched subtree in one walk, without reading any getter twice', () => {
    let reads = 0;
    const holder = Object.defineProperty({} as Record<string, unknown>, 'counted', { enumerable: true, get: () => ++reads });
    holder.n = 1n;
    const p = createRedactor({ preset: 'none', paths: ['a.b'] });
    expect(p.stringify({ a: { b: 'x' }, other: holder })).toBe('{"a":{"b":"[REDACTED]"},"other":{"counted":1,"n":"1"}}');
    expect(reads).toBe(1);
    reads = 0;
    expect(r.stringify({ meta: holder })).toBe('{"meta":{"counted":1,"n":"1"}}');
    expect(reads).toBe(1);
  });

  it('ignores Symbol keys, as JSON does, and walks null-prototype objects', () => {
    const bare = Object.assign(Object.create(null), { password: 'x', ok: 1 });
    const out = r.redact({ [Symbol('hidden')]: 'secret', bare }) as { bare: Record<string, unknown> };
    expect(Object.getPrototypeOf(out.bare)).toBe(null);
    expect({ ...out.bare }).toEqual({ password: '[REDACTED]', ok: 1 });
    expect(r.stringify({ [Symbol('hidden')]: 'secret', a: 1 })).toBe('{"a":1}');
  });

  it('shows circular references as [Circular] but repeats shared ones', () => {
    const shared = { x: 1 };
    const loop: Record<string, unknown> = { shared, again: shared };
    loop.self = loop;
    expect(r.stringify(loop)).toBe('{"shared":{"x":1},"again":{"x":1},"self":"[Circular]"}');
  });

  it('censors a getter that throws and a Proxy that throws, and counts them', () => {
    const local = createRedactor();
    const getter = Object.defineProperty({ ok: 1 }, 'boom', {
      enumerable: true,
      get() {
        throw new Error('getter');
      },
    });
    const proxy = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('trap');
        },
      },
    );
    expect(local.stringify({ getter, proxy })).toBe('{"getter":{"ok":1,"boom":"[REDACTED]"},"proxy":"[REDACTED]"}');
    expect(local.errorCount).toBe(2);
  });

  it('copies frozen objects instead of writing to them', () => {
    const frozen = Object.freeze({ password: 'x', nested: Object.freeze({ token: 'y' }) });
    expect(r.redact(frozen)).toEqual({ password: '[REDACTED]', nested: { token: '[REDACTED]' } });
    expect(frozen.password).toBe('x');
  });

  it('keeps own __proto__ and constructor keys from JSON.parse as data, without touching any prototype', () => {
    const input = JSON.parse('{"__proto__":{"polluted":true,"password":"x"},"constructor":{"prototype":{"bad":1}},"token":"t"}');
    const out = r.redact(input) as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(out, '__proto__')).toBe(true);
    expect(JSON.parse(r.stringify(input))).toEqual(
      JSON.parse('{"__proto__":{"polluted":true,"password":"[REDACTED]"},"constructor":{"prototype":{"bad":1}},"token":"[REDACTED]"}'),
    );
  });

  it('offers a one-shot redact() that compiles each policy once', () => {
    expect(redact({ password: 'x' })).toEqual({ password: '[REDACTED]' });
    const policy = { preset: 'none' as const, paths: ['a'] };
    expect(redact({ a: 1, password: 'x' }, policy)).toEqual({ a: '[REDACTED]', password: 'x' });
  });
});

describe('limits and failures', () => {
  it('replaces values past the depth limit with a marker', () => {
    const deep: Record<string, unknown> = {};
    let at = deep;
    for (let i = 0; i < 20; i++) at = (at.next = {}) as Record<string, unknown>;
    const out = createRedactor({ limits: { maxDepth: 5 } }).stringify(deep);
    expect(out).toContain('[MaxDepth]');
  });

  it('truncates past the node limit with a visible marker', () => {
    const r2 = createRedactor({ limits: { maxNodes: 10 } });
    const arr = JSON.parse(r2.stringify(Array.from({ length: 100 }, (_, i) => i)));
    expect(arr).toHaveLength(11);
    expect(arr[10]).toBe('[MaxNodes] 90 more items');
    const obj = JSON.parse(r2.stringify(Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]))));
    expect(obj['[truncated]']).toBe('[MaxNodes]');
  });

  it('replaces strings past the length limit with a marker', () => {
    expect(createRedactor({ limits: { maxStringLength: 10 } }).redact({ s: 'x'.repeat(11) })).toEqual({ s: '[TooLong: 11 chars]' });
  });

  it('never throws from redact, stringify or redactString', () => {
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    for (const bad of [revoked.proxy, undefined, Symbol('s'), () => 1, 10n, NaN]) {
      expect(() => r.redact(bad)).not.toThrow();
      expect(() => r.stringify(bad)).not.toThrow();
      expect(() => r.redactString(bad as unknown as string)).not.toThrow();
    }
    expect(r.stringify(undefined)).toBe('null');
    expect(r.stringify(revoked.proxy)).toBe('"[REDACTED]"');
  });
});

describe('lines and audits', () => {
  it('redacts a JSON line structurally and keeps its newline, and any other line as text', () => {
    expect(r.redactLine('{"password":"x","ok":1}\n')).toBe('{"password":"[REDACTED]","ok":1}\n');
    expect(r.redactLine('plain text line')).toBe('plain text line');
    expect(r.redactLine('{"truncated":')).toBe('{"truncated":');
  });

  it('audits by rule and path without ever returning the values', () => {
    const findings = r.audit({ user: { password: 'hunter2' }, headers: { cookie: 'a=b' } });
    expect(findings).toEqual([
      { rule: 'key:password', path: 'user.password' },
      { rule: 'header:cookie', path: 'headers.cookie' },
    ]);
    expect(JSON.stringify(findings)).not.toContain('hunter2');
    expect(r.audit('{"token":"abc"}')).toEqual([{ rule: 'key:token', path: 'token' }]);
  });
});

describe('faithful lines', () => {
  it('returns a clean JSON line exactly as it was, spacing and big numbers included', () => {
    const line = '{ "id": 12345678901234567890, "msg": "order shipped" }\n';
    expect(r.redactLine(line)).toBe(line);
  });
});
