/**
 * The line pipeline: Buffers in, redacted text (or audit findings) out. No redaction logic lives
 * here; every line goes to the core redactor. What this adds is the accounting for bad input.
 */
import { createRedactor, DEFAULT_LIMITS, type Finding, type Policy, type Redactor } from '@hushlog/core';
import { DEFAULT_MAX_LINE_BYTES, LineFlag, LineSplitter } from './lines.js';

/** Counts for one run. Every input line is counted in `lines`; the others count bad input. */
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
  /** JSON lines where a core limit (depth, nodes, string length) replaced part of the value by a marker. */
  limited: number;
  /** Lines that came out different from how they went in (redacted, or JSON re-serialised). */
  changed: number;
  /** Internal failures in the core; each one censored the value it hit. */
  errors: number;
}

/** A fresh, zeroed `LineStats`. */
export function emptyStats(): LineStats {
  return {
    lines: 0,
    bytes: 0,
    invalidUtf8: 0,
    binary: 0,
    overLong: 0,
    droppedBytes: 0,
    unterminated: 0,
    limited: 0,
    changed: 0,
    errors: 0,
  };
}

/** Options shared by the redacting and auditing pipelines. */
export interface ProcessOptions {
  /** The policy (default: the library's default policy). With `redactor`, only its `limits` are read. */
  readonly policy?: Policy;
  /** A redactor compiled from `policy`, to share one between runs (pass the policy too when it sets limits). */
  readonly redactor?: Redactor;
  /** The most bytes kept of one line (default 1 MiB); the rest of a longer line is censored. */
  readonly maxLineBytes?: number;
}

/** The marker that ends the kept head of an over-long line. */
export function overLongMarker(lineBytes: number): string {
  return `[LineTooLong: rest of a ${lineBytes}-byte line censored]`;
}

/** Characters after which the head of an over-long line may be cut: whitespace and token-ending punctuation. */
const CUT_AFTER = new Set(' \t\r\f\v,;"\'&{}[]()<>|');

/**
 * Cuts the redacted head of an over-long line: drops its last `margin` characters, then goes back
 * to a delimiter. Every secret wholly inside the head has already been replaced, so the cut can
 * only remove text; and a secret that the line cap cut in two (so no detector saw it whole) sits
 * in the dropped tail, unless its visible part is longer than `margin`.
 */
export function cutTail(redactedHead: string, margin: number): string {
  for (let i = redactedHead.length - margin - 1; i >= 0; i--) if (CUT_AFTER.has(redactedHead[i]!)) return redactedHead.slice(0, i + 1);
  return '';
}

/** The tail dropped from an over-long line's redacted head: 1 KiB, or a quarter of a small cap. */
function cutMargin(maxLineBytes: number): number {
  return Math.min(1024, Math.floor(maxLineBytes / 4));
}

/** Markers the core writes when a limit stops it; a line that gains one is counted as `limited`. */
const LIMIT_MARKERS = ['[MaxDepth]', '[MaxNodes]', '"[truncated]"', '[TooLong: '];

function hasLimitMarker(text: string): boolean {
  for (const m of LIMIT_MARKERS) if (text.includes(m)) return true;
  return false;
}

