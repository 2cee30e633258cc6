/**
 * How `hushlog check` and the bad-input summary are written. Reports name rules, line numbers and
 * JSON paths, never a value.
 */
import type { LineStats } from '@hushlog/core';
import type { AuditReport } from './audit.js';

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The check report as text (for people). */
export function formatAuditText(report: AuditReport): string {
  const { stats } = report;
  const out: string[] = [];
  const files = report.files.length === 1 ? '' : ` in ${plural(report.files.length, 'input')}`;
  if (report.findings === 0)
    out.push(
      `hushlog check: no findings in ${plural(stats.lines, 'line')}${files}${report.unscanned.count > 0 ? ', but some lines were not scanned whole' : ''}.`,
    );
  else
    out.push(
      `hushlog check: ${plural(report.findings, 'finding')} on ${plural(report.linesWithFindings, 'line')} of ${stats.lines}${files}, by ${plural(report.rules.length, 'rule')}:`,
    );
  for (const r of report.rules) {
    out.push('', `${r.rule}  ${plural(r.count, 'finding')}`);
    if (r.paths.length > 1 || r.count > r.locations.length)
      out.push(`  by path: ${r.paths.map((p) => `${p.path === '' ? '(text)' : p.path} ${p.count}`).join(', ')}`);
    for (const l of r.locations) out.push(`  ${l.file}:${l.line}  ${l.path === '' ? '(text)' : l.path}`);
    if (r.more > 0) out.push(`  … and ${plural(r.more, 'more location')}`);
  }
  if (report.unscanned.count > 0) {
    out.push('', `not scanned whole  ${plural(report.unscanned.count, 'line')} (their content is unproven; treated as a finding)`);
    for (const u of report.unscanned.lines)
      out.push(
        `  ${u.file}:${u.line}  ${u.reason === 'over-long' ? 'over the maximum line length (--max-line-length)' : 'past a depth, size or node limit of the policy'}`,
      );
    const more = report.unscanned.count - report.unscanned.lines.length;
    if (more > 0) out.push(`  … and ${plural(more, 'more line')}`);
  }
  return out.join('\n') + '\n';
}

/** The check report as JSON (for machines): the report itself, with `version: 1`. */
export function formatAuditJson(report: AuditReport): string {
  return JSON.stringify({ version: 1, ...report }, null, 2) + '\n';
}

/** The one-paragraph summary of bad input for stderr; '' when there was none. */
export function formatBadInput(stats: LineStats): string {
  const parts: string[] = [];
  if (stats.invalidUtf8 > 0) parts.push(`${plural(stats.invalidUtf8, 'line')} with invalid UTF-8 (decoded with U+FFFD)`);
  if (stats.binary > 0) parts.push(`${plural(stats.binary, 'line')} with binary NUL bytes (processed as text)`);
  if (stats.overLong > 0)
    parts.push(`${plural(stats.overLong, 'line')} over the maximum length (head kept, ${plural(stats.droppedBytes, 'byte')} censored)`);
  if (stats.limited > 0) parts.push(`${plural(stats.limited, 'JSON line')} past a depth, size or node limit (marker written)`);
  if (stats.unterminated > 0) parts.push(`${plural(stats.unterminated, 'last line')} without a final newline`);
  if (stats.errors > 0) parts.push(`${plural(stats.errors, 'internal error')} (each value censored)`);
  if (parts.length === 0) return '';
  return `hushlog: ${stats.lines} lines processed; bad input: ${parts.join('; ')}.\n`;
}
