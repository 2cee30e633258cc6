import type { SecretSpans } from '../text/types.js';
import { truncate } from '../truncate.js';

/** The rule left on an echo that a detector turned out to find whole: it is no longer scrubbed as an exact secret. */
const DETECTED = '';

/**
 * The mutable list behind `SecretSpans`: a walk's known secrets first, then its echoes.
 *
 * An echo that a detector finds whole (a JWT, a vendor token) needs no echo: the detector finds it
 * wherever it appears, under its own label. Deciding that takes a scan of the value (a JWT costs
 * microseconds), and most echoes never appear again in their record, so an echo is added unprobed
 * and probed at its first hit (`admits`). Probed and found whole, it stays in the list as a
 * tombstone (indices stay stable for the walk's bookkeeping) that nothing scrubs. Before the echo
 * cap refuses a value, and before a second pass takes the echoes, the unprobed ones are settled, so
 * the cap and the second pass see exactly the echoes an eager probe would have kept. Echoes carried
 * to a later part of the record leave unprobed: that part probes them at their first hit.
 */
export class SecretList implements SecretSpans {
  readonly values: string[] = [];
  readonly rules: string[] = [];
  shortest = Number.MAX_SAFE_INTEGER;
  /** Per value: true while it is not known whether a detector finds it whole. */
  private readonly unprobed: boolean[] = [];
  private unprobedCount = 0;
  /** Values probed and found whole (tombstones). */
  private detectedCount = 0;
  /** True once the list was settled in this walk: echoes added after that are probed as they come. */
  private settledOnce = false;

  /** @param detectedWhole true when one detector's span covers all of the value */
  constructor(private readonly detectedWhole: (value: string) => boolean) {}

  clear(): void {
    this.settledOnce = false;
    if (this.values.length === 0) return;
    truncate(this.values, 0);
    truncate(this.rules, 0);
    truncate(this.unprobed, 0);
    this.unprobedCount = 0;
    this.detectedCount = 0;
    this.shortest = Number.MAX_SAFE_INTEGER;
  }

  /** Adds a value to scrub under `rule`. */
  add(value: string, rule: string): void {
    this.values.push(value);
    this.rules.push(rule);
    this.unprobed.push(false);
    if (value.length < this.shortest) this.shortest = value.length;
  }

  /**
   * Adds an echo, probed at its first hit; or, after the list was settled once in this walk (the
   * echo cap was reached), probed now and left out when a detector finds it whole.
   */
  addEcho(value: string, rule: string): void {
    if (this.settledOnce) {
      if (!this.detectedWhole(value)) this.add(value, rule);
      return;
    }
    this.add(value, rule);
    this.unprobed[this.unprobed.length - 1] = true;
    this.unprobedCount++;
  }

  /** True when the value at `i` is scrubbed (false for a tombstone); probes it first if it is unprobed. */
  admits(i: number): boolean {
    if (this.unprobed[i] === true) this.probe(i);
    return this.rules[i] !== DETECTED;
  }

  /** True when `text` holds one of the values that are scrubbed (a value found in it is probed first, if it is unprobed). */
  heldIn(text: string): boolean {
    const values = this.values;
    if (values.length === 0 || text.length < this.shortest) return false;
    for (let i = 0; i < values.length; i++) {
      const value = values[i] as string;
      if (value.length <= text.length && text.includes(value) && this.admits(i)) return true;
    }
    return false;
  }

  /**
   * The values from `from` on that are still scrubbed, into `out`. With `settle`, every unprobed
   * one is probed first; without, unprobed ones are passed on as they are (a later walk that is
   * given them probes them at their first hit there, as this one would have).
   */
  liveFrom(from: number, settle: boolean, out: string[] = []): string[] {
    if (settle) this.settle();
    for (let i = from; i < this.values.length; i++) if (this.rules[i] !== DETECTED) out.push(this.values[i] as string);
    return out;
  }

  /** How many values from `from` on count as scrubbed (unprobed ones included). */
  countFrom(from: number): number {
    return this.values.length - from - this.detectedCount;
  }

  /** Probes every unprobed value; from then on, echoes are probed as they are added. */
  settle(): void {
    this.settledOnce = true;
    if (this.unprobedCount === 0) return;
    for (let i = 0; i < this.unprobed.length; i++) if (this.unprobed[i] === true) this.probe(i);
  }

  /** Forgets the values from `count` on (a partial walk that was undone). */
  shorten(count: number): void {
    if (this.values.length <= count) return;
    for (let i = count; i < this.values.length; i++) {
      if (this.unprobed[i] === true) this.unprobedCount--;
      else if (this.rules[i] === DETECTED) this.detectedCount--;
    }
    truncate(this.values, count);
    truncate(this.rules, count);
    truncate(this.unprobed, count);
    let shortest = Number.MAX_SAFE_INTEGER;
    for (const v of this.values) if (v.length < shortest) shortest = v.length;
    this.shortest = shortest;
  }

  private probe(i: number): void {
    this.unprobed[i] = false;
    this.unprobedCount--;
    if (this.detectedWhole(this.values[i] as string)) {
      this.rules[i] = DETECTED;
      this.detectedCount++;
    }
  }
}
