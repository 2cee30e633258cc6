/**
 * Linear time on adversarial input: for every built-in detector (pattern, validator, prefilter
 * bypassed) and for the whole default scanner, the per-byte cost at 1 MiB must stay within 2x of
 * the per-byte cost at 64 KiB. Quadratic behaviour would show up as a 16x jump.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { BUILTIN_DETECTORS } from '../../src/detect/index.js';
import { compileTextScanner } from '../../src/text/scanner.js';
import type { DetectorDefinition, ScanSession, TextScanner } from '../../src/text/types.js';
import { ADVERSARIAL_INPUTS as INPUTS } from '../../../../test/fixtures/adversarial-inputs.mjs';
import { defaultScanner } from './helpers.js';

const SMALL = 64 * 1024;
const LARGE = 1024 * 1024;

const sink = () => '*';

/**
 * The best of `runs` timings, in ms of this process's CPU time: other processes on a busy machine
 * (parallel test files, CI) then cannot make a linear scan look super-linear.
 */
function best(scanner: ScanSession, text: string, runs: number): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = process.cpuUsage();
    scanner.redact(text, sink);
    const used = process.cpuUsage(start);
    min = Math.min(min, (used.user + used.system) / 1000);
  }
  return min;
}

interface Row {
  subject: string;
  input: string;
  smallMs: number;
  largeMs: number;
  ratio: number;
}
const rows: Row[] = [];

/** Measures one scanner on every input; returns the failures. */
function measure(subject: string, scanner: ScanSession): string[] {
  const failures: string[] = [];
  for (const input of INPUTS) {
    const small = input.make(SMALL);
    const large = input.make(LARGE);
    best(scanner, small, 3); // warm up
    let smallMs = best(scanner, small, 5);
    let largeMs = best(scanner, large, 2);
    // per-byte cost ratio; 1 ms of slack absorbs timer noise on tiny timings
    const ok = () => largeMs <= 2 * (LARGE / SMALL) * smallMs + 1;
    for (let retry = 0; retry < 2 && !ok(); retry++) {
      smallMs = Math.min(smallMs, best(scanner, small, 5));
      largeMs = Math.min(largeMs, best(scanner, large, 3));
    }
    const ratio = largeMs / LARGE / (Math.max(smallMs, 1e-3) / SMALL);
    rows.push({ subject, input: input.label, smallMs, largeMs, ratio });
    if (!ok()) failures.push(`${subject} on ${input.label}: ${smallMs.toFixed(2)} ms @64KiB, ${largeMs.toFixed(2)} ms @1MiB`);
  }
  return failures;
}

/** The detector alone, with its prefilter bypassed so the pattern and validator always run. */
function bare(detector: DetectorDefinition): ScanSession {
  const copy: DetectorDefinition = {
    name: detector.name,
    pattern: detector.pattern,
    validate: detector.validate,
    group: detector.group,
    prefilter: () => true,
  };
  return (compileTextScanner({ detectors: [copy], isSensitiveKey: null, isSensitiveQueryKey: null }) as TextScanner).session();
}

describe('linear time on adversarial input', () => {
  for (const detector of BUILTIN_DETECTORS) {
    it(`${detector.name} stays linear`, { timeout: 30_000 }, () => {
      expect(measure(detector.name, bare(detector))).toEqual([]);
    });
  }

  it('the whole default scanner (with key=value and query scanning) stays linear', { timeout: 60_000 }, () => {
    expect(measure('scanner', defaultScanner)).toEqual([]);
  });

  afterAll(() => {
    // ratios of sub-millisecond timings are timer noise; rank the ones that took real time
    const worst = rows
      .filter((r) => r.largeMs >= 5)
      .sort((a, b) => b.ratio - a.ratio)
      .slice(0, 8);
    const slowest = [...rows].sort((a, b) => b.largeMs - a.largeMs).slice(0, 5);
    const fmt = (r: Row) =>
      `${r.subject} ${r.input}: ${r.smallMs.toFixed(2)} ms/64KiB, ${r.largeMs.toFixed(2)} ms/1MiB, per-byte ratio ${r.ratio.toFixed(2)}`;
    console.log(
      `linear-time: ${rows.length} cases\n worst ratios:\n  ${worst.map(fmt).join('\n  ')}\n slowest at 1 MiB:\n  ${slowest.map(fmt).join('\n  ')}`,
    );
  });
});
