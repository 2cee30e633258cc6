// Output checks run once before timing, so a benchmark never times a no-op or a wrong answer.
import { isDeepStrictEqual } from 'node:util';

/** null when none of `secrets` occurs in `out` (a string), else a message naming the leaks. */
export function leaks(out, secrets) {
  if (typeof out !== 'string') return `expected a string, got ${typeof out}`;
  const found = secrets.filter((s) => out.includes(s));
  return found.length ? `left in the output: ${found.map((s) => JSON.stringify(s)).join(', ')}` : null;
}

/** null when the JSON text `out` parses to the same value as the JSON text `expected`. */
export function sameJson(out, expected) {
  if (typeof out !== 'string') return `expected a JSON string, got ${typeof out}`;
  let a;
  try {
    a = JSON.parse(out);
  } catch {
    return 'output is not valid JSON';
  }
  return isDeepStrictEqual(a, JSON.parse(expected)) ? null : `output differs from the reference: ${out.slice(0, 160)}`;
}
