/**
 * applySpans: the spans of one string are written in order of start, then of insertion (a
 * detector's priority), and overlapping spans are hidden together under the first one's name.
 * Many spans are ordered by merging the sorted runs the detectors add; few by an insertion sort.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpanList, applySpans } from '../src/text/spans.js';

/** What applySpans must write, computed the plain way: a stable sort, then a sweep. */
function reference(text: string, spans: readonly (readonly [number, number, string])[]): string {
  const order = spans
    .map(([start, end, name], i) => ({ start, end, name, i }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || a.i - b.i);
  let out = '';
  let written = 0;
  let k = 0;
  while (k < order.length) {
    const first = order[k]!;
    let end = first.end;
    k++;
    while (k < order.length && order[k]!.start < end) end = Math.max(end, order[k++]!.end);
    out += text.slice(written, first.start) + `<${first.name}:${text.slice(first.start, end)}>`;
    written = end;
  }
  return out + text.slice(written);
}

const sink = (secret: string, name: string) => `<${name}:${secret}>`;

function write(list: SpanList, text: string, spans: readonly (readonly [number, number, string])[]): string {
  list.clear();
  for (const [start, end, name] of spans) list.add(start, end, name);
  return applySpans(text, list, sink);
}

describe('applySpans', () => {
  const text = 'abcdefghijklmnopqrstuvwxyz'.repeat(8);
  const span = fc
    .tuple(fc.nat({ max: text.length - 1 }), fc.nat({ max: 12 }), fc.constantFrom('email', 'card', 'jwt'))
    .map(([start, length, name]) => [start, Math.min(text.length, start + length), name] as const);

  it('writes any spans, few or many, in the order of their start, then of their insertion', () => {
    const list = new SpanList();
    fc.assert(
      fc.property(fc.array(span, { maxLength: 80 }), (spans) => {
        expect(write(list, text, spans)).toBe(reference(text, spans));
      }),
      { numRuns: 3000 },
    );
  });

  it('writes spans that detectors added in several sorted runs, as a merge of them', () => {
    const list = new SpanList();
    // three detectors, each adding its spans in order: the shape of a dense log message
    const runs = [0, 1, 2].flatMap((d) => Array.from({ length: 20 }, (_, i) => [i * 10 + d * 3, i * 10 + d * 3 + 2, `d${d}`] as const));
    expect(write(list, text, runs)).toBe(reference(text, runs));
    // the same list again, after a string with fewer spans: nothing of the earlier one is left
    expect(write(list, text, runs.slice(0, 30))).toBe(reference(text, runs.slice(0, 30)));
  });
});
