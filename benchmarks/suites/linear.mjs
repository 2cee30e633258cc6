// Linear time on adversarial strings: the default redactor's per-byte cost on inputs built to make
// a pattern, a validator or the key=value and query scans backtrack or rescan (the same inputs as
// the core's linear-time test). Each call redacts the same number of bytes: every input at 2 KiB,
// 16 times, or every input at 32 KiB, once. A linear scan keeps the two rates level; a quadratic
// one would make the large inputs about 16x slower per byte.
import { ADVERSARIAL_INPUTS } from '../../test/fixtures/adversarial-inputs.mjs';

export const name = 'linear';
export const title = 'Linear time on adversarial strings';
export const description =
  '`createRedactor().redactString(text)` on every adversarial input of the core linear-time test (repeated units such as ' +
  '`a@`, `1 `, `password=`, `://`, `eyJ.`, vendor token prefixes), at 2 KiB (each run 16 times) and at 32 KiB (each run ' +
  'once): the same bytes per call. The check is the large rate over the small rate; linear time keeps it near 1. It is a ' +
  'coarse guard over many inputs (one quadratic input in 66 would only pull it to about 0.8); the bound per input ' +
  '(per-byte cost at 1 MiB within 2x of that at 64 KiB) is the core linear-time test that `npm test` runs.';
export const libraries = [];

const SMALL = 2 * 1024;
const LARGE = 32 * 1024;
const REPEAT = LARGE / SMALL;

/** Which family an input belongs to, for the per-family rows of a full run. */
function family(label) {
  if (label.includes('@')) return 'email and URL userinfo';
  if (/[=?]|--|token|Cookie/.test(label)) return 'key=value and query';
  if (label.includes(':')) return 'URLs and IPv6';
  if (/BEGIN|Bearer|Basic|eyJ/.test(label)) return 'PEM, auth schemes, JWT';
  if (/^"[\d .()+-]*"/.test(label) || label.includes('DE89')) return 'numbers, cards, phones, IBAN';
  return 'vendor tokens and letter runs';
}

function addPair(s, r, id, group, inputs) {
  const small = inputs.map((i) => i.make(SMALL));
  const large = inputs.map((i) => i.make(LARGE));
  const bytes = large.reduce((n, t) => n + t.length, 0);
  s.add({
    id: `${id}/2KiB`,
    group,
    lib: `hushlog, ${inputs.length} inputs × 2 KiB × ${REPEAT}`,
    bytes,
    fn: () => {
      let n = 0;
      for (let k = 0; k < REPEAT; k++) for (const t of small) n += r.redactString(t).length;
      return n;
    },
  });
  s.add({
    id: `${id}/32KiB`,
    group,
    lib: `hushlog, ${inputs.length} inputs × 32 KiB`,
    bytes,
    fn: () => {
      let n = 0;
      for (const t of large) n += r.redactString(t).length;
      return n;
    },
  });
  s.check({ name: `linear time, ${group}: 32 KiB rate / 2 KiB rate`, hushlog: `${id}/32KiB`, anchor: `${id}/2KiB`, target: 0.5 });
}

export function register(s, { core, quick }) {
  const r = core.createRedactor();
  addPair(s, r, 'all', `all ${ADVERSARIAL_INPUTS.length} adversarial inputs`, ADVERSARIAL_INPUTS);
  if (quick) return;
  const families = new Map();
  for (const input of ADVERSARIAL_INPUTS) {
    const f = family(input.label);
    if (!families.has(f)) families.set(f, []);
    families.get(f).push(input);
  }
  let i = 0;
  for (const [f, inputs] of families) addPair(s, r, `family-${i++}`, f, inputs);
}
