import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Redactor } from '@hushlog/core';

/** One labelled row of a development corpus (see test/fixtures/corpus/README.md). */
export interface CorpusRow {
  id: string;
  template?: string;
  kind: 'text' | 'record' | 'json' | 'live';
  build?: 'error';
  value: unknown;
  errFields?: { message: string; code: string };
  secrets: string[];
  clean: string[];
  cats: string[];
}

/** The two labelled sets in test/fixtures/corpus. */
export type CorpusName = 'dev' | 'dev-v2';

/** Recall and keep, overall and per category, with the rows that failed. */
export interface QualityReport {
  secrets: number;
  secretsHidden: number;
  clean: number;
  cleanKept: number;
  recall: number;
  keep: number;
  byCategory: Map<string, { secrets: number; hidden: number; clean: number; kept: number }>;
  leaks: { id: string; secret: string; output: string }[];
  losses: { id: string; clean: string; output: string }[];
}

/** Reads a corpus copied into test/fixtures. */
export function loadCorpus(name: CorpusName = 'dev'): CorpusRow[] {
  const file = fileURLToPath(new URL(`./fixtures/corpus/${name}.jsonl`, import.meta.url));
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CorpusRow);
}

/**
 * True for rows whose secrets README's "What hushlog cannot promise" may exclude (dev-v2's
 * `v2:flag-*` categories): they are scored on a line of their own.
 */
export function isFlagged(row: CorpusRow): boolean {
  return row.cats.some((c) => c.startsWith('v2:flag-'));
}

/** Builds the value a row describes; `live` rows get a real Error. */
function inputOf(row: CorpusRow): unknown {
  if (row.kind !== 'live' || row.build !== 'error' || !row.errFields) return row.value;
  const value = { ...(row.value as Record<string, unknown>) };
  const err = Object.assign(new Error(row.errFields.message), { code: row.errFields.code });
  value.err = err;
  delete value.errMessage;
  return value;
}

/** The redactor's output for a row, as the corpus README says each kind is used. */
function outputOf(row: CorpusRow, redactor: Redactor): string {
  if (row.kind === 'text') return redactor.redactString(row.value as string);
  if (row.kind === 'json') return redactor.redactLine(row.value as string);
  return redactor.stringify(inputOf(row));
}

const escaped = (s: string) => JSON.stringify(s).slice(1, -1);
const present = (output: string, s: string) => output.includes(s) || output.includes(escaped(s));

/** Applies a redactor to every row and scores it as the corpus README describes. */
export function scoreCorpus(rows: CorpusRow[], redactor: Redactor): QualityReport {
  const report: QualityReport = {
    secrets: 0,
    secretsHidden: 0,
    clean: 0,
    cleanKept: 0,
    recall: 0,
    keep: 0,
    byCategory: new Map(),
    leaks: [],
    losses: [],
  };
  for (const row of rows) {
    const output = outputOf(row, redactor);
    for (const cat of row.cats) if (!report.byCategory.has(cat)) report.byCategory.set(cat, { secrets: 0, hidden: 0, clean: 0, kept: 0 });
    for (const secret of row.secrets) {
      const hidden = !present(output, secret);
      report.secrets++;
      if (hidden) report.secretsHidden++;
      else report.leaks.push({ id: row.id, secret, output });
      for (const cat of row.cats) {
        const c = report.byCategory.get(cat)!;
        c.secrets++;
        if (hidden) c.hidden++;
      }
    }
    for (const clean of row.clean) {
      const kept = present(output, clean);
      report.clean++;
      if (kept) report.cleanKept++;
      else report.losses.push({ id: row.id, clean, output });
      for (const cat of row.cats) {
        const c = report.byCategory.get(cat)!;
        c.clean++;
        if (kept) c.kept++;
      }
    }
  }
  report.recall = report.secrets === 0 ? 1 : report.secretsHidden / report.secrets;
  report.keep = report.clean === 0 ? 1 : report.cleanKept / report.clean;
  return report;
}

const pct = (n: number) => `${(n * 100).toFixed(2)} %`;

/** One line of totals: recall and keep with their counts. */
export function formatTotals(title: string, report: QualityReport): string {
  return `${title.padEnd(30)} recall ${pct(report.recall)} (${report.secretsHidden}/${report.secrets}), keep ${pct(report.keep)} (${report.cleanKept}/${report.clean})`;
}

/** A printable summary: totals, the weakest categories, and a few failures (values shown are from the fake corpus). */
export function formatReport(title: string, report: QualityReport, failures = 5): string {
  const lines = [formatTotals(title, report)];
  const weak = [...report.byCategory.entries()]
    .map(([cat, c]) => ({ cat, recall: c.secrets ? c.hidden / c.secrets : 1, keep: c.clean ? c.kept / c.clean : 1 }))
    .filter((c) => c.recall < 1 || c.keep < 1)
    .sort((a, b) => a.recall + a.keep - (b.recall + b.keep));
  for (const c of weak.slice(0, 15)) lines.push(`  ${c.cat.padEnd(28)} recall ${pct(c.recall)}  keep ${pct(c.keep)}`);
  for (const leak of report.leaks.slice(0, failures))
    lines.push(`  leak ${leak.id}: ${leak.secret.slice(0, 40)} in ${leak.output.slice(0, 160)}`);
  for (const loss of report.losses.slice(0, failures)) lines.push(`  lost ${loss.id}: ${loss.clean} in ${loss.output.slice(0, 160)}`);
  return lines.join('\n');
}
