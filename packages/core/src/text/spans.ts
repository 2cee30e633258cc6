/** Collects secret spans found in one string and writes the redacted string once. */
import type { SpanSink } from './types.js';

/** Spans in insertion order; insertion order is priority when two spans start and end together. */
export class SpanList {
  /** Start offsets (inclusive). */
  readonly starts: number[] = [];
  /** End offsets (exclusive). */
  readonly ends: number[] = [];
  /** Detector names. */
  readonly names: string[] = [];

  /** Adds the span `[start, end)` found by `name`. Empty spans are ignored. */
  add(start: number, end: number, name: string): void {
    if (end <= start) return;
    this.starts.push(start);
    this.ends.push(end);
    this.names.push(name);
  }

  /** The number of spans collected. */
  get size(): number {
    return this.starts.length;
  }
}

/**
 * Replaces every span of `text` by the sink's result. Spans are ordered by start, then by insertion
 * order (priority); a span that overlaps the one being written extends it (their union is hidden
 * under the first span's name), so no part of a secret found by any detector leaks.
 */
export function applySpans(text: string, spans: SpanList, sink: SpanSink): string {
  const { starts, ends, names } = spans;
  const count = starts.length;
  if (count === 0) return text;
  // sort keys: start * 2^21 + insertion index, exact in a double for strings under 2^31 chars
  const order = new Float64Array(count);
  let sorted = true;
  for (let i = 0; i < count; i++) {
    order[i] = (starts[i] as number) * 2097152 + i;
    if (i > 0 && (order[i] as number) < (order[i - 1] as number)) sorted = false;
  }
  if (!sorted) order.sort();
  let out = '';
  let written = 0;
  let k = 0;
  while (k < count) {
    const first = (order[k] as number) % 2097152;
    const start = starts[first] as number;
    let end = ends[first] as number;
    k++;
    while (k < count && (starts[(order[k] as number) % 2097152] as number) < end) {
      end = Math.max(end, ends[(order[k] as number) % 2097152] as number);
      k++;
    }
    out += text.slice(written, start) + sink(text.slice(start, end), names[first] as string);
    written = end;
  }
  return out + text.slice(written);
}
