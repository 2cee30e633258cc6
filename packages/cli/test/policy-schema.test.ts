/**
 * policy.schema.json and the library cannot drift apart: policy files are validated with the
 * schema (by Ajv), and these tests hold the schema to what `createRedactor` accepts, both ways.
 * The field lists are read from the library's own error messages, and thousands of generated
 * documents, valid and broken, get the same verdict from the schema and from the library.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_DETECTORS, createRedactor, type Policy } from '@hushlog/core';
import { policyFromJson } from '../src/policy-file.js';
import { schemaProblem } from '../src/policy-schema.js';

interface Schema {
  properties: Record<string, { properties?: Record<string, unknown>; propertyNames?: { enum: string[] } }>;
  $defs: { censor: { oneOf: { properties?: Record<string, { const?: string }> }[] } };
}
const schema = JSON.parse(readFileSync(new URL('../policy.schema.json', import.meta.url), 'utf8')) as Schema;

/** The library's verdict on a JSON document, converted the way a policy file is (patterns become RegExps). */
function libraryAccepts(doc: Record<string, unknown>): boolean {
  const { $schema, customDetectors, ...rest } = doc;
  if ($schema !== undefined && typeof $schema !== 'string') return false; // the one field of the JSON form alone
  let policy: Record<string, unknown> = rest;
  if (Array.isArray(customDetectors))
    policy = {
      ...rest,
      customDetectors: customDetectors.map((d: unknown) => {
        if (typeof d !== 'object' || d === null || Array.isArray(d)) return d;
        const { flags, ...others } = d as Record<string, unknown>;
        try {
          return typeof others.pattern === 'string' ? { ...others, pattern: new RegExp(others.pattern, (flags as string) ?? '') } : others;
        } catch {
          return others; // an invalid flags string: the library then sees a string pattern and refuses it
        }
      }),
    };
  else if (customDetectors !== undefined) policy = { ...rest, customDetectors };
  try {
    createRedactor(policy as Policy);
    return true;
  } catch {
    return false;
  }
}

/** The list the library names in a PolicyError message, such as "(expected one of a, b, c)". */
function listedBy(policy: unknown, re: RegExp): string[] {
  try {
    createRedactor(policy as Policy);
  } catch (err) {
    const m = re.exec((err as Error).message);
    if (m?.[1] !== undefined) return m[1].split(/, | or /).map((s) => s.replace(/^'|'$/g, ''));
  }
  throw new Error('expected a PolicyError with a list');
}

