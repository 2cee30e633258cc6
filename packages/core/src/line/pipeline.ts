/**
 * The line pipeline: log lines in (bytes, text chunks, or lines already split), redacted lines
 * out, with the accounting for bad input. No redaction logic lives here: every line goes to the
 * compiled redactor, and what it changed and which limits it hit come from the redactor's own
 * counters. Used by the `hushlog` command and by the pino transport.
 */
import type { Redactor } from '../redactor.js';
import type { Finding } from '../walk/walker.js';
import { DEFAULT_MAX_LINE_BYTES, LineFlag } from './flags.js';
import { overLongLine, WITHHELD_JSON_LINE, WITHHELD_TEXT_LINE } from './markers.js';
import { LineSplitter, utf8Boundary } from './splitter.js';
import { countLine, emptyLineStats, type LineStats } from './stats.js';

/** Options of the line pipelines. */
export interface LinePipelineOptions {
  /** The most bytes kept of one line (default 1 MiB); the rest of a longer line is censored. */
  readonly maxLineBytes?: number;
}

/** Receives the findings of one audited line and its `LineFlag` bits (`OverLong`, `Limited`: not scanned whole). */
export type LineAuditVisitor = (findings: Finding[], flags: number) => void;

function toBuffer(chunk: Uint8Array | string): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** False for a string with a lone surrogate, which UTF-8 cannot encode (String.prototype.isWellFormed, Node 20). */
function isWellFormed(text: string): boolean {
  return (text as string & { isWellFormed(): boolean }).isWellFormed();
}

/** Splits off a `\r` before the newline, which is kept as it was. */
function withoutCr(text: string): string {
  return text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text;
}

/** What the two pipelines share: the splitter, the counts, and the reading of the redactor's limit counters. */
abstract class LineBase {
  /** Counts so far. */
  readonly stats: LineStats = emptyLineStats();
  protected readonly splitter: LineSplitter;
  protected readonly maxLineBytes: number;
  private readonly errorsAtStart: number;
  private depthHits = 0;
  private nodeHits = 0;
  private lengthHits = 0;

  constructor(
    protected readonly redactor: Redactor,
    options: LinePipelineOptions,
  ) {
    this.maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    this.splitter = new LineSplitter(this.maxLineBytes);
    this.errorsAtStart = redactor.errorCount;
  }

  /** Notes the redactor's limit counters before a line. */
  protected beforeLine(): void {
    const hits = this.redactor.limitHits;
    this.depthHits = hits.maxDepth;
    this.nodeHits = hits.maxNodes;
    this.lengthHits = hits.maxStringLength;
  }

  /** Counts the limits that fired since `beforeLine`; returns `LineFlag.Limited` if any did. */
  protected afterLine(): number {
    const hits = this.redactor.limitHits;
    const depth = hits.maxDepth !== this.depthHits;
    const nodes = hits.maxNodes !== this.nodeHits;
    const length = hits.maxStringLength !== this.lengthHits;
    if (!depth && !nodes && !length) return 0;
    const by = this.stats.limitedBy;
    if (depth) by.maxDepth++;
    if (nodes) by.maxNodes++;
    if (length) by.maxStringLength++;
    this.stats.limited++;
    return LineFlag.Limited;
  }

  /** Brings `stats.errors` up to date with the redactor's count. */
  protected syncErrors(caught: number): void {
    this.stats.errors = this.redactor.errorCount - this.errorsAtStart + caught;
  }
}

/**
 * Redacts NDJSON and text, chunk by chunk: `push(chunk)` returns the redacted text of every line
 * the chunk completes (each ending with `\n`), `end()` the last one. Memory stays bounded by the
 * chunk size and the maximum line length. Lines are never dropped or merged: one output line per
 * input line, in order. It fails closed: a line the redactor cannot handle is withheld, never
 * written raw.
 *
 * @example
 * const p = new LinePipeline(createRedactor());
 * p.push(Buffer.from('{"password":"x"}\nmail jane@example.com\n'));
 * // '{"password":"[REDACTED]"}\nmail [REDACTED:email]\n'
 */
export class LinePipeline extends LineBase {
  private out: string[] = [];
  private caught = 0;
  private readonly onLine = (text: string, flags: number, lineBytes: number): void => {
    this.out.push(this.redactOne(text, flags, lineBytes));
  };

  /**
   * @param redactor the compiled policy
   * @param options the maximum line length
   */
  constructor(redactor: Redactor, options: LinePipelineOptions = {}) {
    super(redactor, options);
  }

