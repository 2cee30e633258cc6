/**
 * `hushlog check`: the report behind it. Lines are split, capped, flagged and audited by the core
 * line pipeline; this module keeps the per-rule counts, locations and files. Values are never kept.
 */
import { createRedactor, LineAuditPipeline, LineFlag, type Finding, type LineStats, type Policy, type Redactor } from '@hushlog/core';

/** Options shared by the redacting and auditing runs. */
export interface ProcessOptions {
  /** The policy (default: the library's default policy). */
  readonly policy?: Policy;
  /** A redactor compiled from `policy`, to share one between runs. */
  readonly redactor?: Redactor;
  /** The most bytes kept of one line (default 1 MiB); the rest of a longer line is censored. */
  readonly maxLineBytes?: number;
}

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
  /** Findings so far. */
  findings = 0;
  private linesWithFindings = 0;
  private readonly redactor: Redactor;
  private readonly pipeline: LineAuditPipeline;
  private readonly maxLocations: number;
  private readonly rules = new Map<string, RuleReport>();
  private readonly unscannedLines: UnscannedLine[] = [];
  private unscannedCount = 0;
  private readonly files: FileReport[] = [];
  private readonly shownPaths = new Map<string, string>();
  private file: FileReport | null = null;
  private lineNo = 0;
  private readonly onLine = (found: Finding[], flags: number): void => {
    const file = this.file!;
    const line = ++this.lineNo;
    file.lines++;
    if (found.length > 0) {
      this.linesWithFindings++;
      this.findings += found.length;
      file.findings += found.length;
      for (const f of found) this.record(f, file.file, line);
    }
    if (flags & LineFlag.OverLong) this.unscanned(file.file, line, 'over-long');
    else if (flags & LineFlag.Limited) this.unscanned(file.file, line, 'limit');
  };

  /** @param options the policy or redactor, the maximum line length and the location limit */
  constructor(options: AuditOptions = {}) {
    this.redactor = options.redactor ?? createRedactor(options.policy);
    this.pipeline = new LineAuditPipeline(this.redactor, options.maxLineBytes === undefined ? {} : { maxLineBytes: options.maxLineBytes });
    this.maxLocations = options.maxLocations ?? 100;
  }

  /** Counts so far. */
  get stats(): LineStats {
    return this.pipeline.stats;
  }

  /** Starts a new input file: line numbers restart at 1. */
  startFile(name: string): void {
    this.file = { file: name, lines: 0, bytes: 0, findings: 0 };
    this.files.push(this.file);
    this.lineNo = 0;
  }

  /** Audits one chunk of the current file. */
  push(chunk: Buffer): void {
    if (this.file === null) this.startFile('<stdin>');
    this.file!.bytes += chunk.length;
    this.pipeline.push(chunk, this.onLine);
  }

  /** Ends the current file (its last line may lack a newline). */
  endFile(): void {
    if (this.file !== null) this.pipeline.end(this.onLine);
  }

  /** The report so far. */
  report(): AuditReport {
    const rules = [...this.rules.values()].sort((a, b) => b.count - a.count || (a.rule < b.rule ? -1 : 1));
    for (const r of rules) r.paths.sort((a, b) => b.count - a.count);
    const stats = this.pipeline.stats;
    return {
      clean: this.findings === 0 && this.unscannedCount === 0,
      findings: this.findings,
      linesWithFindings: this.linesWithFindings,
      rules,
      unscanned: { count: this.unscannedCount, lines: this.unscannedLines },
      files: this.files,
      stats: { ...stats, limitedBy: { ...stats.limitedBy } },
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
}