describe('policy.schema.json and the library', () => {
  it('list the same policy fields', () => {
    const library = listedBy({ zzz: 1 }, /expected one of (.*)\)/);
    expect(new Set(Object.keys(schema.properties).filter((k) => k !== '$schema'))).toEqual(new Set(library));
  });

  it('list the same limits', () => {
    expect(new Set(Object.keys(schema.properties.limits!.properties!))).toEqual(new Set(listedBy({ limits: { zzz: 1 } }, /\((.*)\)/)));
  });

  it('list the same detector names, each of which the library accepts', () => {
    const names = schema.properties.detectors!.propertyNames!.enum;
    const library = listedBy({ detectors: { zzz: false } }, /known: (.*)\)/);
    for (const name of library) expect(names).toContain(name);
    for (const d of BUILTIN_DETECTORS) expect(names).toContain(d.name);
    for (const name of names) expect(() => createRedactor({ detectors: { [name]: false } }), name).not.toThrow();
  });

  it('list the same censor types and the same fields for each', () => {
    const types = schema.$defs.censor.oneOf.flatMap((b) => (b.properties?.type?.const === undefined ? [] : [b.properties.type.const]));
    expect(new Set(types)).toEqual(new Set(listedBy({ censor: { type: 'zzz' } }, /must be (.*) \(got/)));
    for (const branch of schema.$defs.censor.oneOf) {
      const type = branch.properties?.type?.const;
      if (type === undefined) continue;
      const fields = Object.keys(branch.properties!).filter((f) => f !== 'type');
      expect(listedBy({ censor: { type, zzz: 1 } }, /expected one of (.*)\)/).sort(), type).toEqual(['type', ...fields].sort());
    }
  });

  /** Mostly a valid value, sometimes a broken one: most documents then hold one fault, or none. */
  const pick = (good: readonly unknown[], bad: readonly unknown[]) =>
    fc.oneof({ arbitrary: fc.constantFrom(...good), weight: 40 }, { arbitrary: fc.constantFrom(...bad), weight: 1 });
  const K16 = 'k'.repeat(16);
  const censor = pick(
    [
      '[X]',
      '',
      { type: 'replace', text: 'x' },
      { type: 'remove' },
      { type: 'mask' },
      { type: 'mask', keepLast: 0 },
      { type: 'mask', keepLast: 2, char: '#' },
      { type: 'hmac', key: K16 },
      { type: 'hmac', key: K16, length: 8 },
      { type: 'hmac', key: K16, length: 64 },
    ],
    [
      3,
      null,
      [],
      { type: 'replace' },
      { type: 'replace', text: 1 },
      { type: 'remove', text: 'x' },
      { type: 'mask', keepLast: -1 },
      { type: 'mask', keepLast: 2.5 },
      { type: 'mask', keepLast: '2' },
      { type: 'mask', keepLast: null },
      { type: 'mask', char: '' },
      { type: 'mask', char: 'ab' },
      { type: 'mask', char: '😀' },
      { type: 'mask', zzz: 1 },
      { type: 'hmac', key: 'k'.repeat(15) },
      { type: 'hmac', key: 5 },
      { type: 'hmac' },
      { type: 'hmac', key: K16, length: 7 },
      { type: 'hmac', key: K16, length: 65 },
      { type: 'hmac', key: K16, length: 8.5 },
      { type: 'sha' },
    ],
  );
  const list = (...good: string[]) => pick([good, [], [...good].reverse()], [[''], [1], 'x', null, [...good, 2]]);
  const count = pick([1, 64, 1e6], [0, -1, 1.5, '1', null]);
  const detectorName = pick(schema.properties.detectors!.propertyNames!.enum, ['nope', 'Email']) as fc.Arbitrary<string>;
  const setting = fc.oneof(
    pick([true, false, { enabled: true }, { enabled: false }, {}], ['yes', null, [], { enabled: 'no' }, { enabled: null }, { zzz: 1 }]),
    censor.map((c) => ({ censor: c })),
  );
  const optional = <T>(fields: { [k: string]: fc.Arbitrary<T> }, rare: Record<string, fc.Arbitrary<T>>) =>
    fc
      .tuple(
        fc.record(fields, { requiredKeys: [] }),
        fc.oneof({ arbitrary: fc.constant({}), weight: 40 }, { arbitrary: fc.record(rare, { requiredKeys: [] }), weight: 1 }),
      )
      .map(([a, b]) => ({ ...a, ...b }));
  const detector = optional<unknown>(
    {
      flags: pick(['i', 'gi', ''], ['q', 1]),
      keywords: pick([['c_'], []], [[''], 'c', [1]]),
      censor,
    },
    { zzz: fc.constant(1) },
  ).chain((d) =>
    fc
      .tuple(pick(['ok', 'a.b-c_1'], ['a b', '', 1]), pick(['c_\\d+', '\\bot_[a-z0-9]{8}\\b'], ['', 5, undefined]))
      .map(([name, pattern]) => ({ name, ...(pattern === undefined ? {} : { pattern }), ...d })),
  );
  const policyDoc = optional<unknown>(
    {
      $schema: pick(['./policy.schema.json'], [1]),
      preset: pick(['default', 'none'], ['strict', 1, null]),
      paths: list('a.b', 'users[*].ssn', '**.note', 'a["x-y"]'),
      keys: pick([['sessionKey', '*_secret'], ['x-*'], ['promo_code']], [['*'], ['--'], ['é'], [''], [1], 'k', null]),
      headers: list('x-h', 'x-api-key'),
      allow: list('ok', 'a.c'),
      censor,
      label: pick(['<{rule}>', ''], [5, null]),
      detectors: fc.oneof(
        { arbitrary: fc.dictionary(detectorName, setting, { maxKeys: 3 }), weight: 40 },
        { arbitrary: fc.constantFrom<unknown>([], 'x', null), weight: 1 },
      ),
      customDetectors: fc.oneof(
        { arbitrary: fc.array(detector, { maxLength: 2 }), weight: 40 },
        { arbitrary: fc.constantFrom<unknown>('x', null, [1]), weight: 1 },
      ),
      limits: fc.oneof(
        { arbitrary: optional<unknown>({ maxDepth: count, maxNodes: count, maxStringLength: count }, { zzz: fc.constant(1) }), weight: 40 },
        { arbitrary: fc.constantFrom<unknown>([], 'x', null), weight: 1 },
      ),
    },
    { zzz: fc.constant(1) },
  );

  it('give the same verdict on generated documents, valid and broken', () => {
    const verdicts = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(policyDoc, (doc) => {
        const bySchema = schemaProblem(doc) === null;
        expect(bySchema, `${JSON.stringify(doc)}: schema says ${JSON.stringify(schemaProblem(doc))}`).toBe(libraryAccepts(doc));
        verdicts[bySchema ? 'accepted' : 'refused']++;
      }),
      { numRuns: 3000, seed: 20261201 },
    );
    // Both kinds of document were tried in numbers.
    expect(verdicts.accepted).toBeGreaterThan(300);
    expect(verdicts.refused).toBeGreaterThan(300);
  });

  it('are applied together to a policy file: the schema names the field, the library checks what a schema cannot', () => {
    expect(() => policyFromJson({ limits: { maxDepth: '3' } })).toThrow(/limits\.maxDepth must be an integer/);
    expect(() => policyFromJson({ paths: ['a..b'] })).toThrow(/paths\[0\] is not a valid path/);
    expect(() => policyFromJson({ customDetectors: [{ name: 'p', pattern: 'a(?=b)' }] })).toThrow(/detector "p".*linear time/);
  });
});
