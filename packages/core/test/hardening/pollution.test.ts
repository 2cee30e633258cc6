/**
 * Prototype pollution: no input may change Object.prototype or any other prototype, and
 * `__proto__`, `constructor` and `prototype` keys are kept as data. (The property suite also checks
 * every prototype after each of its generated cases.)
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedactor, redact } from '../../src/index.js';
import { prototypeFingerprint, prototypesUntouched } from './arbitraries.js';

const PROTOTYPES = prototypeFingerprint();
const censorEverything = createRedactor({ keys: [/./], censor: { type: 'mask' } });

const HOSTILE_JSON = [
  '{"__proto__":{"polluted":"yes","password":"x"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"a":{"__proto__":{"toString":"broken"}},"b":[{"__proto__":{"polluted":1}}]}',
  '{"__proto__":{"__proto__":{"polluted":"deep"}},"prototype":{"polluted":1}}',
  '{"headers":{"__proto__":{"authorization":"Bearer abcdefghijkl"}},"set-cookie":["__proto__=x"]}',
];

describe('prototype pollution', () => {
  afterEach(() => {
    expect(prototypeFingerprint()).toBe(PROTOTYPES);
  });

  it('keeps __proto__, constructor and prototype keys from JSON.parse as data, and touches no prototype', () => {
    const r = createRedactor();
    for (const text of HOSTILE_JSON) {
      const input = JSON.parse(text) as unknown;
      for (const out of [r.redact(input), JSON.parse(r.stringify(input)), r.redactLine(text), redact(input)]) {
        expect(out).toBeDefined();
        expect(prototypesUntouched()).toBe(true);
      }
    }
    const out = r.redact(JSON.parse('{"__proto__":{"password":"hunter2","keep":1}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ password: '[REDACTED]', keep: 1 });
  });

  it('keeps a copied __proto__ key as an own property when the censor masks or removes', () => {
    const masked = censorEverything.redact(JSON.parse('{"__proto__":"abcdef","constructor":"xyz"}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(masked)).toBe(Object.prototype);
    expect(Object.keys(masked)).toEqual(['__proto__', 'constructor']);
    const removed = createRedactor({ censor: { type: 'remove' } }).redact(JSON.parse('{"__proto__":{"password":"x","a":1}}'));
    expect(Object.getPrototypeOf(removed)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(removed, '__proto__')?.value).toEqual({ a: 1 });
  });

  it('turns Maps and Fetch Headers with __proto__ names into objects with own keys, not prototypes', () => {
    const r = createRedactor();
    const fromMap = r.redact(
      new Map<string, unknown>([
        ['__proto__', { polluted: 'yes' }],
        ['constructor', { prototype: { x: 1 } }],
      ]),
    );
    expect(Object.getPrototypeOf(fromMap)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(fromMap, '__proto__')?.value).toEqual({ polluted: 'yes' });
    const err = Object.assign(new Error('x'), JSON.parse('{"__proto__":{"polluted":1}}') as object);
    r.redact(err);
    expect(prototypesUntouched()).toBe(true);
  });

  it('touches no prototype for any JSON text with __proto__, constructor and prototype keys at any depth', () => {
    const r = createRedactor();
    const key = fc.constantFrom('__proto__', 'constructor', 'prototype', 'password', 'toString', 'valueOf', 'headers', 'a');
    const json = fc.letrec<{ v: unknown }>((tie) => ({
      v: fc.oneof(
        { depthSize: 'small', maxDepth: 5 },
        fc.string({ maxLength: 6 }),
        fc.integer(),
        fc.array(tie('v'), { maxLength: 3 }),
        fc.array(fc.tuple(key, tie('v')), { maxLength: 4 }).map((entries) => ({ entries })),
      ),
    })).v;
    const text = (v: unknown): string => {
      if (Array.isArray(v)) return `[${v.map(text).join(',')}]`;
      if (typeof v === 'object' && v !== null) {
        return `{${(v as { entries: [string, unknown][] }).entries.map(([k, x]) => `${JSON.stringify(k)}:${text(x)}`).join(',')}}`;
      }
      return JSON.stringify(v);
    };
    fc.assert(
      fc.property(json, (v) => {
        const line = text(v);
        const input = JSON.parse(line) as unknown;
        r.redact(input);
        r.stringify(input);
        r.redactLine(line);
        censorEverything.redact(input);
        expect(prototypesUntouched()).toBe(true);
      }),
      { numRuns: 3_000 },
    );
  });
});