function countStats(stats: LineStats, flags: number, lineBytes: number, maxLineBytes: number): void {
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

/**
 * Redacts NDJSON and text, chunk by chunk: `push(buffer)` returns the redacted text of every line
 * that the chunk completes (each ending with `\n`), `end()` the last one. Memory stays bounded by
 * the chunk size and the maximum line length.
 *
 * @example
 * const p = new RedactingProcessor();
 * p.push(Buffer.from('{"password":"x"}\nmail jane@example.com\n'));
 * // '{"password":"[REDACTED]"}\nmail [REDACTED:email]\n'
 */
export class RedactingProcessor {
  /** Counts so far. */
  readonly stats: LineStats = emptyStats();
  private readonly redactor: Redactor;
  private readonly splitter: LineSplitter;
  private readonly errorsAtStart: number;
  /** Lines longer than this may reach the node or string-length limit (shorter ones only the depth limit). */
  private readonly longLimit: number;
  private longest = 0;
  private out: string[] = [];
  private inputs: string[] = [];
  private readonly onLine = (text: string, flags: number, lineBytes: number): void => {
    countStats(this.stats, flags, lineBytes, this.splitter.maxLineBytes);
    let body = text;
    let cr = '';
    if (text.charCodeAt(text.length - 1) === 13) {
      body = text.slice(0, -1);
      cr = '\r';
    }
    let red = this.redactor.redactLine(body);
    if (red !== body) this.stats.changed++;
    if (flags & LineFlag.OverLong) {
      red = cutTail(red, cutMargin(this.splitter.maxLineBytes));
      red += (red === '' || /\s$/.test(red) ? '' : ' ') + overLongMarker(lineBytes);
      this.out.push(red + cr);
      this.inputs.push(''); // never checked for limit markers: the marker above is ours
      return;
    }
    this.out.push(cr === '' ? red : red + cr);
    this.inputs.push(body);
    if (body.length > this.longest) this.longest = body.length;
  };

  /** @param options the policy or redactor, and the maximum line length */
  constructor(options: ProcessOptions = {}) {
    this.redactor = options.redactor ?? createRedactor(options.policy);
    this.splitter = new LineSplitter(options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
    this.errorsAtStart = this.redactor.errorCount;
    const limits = options.policy?.limits ?? {};
    this.longLimit = Math.min(limits.maxNodes ?? DEFAULT_LIMITS.maxNodes, limits.maxStringLength ?? DEFAULT_LIMITS.maxStringLength);
  }

  /** Processes one chunk; returns the output for the lines it completed ('' when none). */
  push(chunk: Buffer): string {
    this.stats.bytes += chunk.length;
    this.splitter.push(chunk, this.onLine);
    return this.flush();
  }

  /** Ends the input; returns the output for a last line without a newline (written with one). */
  end(): string {
    this.splitter.end(this.onLine);
    return this.flush();
  }

  private flush(): string {
    const out = this.out;
    if (out.length === 0) return '';
    const text = out.length === 1 ? out[0]! + '\n' : out.join('\n') + '\n';
    // One search over the whole chunk's output in the common case: only the depth limit can be
    // reached by a short line, and it writes `[MaxDepth]`.
    if (text.includes('[MaxDepth]') || (this.longest > this.longLimit && hasLimitMarker(text))) this.countLimited(out);
    this.longest = 0;
    this.stats.errors = this.redactor.errorCount - this.errorsAtStart;
    this.out = [];
    this.inputs = [];
    return text;
  }

  private countLimited(out: string[]): void {
    for (let i = 0; i < out.length; i++) {
      const input = this.inputs[i]!;
      if (input !== '' && hasLimitMarker(out[i]!) && !hasLimitMarker(input)) this.stats.limited++;
    }
  }
}

// ---- audit --------------------------------------------------------------------------------------

/** Where a rule fired. The value itself is never kept. */
export interface AuditLocation {
  /** The input file (`<stdin>` for stdin). */
  readonly file: string;
  /** The 1-based line number in that file. */
  readonly line: number;
  /** The JSON path of the value (`''` for a text line), itself redacted in case a key holds personal data. */
  readonly path: string;
}

/** The findings of one rule. */
export interface RuleReport {
  /** The rule, such as `key:password`, `header:cookie`, `detector:email` or `path:a.b`. */
  readonly rule: string;
  /** How many times it fired. */
  count: number;
  /** Findings per JSON path (`''` for text lines), for up to 100 distinct paths, most frequent first. */
  readonly paths: { path: string; count: number }[];
  /** Where it fired, up to the location limit, in input order. */
  readonly locations: AuditLocation[];
  /** Locations left out once the limit was reached. */
  more: number;
}

/** A line that could not be scanned whole, so its tail or its deep parts are unproven. */
export interface UnscannedLine {
  readonly file: string;
  readonly line: number;
  /** `over-long` (past the maximum line length) or `limit` (past the core's depth, node or string limits). */
  readonly reason: 'over-long' | 'limit';
}

/** Counts for one input file. */
export interface FileReport {
  /** The file name (`<stdin>` for stdin). */
  readonly file: string;
  /** Lines read from it. */
  lines: number;
  /** Bytes read from it. */
  bytes: number;
  /** Findings in it. */
  findings: number;
}

/** The result of `hushlog check`: per rule, counts and locations; never a value. */
export interface AuditReport {
  /** True when nothing was found and every line was scanned whole. */
  readonly clean: boolean;
  /** Findings in all. */
  readonly findings: number;
  /** Lines with at least one finding. */
  readonly linesWithFindings: number;
  /** One entry per rule that fired, most findings first. */
  readonly rules: RuleReport[];
  /** Lines not scanned whole (up to the location limit), and how many in all. */
  readonly unscanned: { readonly count: number; readonly lines: UnscannedLine[] };
  /** Counts per input file. */
  readonly files: FileReport[];
  /** Line and bad-input counts. */
  readonly stats: LineStats;
}

/** Options for the audit. */
export interface AuditOptions extends ProcessOptions {
  /** The most locations kept per rule (default 100; 0 keeps all, which costs memory on huge inputs). */
  readonly maxLocations?: number;
}

/**
 * Audits lines chunk by chunk: `startFile(name)`, then `push(buffer)` for each chunk and `endFile()`;
 * `report()` at the end. Findings name the rule and the JSON path, never the value.
 */
export class Auditor {
  /** Counts so far. */
  readonly stats: LineStats = emptyStats();
  /** Findings so far. */
  findings = 0;
  private linesWithFindings = 0;
  private readonly redactor: Redactor;
  private readonly maxLineBytes: number;
  private readonly maxLocations: number;
  private readonly maxDepth: number;
  private readonly maxNodes: number;
  private readonly maxStringLength: number;
  private readonly rules = new Map<string, RuleReport>();
  private readonly unscannedLines: UnscannedLine[] = [];
  private unscannedCount = 0;
  private readonly files: FileReport[] = [];
  private readonly shownPaths = new Map<string, string>();
  private splitter: LineSplitter | null = null;
  private file: FileReport | null = null;
  private lineNo = 0;
  private readonly onLine = (text: string, flags: number, lineBytes: number): void => {
    countStats(this.stats, flags, lineBytes, this.maxLineBytes);
    const file = this.file!;
    const line = ++this.lineNo;
    file.lines++;
    const body = text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text;
    const found: Finding[] = this.redactor.audit(body);
    if (found.length > 0) {
      this.linesWithFindings++;
      this.findings += found.length;
      file.findings += found.length;
      for (const f of found) this.record(f, file.file, line);
    }
    if (flags & LineFlag.OverLong) this.unscanned(file.file, line, 'over-long');
    else if (this.mayHitLimits(body) && hasLimitMarker(this.redactor.redactLine(body)) && !hasLimitMarker(body)) {
      this.stats.limited++;
      this.unscanned(file.file, line, 'limit');
    }
  };

  /** @param options the policy or redactor, the maximum line length and the location limit */
  constructor(options: AuditOptions = {}) {
    this.redactor = options.redactor ?? createRedactor(options.policy);
    this.maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    this.maxLocations = options.maxLocations ?? 100;
    const limits = options.policy?.limits ?? {};
    this.maxDepth = limits.maxDepth ?? DEFAULT_LIMITS.maxDepth;
    this.maxNodes = limits.maxNodes ?? DEFAULT_LIMITS.maxNodes;
    this.maxStringLength = limits.maxStringLength ?? DEFAULT_LIMITS.maxStringLength;
  }

  /** Starts a new input file: line numbers restart at 1. */
  startFile(name: string): void {
    this.file = { file: name, lines: 0, bytes: 0, findings: 0 };
    this.files.push(this.file);
    this.splitter = new LineSplitter(this.maxLineBytes);
    this.lineNo = 0;
  }

  /** Audits one chunk of the current file. */
  push(chunk: Buffer): void {
    if (this.splitter === null) this.startFile('<stdin>');
    this.stats.bytes += chunk.length;
    this.file!.bytes += chunk.length;
    this.splitter!.push(chunk, this.onLine);
  }

  /** Ends the current file (its last line may lack a newline). */
  endFile(): void {
    this.splitter?.end(this.onLine);
    this.splitter = null;
  }

  /** The report so far. */
  report(): AuditReport {
    const rules = [...this.rules.values()].sort((a, b) => b.count - a.count || (a.rule < b.rule ? -1 : 1));
    for (const r of rules) r.paths.sort((a, b) => b.count - a.count);
    return {
      clean: this.findings === 0 && this.unscannedCount === 0,
      findings: this.findings,
      linesWithFindings: this.linesWithFindings,
      rules,
      unscanned: { count: this.unscannedCount, lines: this.unscannedLines },
      files: this.files,
      stats: { ...this.stats, errors: this.redactor.errorCount },
    };
  }

  private record(f: Finding, file: string, line: number): void {
    let r = this.rules.get(f.rule);
    if (r === undefined) {
      r = { rule: f.rule, count: 0, paths: [], locations: [], more: 0 };
      this.rules.set(f.rule, r);
    }
    r.count++;
    const path = this.showPath(f.path);
    const seen = r.paths.find((p) => p.path === path);
    if (seen !== undefined) seen.count++;
    else if (r.paths.length < 100) r.paths.push({ path, count: 1 });
    const last = r.locations[r.locations.length - 1];
    if (last !== undefined && last.line === line && last.path === path && last.file === file) return;
    if (this.maxLocations === 0 || r.locations.length < this.maxLocations) r.locations.push({ file, line, path });
    else r.more++;
  }

  /** A path as shown: redacted itself, since an object key can hold an e-mail address. */
  private showPath(path: string): string {
    if (path === '') return '';
    let shown = this.shownPaths.get(path);
    if (shown === undefined) {
      shown = this.redactor.redactString(path);
      if (this.shownPaths.size < 10_000) this.shownPaths.set(path, shown);
    }
    return shown;
  }

  private unscanned(file: string, line: number, reason: UnscannedLine['reason']): void {
    this.unscannedCount++;
    if (this.maxLocations === 0 || this.unscannedLines.length < this.maxLocations) this.unscannedLines.push({ file, line, reason });
  }

  /** A cheap bound: could this line reach a depth, node or string-length limit? */
  private mayHitLimits(body: string): boolean {
    if (body.length > this.maxNodes || body.length > this.maxStringLength) return true;
    if (body.length < this.maxDepth) return false;
    let open = 0;
    for (let i = 0; i < body.length; i++) {
      const c = body.charCodeAt(i);
      if ((c === 0x7b || c === 0x5b) && ++open >= this.maxDepth) return true;
    }
    return false;
  }
}
