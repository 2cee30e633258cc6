import { describe, expect, it } from 'vitest';
import { createRedactor } from '../src/index.js';

const paths = (list: string[]) => createRedactor({ preset: 'none', paths: list });

describe('exact paths', () => {
  it('redacts a static path and nothing else', () => {
    expect(paths(['a.b.c']).stringify({ a: { b: { c: 's', d: 's' }, c: 's' }, password: 'p' })).toBe(
      '{"a":{"b":{"c":"[REDACTED]","d":"s"},"c":"s"},"password":"p"}',
    );
  });

  it('reads bracket names, quoted names and indexes', () => {
    const r = paths(['req.headers["x-api-key"]', "req['weird key']", 'list[1]']);
    expect(r.redact({ req: { headers: { 'x-api-key': 'k', host: 'h' }, 'weird key': 1 }, list: ['a', 'b', 'c'] })).toEqual({
      req: { headers: { 'x-api-key': '[REDACTED]', host: 'h' }, 'weird key': '[REDACTED]' },
      list: ['a', '[REDACTED]', 'c'],
    });
  });

  it('treats * as any one level, at the end or in the middle', () => {
    expect(paths(['a.d.*']).redact({ a: { d: { a: 1, b: 2 }, e: { a: 1 } } })).toEqual({
      a: { d: { a: '[REDACTED]', b: '[REDACTED]' }, e: { a: 1 } },
    });
    expect(paths(['a.*.c']).redact({ a: { b: { c: 1 }, d: { c: 2, x: 3 } } })).toEqual({
      a: { b: { c: '[REDACTED]' }, d: { c: '[REDACTED]', x: 3 } },
    });
    expect(paths(['users[*].password']).redact({ users: [{ password: 'a' }, { password: 'b', name: 'n' }] })).toEqual({
      users: [{ password: '[REDACTED]' }, { password: '[REDACTED]', name: 'n' }],
    });
  });

  it('treats ** as any depth, including zero levels', () => {
    const r = paths(['**.secretThing', 'a.**.leaf']);
    expect(r.redact({ secretThing: 1, x: { y: [{ secretThing: 2 }] }, a: { leaf: 3, b: { c: { leaf: 4 } } } })).toEqual({
      secretThing: '[REDACTED]',
      x: { y: [{ secretThing: '[REDACTED]' }] },
      a: { leaf: '[REDACTED]', b: { c: { leaf: '[REDACTED]' } } },
    });
  });

  it('is case-sensitive like pino, unlike key rules', () => {
    expect(paths(['a.Token']).redact({ a: { token: 1, Token: 2 } })).toEqual({ a: { token: 1, Token: '[REDACTED]' } });
  });

  it('leaves a path-only policy blind to key names', () => {
    expect(paths(['a.b']).redact({ password: 'p', a: { b: 1 } })).toEqual({ password: 'p', a: { b: '[REDACTED]' } });
  });

  it('ignores paths that are missing from the value', () => {
    const input = { x: 1 };
    expect(paths(['a.b.c']).redact(input)).toBe(input);
  });

  it('still serializes a value the fast path cannot (BigInt, cycles off the listed paths)', () => {
    const cyclic: Record<string, unknown> = { n: 10n, a: { b: 'x' } };
    cyclic.self = cyclic;
    expect(paths(['a.b']).stringify(cyclic)).toBe('{"n":"10","a":{"b":"[REDACTED]"},"self":"[Circular]"}');
  });
});
