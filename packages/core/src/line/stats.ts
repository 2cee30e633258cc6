/** Counts for one run of the line pipeline. */
import type { LimitHits } from '../walk/walker.js';
import { LineFlag } from './flags.js';

/** Counts for one run. Every input line is counted in `lines`; the others count bad input and what changed. */
export interface LineStats {
  /** Input lines read (each one gave one output line). */
  lines: number;
  /** Input bytes read. */
  bytes: number;
  /** Lines with invalid UTF-8, decoded with U+FFFD replacement characters. */
  invalidUtf8: number;
  /** Lines holding NUL bytes (binary data), processed as text. */
  binary: number;
  /** Lines over the maximum length: the head was processed, the rest censored. */
  overLong: number;
  /** Bytes of over-long lines past the maximum length: never read into memory, censored. */
  droppedBytes: number;
  /** Last lines without a final newline (a truncated file). */
  unterminated: number;
  /** Lines where a limit of the policy (depth, nodes, string length) replaced part of the value by its marker. */
  limited: number;
  /** Lines per limit that fired on them (a line may count under several). */
  limitedBy: LimitHits;
  /** Lines that came out different from how they went in (redacted, or JSON re-serialised). */
  changed: number;
  /** Internal failures; each one censored the value it hit, or withheld the line. */
  errors: number;
}

/** A fresh, zeroed `LineStats`. */
export function emptyLineStats(): LineStats {
  return {
    lines: 0,
    bytes: 0,
    invalidUtf8: 0,
    binary: 0,
    overLong: 0,
    droppedBytes: 0,
    unterminated: 0,
    limited: 0,
    limitedBy: { maxDepth: 0, maxNodes: 0, maxStringLength: 0 },
    changed: 0,
    errors: 0,
  };
}

/** Adds `from` into `into` (for runs split over several pipelines, such as worker threads). */
export function addLineStats(into: LineStats, from: Readonly<LineStats>): void {
  into.lines += from.lines;
  into.bytes += from.bytes;
  into.invalidUtf8 += from.invalidUtf8;
  into.binary += from.binary;
  into.overLong += from.overLong;
  into.droppedBytes += from.droppedBytes;
  into.unterminated += from.unterminated;
  into.limited += from.limited;
  into.limitedBy.maxDepth += from.limitedBy.maxDepth;
  into.limitedBy.maxNodes += from.limitedBy.maxNodes;
  into.limitedBy.maxStringLength += from.limitedBy.maxStringLength;
  into.changed += from.changed;
  into.errors += from.errors;
}

/** Counts one line's input flags. */
export function countLine(stats: LineStats, flags: number, lineBytes: number, maxLineBytes: number): void {
  stats.lines++;
  if (flags === 0) return;
  if (flags & LineFlag.InvalidUtf8) stats.invalidUtf8++;
  if (flags & LineFlag.Binary) stats.binary++;
  if (flags & LineFlag.OverLong) {
    stats.overLong++;
    stats.droppedBytes += lineBytes - maxLineBytes;
  }
  if (flags & LineFlag.Unterminated) stats.unterminated++;
}
