// The default policy (keys, headers, detectors) on typical log records, against plain
// JSON.stringify: the price of redaction on top of the serialization a logger does anyway.
import { httpRecord, cleanRecord } from '../records.mjs';
import { leaks } from '../lib/verify.mjs';

export const name = 'default-policy';
export const title = 'Default policy vs JSON.stringify';
export const description =
  '`createRedactor().stringify(record)` (compiled once) vs `JSON.stringify(record)` on the same object. ' +
  'Targets apply with the built-in detectors on; while no detectors are built in, the structural-only ' +
  'targets (0.7 / 0.8) apply instead.';
export const libraries = [];

// Credentials the structural rules (keys, headers) must remove from httpRecord.
const STRUCTURAL_SECRETS = ['hunter2', 'sk_live_51HxyzABCDEF0123456789', 'eyJzdWIiOiIxMjM0NTY3ODkwIn0', 'abcdef0123456789'];
// Personal data in httpRecord.msg, which only the text detectors can find.
const TEXT_SECRETS = ['jane.doe@example.com', '4111 1111 1111 1111'];

export function register(s, { core }) {
  const detectorsOn = (core.BUILTIN_DETECTORS?.length ?? 0) > 0;
  const r = core.createRedactor();
  const httpTarget = detectorsOn ? 0.6 : 0.7;
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
}
