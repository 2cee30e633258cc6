// The default policy (keys, headers, detectors) on typical log records, against plain
// JSON.stringify: the price of redaction on top of the serialization a logger does anyway.
import { httpRecord, cleanRecord } from '../records.mjs';
import { leaks } from '../lib/verify.mjs';

export const name = 'default-policy';
export const title = 'Default policy vs JSON.stringify';
export const description =
  '`createRedactor().stringify(record)` (compiled once) vs `JSON.stringify(record)` on the same object: the default ' +
  'policy with its detectors (targets 0.45 / 0.7, from the speed issue), and the structural rules alone, i.e. the default keys, headers and ' +
  'paths with every value detector turned off (targets 0.7 / 0.8, from the foundation issue).';
export const libraries = [];

// Credentials the structural rules (keys, headers) must remove from httpRecord.
const STRUCTURAL_SECRETS = ['hunter2', 'sk_live_51HxyzABCDEF0123456789', 'eyJzdWIiOiIxMjM0NTY3ODkwIn0', 'abcdef0123456789'];
// Personal data in httpRecord.msg, which only the text detectors can find.
const TEXT_SECRETS = ['jane.doe@example.com', '4111 1111 1111 1111'];

export function register(s, { core }) {
  const detectorsOn = (core.BUILTIN_DETECTORS?.length ?? 0) > 0;
  const r = core.createRedactor();
  const httpTarget = detectorsOn ? 0.45 : 0.7;
  const cleanTarget = detectorsOn ? 0.7 : 0.8;
  const tag = detectorsOn ? '' : ' (structural only: no built-in detectors)';

  const http = httpRecord();
  const httpGroup = 'httpRecord (pino-http style request, ~520 B)';
  s.add({
    id: 'http/hushlog',
    group: httpGroup,
    lib: 'hushlog',
    fn: () => r.stringify(http),
    verify: (out) => leaks(out, detectorsOn ? [...STRUCTURAL_SECRETS, ...TEXT_SECRETS] : STRUCTURAL_SECRETS),
  });
  s.add({ id: 'http/JSON.stringify', group: httpGroup, lib: 'JSON.stringify', fn: () => JSON.stringify(http) });
  s.check({
    name: `httpRecord: hushlog / JSON.stringify${tag}`,
    hushlog: 'http/hushlog',
    anchor: 'http/JSON.stringify',
    target: httpTarget,
  });

  // The structural rules alone: default keys and headers, every value detector and in-string rule off.
  const off = Object.fromEntries([...(core.BUILTIN_DETECTORS ?? []).map((d) => d.name), 'kv', 'query'].map((n) => [n, false]));
  const structural = core.createRedactor({ detectors: off });
  s.add({
    id: 'http/hushlog-structural',
    group: httpGroup,
    lib: 'hushlog (structural only)',
    fn: () => structural.stringify(http),
    verify: (out) => leaks(out, STRUCTURAL_SECRETS),
  });
  s.check({
    name: 'httpRecord: hushlog structural rules / JSON.stringify',
    hushlog: 'http/hushlog-structural',
    anchor: 'http/JSON.stringify',
    target: 0.7,
  });

  const clean = cleanRecord();
  const cleanJson = JSON.stringify(clean);
  const cleanGroup = 'cleanRecord (nothing to redact)';
  s.add({
    id: 'clean/hushlog',
    group: cleanGroup,
    lib: 'hushlog',
    fn: () => r.stringify(clean),
    verify: (out) => (out === cleanJson ? null : `changed a clean record: ${out}`),
  });
  s.add({ id: 'clean/JSON.stringify', group: cleanGroup, lib: 'JSON.stringify', fn: () => JSON.stringify(clean) });
  s.check({
    name: `cleanRecord: hushlog / JSON.stringify${tag}`,
    hushlog: 'clean/hushlog',
    anchor: 'clean/JSON.stringify',
    target: cleanTarget,
  });

  // A policy with 100 custom detectors gated by keywords: one keyword search per string, not 100.
  const manyKeywords = core.createRedactor({
    customDetectors: Array.from({ length: 100 }, (_, i) => ({
      name: `custom-${i}`,
      keywords: [`cst${i}_`],
      pattern: new RegExp(`cst${i}_[a-z0-9]{16}`),
    })),
  });
  s.add({
    id: 'clean/hushlog-100-custom',
    group: cleanGroup,
    lib: 'hushlog + 100 keyword detectors',
    fn: () => manyKeywords.stringify(clean),
    verify: (out) => (out === cleanJson ? null : `changed a clean record: ${out}`),
  });
  s.check({
    name: 'cleanRecord: hushlog with 100 custom keyword detectors / hushlog',
    hushlog: 'clean/hushlog-100-custom',
    anchor: 'clean/hushlog',
    target: null,
  });

  s.add({
    id: 'clean/hushlog-structural',
    group: 'cleanRecord (nothing to redact)',
    lib: 'hushlog (structural only)',
    fn: () => structural.stringify(clean),
    verify: (out) => (out === cleanJson ? null : `changed a clean record: ${out}`),
  });
  s.check({
    name: 'cleanRecord: hushlog structural rules / JSON.stringify',
    hushlog: 'clean/hushlog-structural',
    anchor: 'clean/JSON.stringify',
    target: 0.8,
  });
}
