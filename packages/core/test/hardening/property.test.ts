/**
 * Property-based tests: for every generated input (fc.anything, extended with cycles, getters,
 * Proxies, typed arrays, Errors with causes, Maps, Sets, header containers and objects from
 * JSON.parse with `__proto__` keys), `redact`, `stringify` and `redactString` never throw, never
 * mutate the input, keep every prototype as it was, produce valid JSON, and drop every planted
 * secret wherever the generator put it.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedactor, runWithSecrets, type Policy, type Redactor } from '../../src/index.js';
import {
  contextSecret,
  deepSnapshot,
  formatInText,
  formatSecret,
  leakedSecrets,
  materialize,
  prototypeFingerprint,
  prototypesUntouched,
  specArbitrary,
  textWithContextSecret,
  type Spec,
} from './arbitraries.js';

/** Generated cases per property; six properties below, 17,000 each: 102,000 in all. */
const RUNS = Number(process.env.HUSHLOG_PROPERTY_RUNS ?? 17_000);
const PROTOTYPES = prototypeFingerprint();

/** Runs the three entry points on one generated input and checks every promise. */
function holdsFor(r: Redactor, spec: Spec): void {
  const built = materialize(spec);
  const { value } = built;
  const before = deepSnapshot(value, built);

  const { redacted, json, text } = runWithSecrets(built.known, () => ({
    redacted: r.redact(value),
    json: r.stringify(value),
    text: r.redactString(typeof value === 'string' ? value : (value as string)),
  }));

  // never mutates the input, and never touches a prototype
  expect(deepSnapshot(value, built)).toBe(before);
  expect(prototypesUntouched()).toBe(true);

  // valid JSON
  expect(typeof json).toBe('string');
  expect(() => JSON.parse(json)).not.toThrow();
  expect(typeof text).toBe('string');

  // every planted secret is gone from every output. The copy is read without running getters:
  // redact() shares an untouched subtree with the input (copy on write), and a generated getter
  // may throw or answer differently when read again. (Proxies are never shared; see adversarial.test.ts.)
  const copy = deepSnapshot(redacted, { proxies: built.proxies, getters: new WeakMap() });
  expect(leakedSecrets([json, copy, text], built.secrets)).toEqual([]);
}

function property(policy: Policy | undefined, known: boolean) {
  const r = createRedactor(policy);
  return fc.property(specArbitrary({ known }), (spec) => holdsFor(r, spec));
}

describe('hushlog under generated input', () => {
  afterEach(() => {
    // the full comparison of every built-in prototype, after each property's cases
    expect(prototypeFingerprint()).toBe(PROTOTYPES);
  });

  it('keeps every promise with the default policy', () => {
    fc.assert(property(undefined, false), { numRuns: RUNS });
  });

  it('keeps every promise inside runWithSecrets, where request secrets are planted anywhere', () => {
    fc.assert(property(undefined, true), { numRuns: RUNS });
  });

  it('keeps every promise with paths, an allow-list and a function censor that wants the path', () => {
    const policy: Policy = {
      paths: ['a.b', '**.internalNote', 'list[*].ssn'],
      keys: ['sessionKey', /^legacy_pw\d+$/],
      allow: ['keyboardLayout', 'meta.count'],
      censor: (_value, ctx) => `<${ctx.rule}>`,
    };
    fc.assert(property(policy, true), { numRuns: RUNS });
  });

  it('keeps every promise with the remove censor and a masking detector censor', () => {
    const policy: Policy = { censor: { type: 'remove' }, detectors: { card: { censor: { type: 'mask', keepLast: 4 } } } };
    fc.assert(property(policy, false), { numRuns: RUNS });
  });

  it('keeps every promise with tight limits, where markers replace what is past them', () => {
    const policy: Policy = { limits: { maxDepth: 3, maxNodes: 12, maxStringLength: 64 } };
    fc.assert(property(policy, true), { numRuns: RUNS });
  });

  it('drops every secret from free text, whatever surrounds it', () => {
    const r = createRedactor();
    const fragment = fc.oneof(
      fc.string({ maxLength: 16 }),
      fc.string({ unit: 'grapheme', maxLength: 8 }),
      formatSecret.map((s) => ({ text: formatInText(s.text), secret: s.core })),
      fc.tuple(contextSecret, textWithContextSecret).map(([s, make]) => ({ text: make(s), secret: s })),
      contextSecret.map((s) => ({ text: s, secret: s, known: true })),
    );
    const separator = fc.constantFrom(' ', '\n', ' | ', '; ', '\t');
    fc.assert(
      fc.property(fc.array(fc.tuple(fragment, separator), { maxLength: 8 }), (parts) => {
        const secrets: string[] = [];
        const known: string[] = [];
        let line = '';
        for (const [f, sep] of parts) {
          if (typeof f === 'string') line += f + sep;
          else {
            secrets.push(f.secret);
            if ('known' in f) known.push(f.secret);
            line += sep + f.text + sep;
          }
        }
        const out = runWithSecrets(known, () => r.redactString(line));
        const asLine = runWithSecrets(known, () => r.redactLine(line));
        expect(typeof out).toBe('string');
        expect(leakedSecrets([out, asLine], secrets)).toEqual([]);
        expect(prototypesUntouched()).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});