  /** Processes one chunk of bytes or text; returns the output for the lines it completed ('' when none). */
  push(chunk: Uint8Array | string): string {
    const buffer = toBuffer(chunk);
    this.stats.bytes += buffer.length;
    this.splitter.push(buffer, this.onLine);
    return this.flush();
  }

  /** Ends the input; returns the output for a last line without a newline (written with one). */
  end(): string {
    this.splitter.end(this.onLine);
    return this.flush();
  }

  /**
   * Redacts one line that the caller has already split off (without its newline) and returns it,
   * also without a newline. It is capped and flagged like a line of `push`: NUL bytes, lone
   * surrogates (invalid UTF-8 once written), and a line over the maximum length in UTF-8 bytes.
   */
  line(text: string): string {
    let flags = 0;
    let lineBytes = 0;
    let head = text;
    // A string of n UTF-16 units is at most 3n UTF-8 bytes: only a long one needs measuring.
    if (text.length * 3 > this.maxLineBytes) {
      const bytes = Buffer.from(text, 'utf8');
      this.stats.bytes += bytes.length + 1;
      if (bytes.length > this.maxLineBytes) {
        const cut = bytes.subarray(0, this.maxLineBytes);
        head = cut.toString('utf8', 0, utf8Boundary(cut));
        flags = LineFlag.OverLong;
        lineBytes = bytes.length;
      }
    } else this.stats.bytes += Buffer.byteLength(text, 'utf8') + 1;
    if (!isWellFormed(text)) flags |= LineFlag.InvalidUtf8;
    if (text.indexOf('\0') !== -1) flags |= LineFlag.Binary;
    const out = this.redactOne(head, flags, lineBytes);
    this.syncErrors(this.caught);
    return out;
  }

  private redactOne(text: string, flags: number, lineBytes: number): string {
    countLine(this.stats, flags, lineBytes, this.maxLineBytes);
    const body = withoutCr(text);
    const cr = body.length === text.length ? '' : '\r';
    let red: string;
    this.beforeLine();
    try {
      red = this.redactor.redactLine(body);
    } catch {
      // redactLine never throws by contract; if it ever does, the line is withheld, never written raw.
      this.caught++;
      red = body.trimStart().startsWith('{') ? WITHHELD_JSON_LINE : WITHHELD_TEXT_LINE;
    }
    this.afterLine();
    if (red !== body) this.stats.changed++;
    if (flags & LineFlag.OverLong) red = overLongLine(red, lineBytes, this.maxLineBytes);
    return cr === '' ? red : red + cr;
  }

  private flush(): string {
    const out = this.out;
    this.syncErrors(this.caught);
    if (out.length === 0) return '';
    this.out = [];
    if (out.length === 1) return out[0]! + '\n';
    // the final newline joined in too: one flat string, not a chunk-sized copy and then a concatenation
    out.push('');
    return out.join('\n');
  }
}

/**
 * Audits lines chunk by chunk, with the same splitting, caps and counts as `LinePipeline`:
 * `push(chunk, visit)` calls `visit` with the findings of every line the chunk completes, `end`
 * with the last one. Findings name the rule and the JSON path, never the value.
 */
export class LineAuditPipeline extends LineBase {
  private visit: LineAuditVisitor | null = null;
  private readonly onLine = (text: string, flags: number, lineBytes: number): void => {
    countLine(this.stats, flags, lineBytes, this.maxLineBytes);
    this.beforeLine();
    const findings = this.redactor.audit(withoutCr(text));
    const limited = this.afterLine();
    this.visit!(findings, flags | limited);
  };

  /**
   * @param redactor the compiled policy
   * @param options the maximum line length
   */
  constructor(redactor: Redactor, options: LinePipelineOptions = {}) {
    super(redactor, options);
  }

  /** Audits one chunk of bytes or text. */
  push(chunk: Uint8Array | string, visit: LineAuditVisitor): void {
    const buffer = toBuffer(chunk);
    this.stats.bytes += buffer.length;
    this.visit = visit;
    this.splitter.push(buffer, this.onLine);
    this.syncErrors(0);
  }

  /** Ends the input (its last line may lack a newline). The pipeline can then take a new input. */
  end(visit: LineAuditVisitor): void {
    this.visit = visit;
    this.splitter.end(this.onLine);
    this.syncErrors(0);
  }
}
