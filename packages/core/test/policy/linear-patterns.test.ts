/**
 * User patterns (custom detectors, RegExps in `keys`) run on RE2, in time linear in the text:
 * a pattern that backtracks catastrophically on V8 finishes at once, and what RE2 cannot run is
 * refused by createRedactor with a PolicyError naming the detector.
 */
/* eslint-disable regexp/no-super-linear-backtracking, regexp/no-misleading-capturing-group -- hostile patterns on purpose */
import { describe, expect, it } from 'vitest';
import { createRedactor, PolicyError, type Policy } from '../../src/index.js';
import { LinearRegExp } from '../../src/policy/linear-regexp.js';

function errorOf(policy: Policy): PolicyError {
  try {
    createRedactor(policy);
  } catch (err) {
    expect(err).toBeInstanceOf(PolicyError);
    return err as PolicyError;
  }
  throw new Error('expected createRedactor to throw');
}

/** Milliseconds taken by `fn`. */
function timed(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

describe('user patterns on the linear-time engine', () => {
  it('runs a custom detector /(a+)+$/ over a hostile value without blocking the event loop', () => {
    const r = createRedactor({ preset: 'none', customDetectors: [{ name: 'evil', pattern: /(a+)+$/ }] });
    const hostile = 'a'.repeat(50_000) + '!';
    let out = '';
    // V8 needs 22–29 s for 30 characters of this; RE2 takes milliseconds for 50,000.
    expect(timed(() => (out = r.redactString(hostile)))).toBeLessThan(2_000);
    expect(out).toBe(hostile);
    expect(r.redactString('trailing aaaa')).toBe('trailing [REDACTED:evil]');
  });

  it('runs polynomial patterns in linear time too', () => {
    const r = createRedactor({
      preset: 'none',
      customDetectors: [
        { name: 'poly', pattern: /\s*#\s*$/ },
        { name: 'q', pattern: /[^"]*"/ },
      ],
    });
    const hostile = ' '.repeat(100_000) + 'x';
    expect(timed(() => r.redactString(hostile))).toBeLessThan(2_000);
  });

  it('runs a key RegExp in linear time on a very long key', () => {
    const r = createRedactor({ preset: 'none', keys: [/^(a|aa)+$/] });
    const key = 'a'.repeat(20_000) + 'b';
    let out: unknown;
    expect(timed(() => (out = r.redact({ [key]: 'v', aaaa: 'secret' })))).toBeLessThan(2_000);
    expect(out).toEqual({ [key]: 'v', aaaa: '[REDACTED]' });
  });

  it('keeps what a detector pattern means: flags, \\b, classes, counted repeats, lookbehinds without captures', () => {
    const r = createRedactor({
      preset: 'none',
      customDetectors: [
        { name: 'order', pattern: /\bord-\d{6}\b/i },
        { name: 'tok', pattern: /(?<=tok=)[a-z0-9]{12,}/ },
        { name: 'pw', pattern: /pw:[^ ]+/, keywords: ['pw:'] },
      ],
    });
    expect(r.redactString('ORD-123456 and ord-654321, not ORD-1234567 · tok=abcdef123456xyz · pw:hunter2!')).toBe(
      '[REDACTED:order] and [REDACTED:order], not ORD-1234567 · tok=[REDACTED:tok] · [REDACTED:pw]',
    );
  });

  it('finds matches after non-ASCII text at the right offsets', () => {
    const r = createRedactor({ preset: 'none', customDetectors: [{ name: 'ref', pattern: /REF-\d{4}/ }] });
    expect(r.redactString('😀 café — REF-1234 ✓ REF-9876')).toBe('😀 café — [REDACTED:ref] ✓ [REDACTED:ref]');
  });

  it('refuses a lookahead, naming the detector', () => {
    const e = errorOf({
      customDetectors: [
        { name: 'ok', pattern: /x/ },
        { name: 'peek', pattern: /key(?=\d)/ },
      ],
    });
    expect(e.field).toBe('customDetectors[1].pattern');
    expect(e.message).toMatch(/detector "peek".*cannot run in linear time/);
  });

  it('refuses a backreference and a capturing lookbehind', () => {
    expect(errorOf({ customDetectors: [{ name: 'twice', pattern: /(ab)\1/ }] }).message).toMatch(/detector "twice".*linear time/);
    expect(errorOf({ customDetectors: [{ name: 'lb', pattern: /(?<=(k)=)v/ }] }).field).toBe('customDetectors[0].pattern');
  });

  it('refuses a key RegExp that RE2 cannot run, naming its index', () => {
    const e = errorOf({ keys: ['ok', /^(?!public).*token$/] });
    expect(e.field).toBe('keys[1]');
    expect(e.message).toMatch(/key pattern .*cannot run in linear time/);
  });

  it('does not take RegExps in allow (names and paths only)', () => {
    expect(errorOf({ allow: [/x/ as unknown as string] }).field).toBe('allow[0]');
  });
});

describe('LinearRegExp', () => {
  it('behaves as a RegExp for exec, test, replace, matchAll and split', () => {
    const re = new LinearRegExp('(?<word>[a-z]+)(\\d)?', 'g');
    expect(re).toBeInstanceOf(RegExp);
    expect('ab1 cd ef2'.replace(re, '<$<word>>')).toBe('<ab> <cd> <ef>');
    expect([...'ab1 cd'.matchAll(re)].map((m) => [m[0], m.index, m[2], m.groups?.word])).toEqual([
      ['ab1', 0, '1', 'ab'],
      ['cd', 4, undefined, 'cd'],
    ]);
    expect(new LinearRegExp('\\d').test('x1')).toBe(true);
    expect('a1b22c'.split(new LinearRegExp('\\d+'))).toEqual(['a', 'b', 'c']);
  });

  it('honours lastIndex, sticky and match indices', () => {
    const g = new LinearRegExp('b', 'g');
    g.lastIndex = 2;
    expect(g.exec('abab')?.index).toBe(3);
    expect(g.lastIndex).toBe(4);
    expect(g.exec('abab')).toBeNull();
    expect(g.lastIndex).toBe(0);
    const y = new LinearRegExp('b', 'y');
    expect(y.exec('ab')).toBeNull();
    y.lastIndex = 1;
    expect(y.exec('ab')?.[0]).toBe('b');
    expect(new LinearRegExp('a(b)', 'd').exec('xab')?.indices?.[1]).toEqual([2, 3]);
  });
});
