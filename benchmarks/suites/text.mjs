// Free text: hushlog's detectors on a log message against redact-pii's regex redactor.
import { createRequire } from 'node:module';
import { cleanText, denseText } from '../records.mjs';
import { leaks } from '../lib/verify.mjs';

const require = createRequire(import.meta.url);

export const name = 'text';
export const title = 'Free text vs redact-pii';
export const description =
  '`createRedactor().redactString(text)` vs redact-pii `new SyncRedactor().redact(text)` (both built once), on ' +
  '8.9 KB of clean text and 8.4 KB dense with e-mail addresses and card numbers.';
export const libraries = ['redact-pii'];

const PII = ['jane.doe@example.com', '4111 1111 1111 1111'];

export function register(s, { core }) {
  const r = core.createRedactor();
  let SyncRedactor = null;
  let missing = null;
  try {
    ({ SyncRedactor } = require('redact-pii'));
  } catch (err) {
    missing = `redact-pii not installed (${err.code ?? err.message})`;
  }
  const rp = SyncRedactor ? new SyncRedactor() : null;

  const noop = (out, text) => (out === text ? 'redactString returned its input unchanged (no detectors built in yet?)' : null);

  const cleanGroup = `cleanText (${(cleanText.length / 1024).toFixed(1)} KiB, no PII)`;
  s.add({
    id: 'clean/hushlog',
    group: cleanGroup,
    lib: 'hushlog',
    bytes: Buffer.byteLength(cleanText),
    fn: () => r.redactString(cleanText),
    // Nothing to find here, so an unchanged output is right, but only if the scanner is live at all:
    // a no-op would make this case look infinitely fast.
    verify: (out) => noop(r.redactString(denseText), denseText) ?? (out === cleanText ? null : `changed clean text: ${out.slice(0, 120)}`),
  });
  s.add({
    id: 'clean/redact-pii',
    group: cleanGroup,
    lib: 'redact-pii',
    bytes: Buffer.byteLength(cleanText),
    skip: missing,
    fn: () => rp.redact(cleanText),
  });
  // Issue 14's target: no lower than when the detection work (key=value in every syntax, the generic
  // secret, the newer formats) landed: 28.9x clean, 17.2x dense (63x / 27x before those rules).
  s.check({ name: 'cleanText: hushlog / redact-pii', hushlog: 'clean/hushlog', anchor: 'clean/redact-pii', target: 28.9 });

  const denseGroup = `denseText (${(denseText.length / 1024).toFixed(1)} KiB, 100 PII items)`;
  s.add({
    id: 'dense/hushlog',
    group: denseGroup,
    lib: 'hushlog',
    bytes: Buffer.byteLength(denseText),
    fn: () => r.redactString(denseText),
    verify: (out) => noop(out, denseText) ?? leaks(out, PII),
  });
  s.add({
    id: 'dense/redact-pii',
    group: denseGroup,
    lib: 'redact-pii',
    bytes: Buffer.byteLength(denseText),
    skip: missing,
    fn: () => rp.redact(denseText),
    verify: (out) => leaks(out, ['jane.doe@example.com']),
  });
  s.check({ name: 'denseText: hushlog / redact-pii', hushlog: 'dense/hushlog', anchor: 'dense/redact-pii', target: 17.2 });
}
