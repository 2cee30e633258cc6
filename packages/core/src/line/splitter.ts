/**
 * A line splitter on raw bytes. It never holds more than `maxLineBytes` of one line: the rest of
 * an over-long line is counted and dropped as it streams past. Each line is decoded as UTF-8 with
 * replacement characters, and lines with invalid sequences, NUL bytes, an over-long tail or no
 * final newline are flagged.
 */
import { isUtf8 } from 'node:buffer';
import { DEFAULT_MAX_LINE_BYTES, LineFlag } from './flags.js';

/**
 * Receives one line: its text without the `\n` (a `\r` before it is kept), its `LineFlag` bits,
 * and for an over-long line (whose text is then only the head, at most the cap) the full length of
 * the line in bytes (0 otherwise).
 */
export type LineHandler = (text: string, flags: number, lineBytes: number) => void;

/**
 * The length of `head` without a UTF-8 sequence that the cap cut in two, so an over-long line's
 * head never ends in a spurious replacement character.
 */
export function utf8Boundary(head: Uint8Array): number {
  const n = head.length;
  for (let i = n - 1; i >= 0 && i >= n - 4; i--) {
    const b = head[i]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: keep looking for the lead byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return n - i < need ? i : n;
  }
  return n;
}

/** The flags of a line's bytes: invalid UTF-8 and NUL. */
function byteFlags(line: Buffer): number {
  let flags = 0;
  if (!isUtf8(line)) flags |= LineFlag.InvalidUtf8;
  if (line.indexOf(0) !== -1) flags |= LineFlag.Binary;
  return flags;
}

/**
 * Splits a stream of bytes into lines. Feed chunks with `push`, then call `end` once.
 *
 * @example
 * const splitter = new LineSplitter(1 << 20);
 * splitter.push(Buffer.from('a\nb'), (text) => console.log(text)); // a
 * splitter.end((text, flags) => console.log(text, flags));          // b 8 (unterminated)
 */
export class LineSplitter {
  /** Parts of the line that is still open (started in an earlier chunk), at most `maxLineBytes` in all. */
  private pending: Buffer[] = [];
  private pendingKept = 0;
  private pendingSeen = 0;

  /** @param maxLineBytes the most bytes of one line that are kept (the rest is dropped and counted) */
  constructor(readonly maxLineBytes: number = DEFAULT_MAX_LINE_BYTES) {
    if (!Number.isInteger(maxLineBytes) || maxLineBytes < 1) throw new RangeError('maxLineBytes must be a positive integer');
  }

  /** True while a line is open: bytes were pushed after the last newline. */
  get open(): boolean {
    return this.pendingSeen > 0;
  }

  /** Splits one chunk, calling `onLine` for every line it completes, in order. */
  push(chunk: Buffer, onLine: LineHandler): void {
    let pos = 0;
    const n = chunk.length;
    if (this.pendingSeen > 0) {
      const nl = chunk.indexOf(10);
      if (nl === -1) {
        this.hold(chunk, 0, n);
        return;
      }
      this.hold(chunk, 0, nl);
      this.flushPending(onLine, 0);
      pos = nl + 1;
    }
    const last = chunk.lastIndexOf(10);
    if (last >= pos) {
      // Whole-region checks first: most chunks are valid UTF-8 without NUL bytes, so the per-line
      // checks never run for them.
      const region = pos === 0 && last === n - 1 ? chunk : chunk.subarray(pos, last + 1);
      const utf8Ok = isUtf8(region);
      const nulFree = region.indexOf(0) === -1;
      const max = this.maxLineBytes;
      while (pos <= last) {
        const nl = chunk.indexOf(10, pos);
        let flags = 0;
        if (nl - pos > max) {
          this.emitOverLong(chunk.subarray(pos, pos + max), nl - pos, 0, onLine);
        } else {
          if (!utf8Ok && !isUtf8(chunk.subarray(pos, nl))) flags |= LineFlag.InvalidUtf8;
          if (!nulFree) {
            const z = chunk.indexOf(0, pos);
            if (z !== -1 && z < nl) flags |= LineFlag.Binary;
          }
          onLine(chunk.toString('utf8', pos, nl), flags, 0);
        }
        pos = nl + 1;
      }
    }
    if (pos < n) this.hold(chunk, pos, n);
  }

  /** Ends the input: a last line without a final newline is passed on, flagged `Unterminated`. */
  end(onLine: LineHandler): void {
    if (this.pendingSeen > 0) this.flushPending(onLine, LineFlag.Unterminated);
    this.pending = [];
  }

  /** Keeps `chunk[start, end)` as part of the open line, up to the cap; counts the rest. */
  private hold(chunk: Buffer, start: number, end: number): void {
    const room = this.maxLineBytes - this.pendingKept;
    const keep = Math.min(room, end - start);
    if (keep > 0) {
      // A copy, so a small tail does not pin the whole chunk in memory.
      this.pending.push(Buffer.from(chunk.subarray(start, start + keep)));
      this.pendingKept += keep;
    }
    this.pendingSeen += end - start;
  }

  private flushPending(onLine: LineHandler, extraFlags: number): void {
    const line = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingKept);
    const seen = this.pendingSeen;
    this.pending = [];
    this.pendingKept = 0;
    this.pendingSeen = 0;
    if (seen > this.maxLineBytes) {
      this.emitOverLong(line, seen, extraFlags, onLine);
      return;
    }
    onLine(line.toString('utf8'), extraFlags | byteFlags(line), 0);
  }

  /** Passes on the head of an over-long line (whole characters only), flagged, with the line's full length. */
  private emitOverLong(head: Buffer, total: number, extraFlags: number, onLine: LineHandler): void {
    const kept = head.subarray(0, utf8Boundary(head));
    onLine(kept.toString('utf8'), extraFlags | LineFlag.OverLong | byteFlags(kept), total);
  }
}
