// Paths only: hushlog as a pure path redactor (preset 'none') against fast-redact and
// @pinojs/redact, on the shapes from their own benchmarks. All three return JSON text.
import { createRequire } from 'node:module';
import { fastRedactObject, fastRedactPaths, smallObject, smallPaths, largeObject, largePaths } from '../records.mjs';
import { sameJson } from '../lib/verify.mjs';

const require = createRequire(import.meta.url);

export const name = 'paths';
export const title = 'Paths only (preset: none) vs fast-redact and @pinojs/redact';
export const description =
  "hushlog `createRedactor({ preset: 'none', paths }).stringify(obj)` vs fast-redact `fastRedact({ paths })(obj)` " +
  '(default `serialize: JSON.stringify`; mutates then restores, so one object is reused) vs @pinojs/redact ' +
  '`slowRedact({ paths })(obj)` (selective clone, default serializer JSON.stringify). Each returns the JSON text.';
export const libraries = ['fast-redact', '@pinojs/redact'];

const shapes = [
  { key: 'static', label: 'fast-redact object, static `a.b.c`', make: fastRedactObject, paths: fastRedactPaths.static },
  {
    key: 'wildcard-end',
    label: 'fast-redact object, wildcard end `a.d.*`',
    make: fastRedactObject,
    paths: fastRedactPaths.wildcardEnd,
  },
  {
    key: 'intermediate-wildcard',
    label: 'fast-redact object, intermediate wildcard `a.*.c`',
    make: fastRedactObject,
    paths: fastRedactPaths.intermediateWildcard,
  },
  { key: 'small', label: '@pinojs/redact small object (2 paths)', make: smallObject, paths: smallPaths },
  { key: 'large', label: '@pinojs/redact large object (100 users, 2 wildcard paths)', make: largeObject, paths: largePaths },
];

export function register(s, { core }) {
  const fastRedact = require('fast-redact');
  const pinoRedact = require('@pinojs/redact');

  for (const shape of shapes) {
    const group = shape.label;
    // The reference answer: fast-redact on a fresh object.
    const expected = fastRedact({ paths: [...shape.paths] })(shape.make());
    const verify = (out) => (expected === JSON.stringify(shape.make()) ? 'reference redacted nothing' : sameJson(out, expected));

    const hush = core.createRedactor({ preset: 'none', paths: [...shape.paths] });
    const hushObj = shape.make();
    s.add({ id: `${shape.key}/hushlog`, group, lib: 'hushlog', fn: () => hush.stringify(hushObj), verify });

    const fr = fastRedact({ paths: [...shape.paths] });
    const frObj = shape.make();
    s.add({ id: `${shape.key}/fast-redact`, group, lib: 'fast-redact', fn: () => fr(frObj), verify });

    const pr = pinoRedact({ paths: [...shape.paths] });
    const prObj = shape.make();
    s.add({ id: `${shape.key}/pinojs-redact`, group, lib: '@pinojs/redact', fn: () => pr(prObj), verify });

    s.check({
      name: `${shape.key}: hushlog / fast-redact`,
      hushlog: `${shape.key}/hushlog`,
      anchor: `${shape.key}/fast-redact`,
      target: 1.0,
    });
    s.check({
      name: `${shape.key}: hushlog / @pinojs/redact`,
      hushlog: `${shape.key}/hushlog`,
      anchor: `${shape.key}/pinojs-redact`,
      target: null, // informational
    });
  }
}
