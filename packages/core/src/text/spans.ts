/** Collects secret spans found in one string and writes the redacted string once. */
import type { SpanSink } from './types.js';
import { truncate } from '../truncate.js';

/**
 * Spans in insertion order; insertion order is priority when two spans start and end together.
 * A list is reused from string to string (`clear` only resets the count; the arrays keep their
 * room), so collecting spans allocates only when a string holds more spans than any before it.
 * Only the first `size` entries of the arrays are spans of the current string.
 */
export class SpanList {
  /** Start offsets (inclusive). */
  readonly starts: number[] = [];
  /** End offsets (exclusive). */
  readonly ends: number[] = [];
  /** Detector names. */
  readonly names: string[] = [];
  /** Scratch for the order in which `applySpans` writes the spans. */
  readonly order: number[] = [];
  /** Scratch for the pieces `applySpans` joins. */
  readonly pieces: string[] = [];
  /** Scratch for the sort keys of many spans, and for merging them (grown, never shrunk). */
  keys = new Float64Array(0);
  merged = new Float64Array(0);
  /** The number of spans collected. */
  size = 0;

  /** Empties the list for the next string. */
  clear(): void {
    this.size = 0;
  }

  /** Adds the span `[start, end)` found by `name`. Empty spans are ignored. */
  add(start: number, end: number, name: string): void {
    if (end <= start) return;
    const i = this.size++;
    this.starts[i] = start;
    this.ends[i] = end;
    this.names[i] = name;
  }
}

/** Up to this many spans, the order is found by an insertion sort over a plain array. */
const SMALL_SORT = 16;

/**
 * The span indexes ordered by start, then by insertion order: an insertion sort over a plain
 * array, which for the few spans of a log field costs less than a typed array to sort.
 */
function smallOrder(starts: readonly number[], count: number, order: number[]): number[] {
  for (let i = 0; i < count; i++) {
    const start = starts[i] as number;
    let j = i;
    // strictly greater: an equal start keeps insertion order (priority)
    while (j > 0 && (starts[order[j - 1] as number] as number) > start) {
      order[j] = order[j - 1] as number;
      j--;
    }
    order[j] = i;
  }
  return order;
}

/**
 * The same order for many spans, as numeric sort keys: start * 2^21 + insertion index (exact in a
 * double for strings under 2^31 chars); the index is the key modulo 2^21, which its low 21 bits
 * as an int32 are (ToInt32 keeps the key modulo 2^32, a multiple of 2^21). Each detector adds its
 * spans in order, so the keys are a few sorted runs: they are merged, run by run, in the list's
 * two scratch arrays (no allocation once they have grown, and no sort of the whole).
 */
function largeOrder(spans: SpanList, count: number): Float64Array {
  if (spans.keys.length < count) {
    const room = Math.max(count, spans.keys.length * 2);
    spans.keys = new Float64Array(room);
    spans.merged = new Float64Array(room);
  }
  const { starts } = spans;
  let keys = spans.keys;
  let other = spans.merged;
  let sorted = true;
  for (let i = 0; i < count; i++) {
    keys[i] = (starts[i] as number) * 2097152 + i;
    if (i > 0 && (keys[i] as number) < (keys[i - 1] as number)) sorted = false;
  }
  // (keys are distinct: each holds its own index). Each pass halves the runs, so 2^53 spans take
  // 53 passes at most; the bound only keeps the loop finite whatever happens.
  for (let pass = 0; !sorted; pass++) {
    if (pass > 53) {
      keys.subarray(0, count).sort();
      break;
    }
    let runs = 0;
    let i = 0;
    while (i < count) {
      const a = i;
      let m = a + 1;
      while (m < count && (keys[m - 1] as number) < (keys[m] as number)) m++;
      let b = m;
      if (m < count) {
        b = m + 1;
        while (b < count && (keys[b - 1] as number) < (keys[b] as number)) b++;
      }
      mergeRuns(keys, a, m, b, other);
      runs++;
      i = b;
    }
    const t = keys;
    keys = other;
    other = t;
    sorted = runs === 1;
  }
  return keys;
}

/** Merges the sorted runs `from[a, m)` and `from[m, b)` into `to[a, b)`. */
function mergeRuns(from: Float64Array, a: number, m: number, b: number, to: Float64Array): void {
  let i = a;
  let j = m;
  let k = a;
  while (i < m && j < b) to[k++] = (from[i] as number) < (from[j] as number) ? (from[i++] as number) : (from[j++] as number);
  while (i < m) to[k++] = from[i++] as number;
  while (j < b) to[k++] = from[j++] as number;
}

/** The index of the k-th span to write, from whichever order was built. */
function orderAt(small: readonly number[] | null, keys: Float64Array | null, k: number): number {
  // (the low 21 bits, read with an integer mask: `% 2097152` on a double is a floating-point remainder)
  return small !== null ? (small[k] as number) : ((keys as Float64Array)[k] as number) & 0x1fffff;
}

/**
 * Replaces every span of `text` by the sink's result. Spans are ordered by start, then by insertion
 * order (priority); a span that overlaps the one being written extends it (their union is hidden
 * under the first span's name), so no part of a secret found by any detector leaks.
 */
export function applySpans(text: string, spans: SpanList, sink: SpanSink): string {
  const { starts, ends, names } = spans;
  const count = spans.size;
  if (count === 0) return text;
  // The pieces are joined once (a flat string): a later search or escape check of the result then
  // reads it as it is, without first joining a chain of concatenations.
  const pieces = spans.pieces;
  truncate(pieces, 0);
  if (count === 1) {
    const start = starts[0] as number;
    const end = ends[0] as number;
    pieces.push(text.slice(0, start), sink(text.slice(start, end), names[0] as string), text.slice(end));
    return pieces.join('');
  }
  const small = count <= SMALL_SORT ? smallOrder(starts, count, spans.order) : null;
  const keys = small === null ? largeOrder(spans, count) : null;
  let written = 0;
  let k = 0;
  while (k < count) {
    const first = orderAt(small, keys, k);
    const start = starts[first] as number;
    let end = ends[first] as number;
    k++;
    while (k < count && (starts[orderAt(small, keys, k)] as number) < end) {
      end = Math.max(end, ends[orderAt(small, keys, k)] as number);
      k++;
    }
    pieces.push(text.slice(written, start), sink(text.slice(start, end), names[first] as string));
    written = end;
  }
  pieces.push(text.slice(written));
  return pieces.join('');
}
