// Console and Markdown tables for the results of a run.

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function fmtOps(ops) {
  return int.format(ops);
}

export function fmtNs(ns) {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e4) return `${(ns / 1e3).toFixed(1)} µs`;
  if (ns >= 100) return int.format(ns) + ' ns';
  return `${ns.toFixed(1)} ns`;
}

export function fmtRatio(x) {
  if (x == null || !Number.isFinite(x)) return '–';
  if (x >= 100) return `${x.toFixed(0)}×`;
  if (x >= 10) return `${x.toFixed(1)}×`;
  return `${x.toFixed(2)}×`;
}

const fmtPct = (x) => `±${(x * 100).toFixed(1)}%`;
const mbps = (r) => (r.bytes ? `${((r.bytes * r.opsPerSec) / 1e6).toFixed(1)}` : '');

/** Rows (arrays of cells) for the cases of one suite, in registration order. */
export function caseRows(registry, results) {
  const withBytes = registry.cases.some((c) => c.bytes);
  const head = ['Shape / input', 'Library', 'ops/s', 'mean/op', 'spread', ...(withBytes ? ['MB/s'] : []), 'Note'];
  const rows = registry.cases.map((c) => {
    const r = results.get(c.id);
    if (!r || r.status === 'skipped') {
      return [c.group, c.lib, '–', '–', '–', ...(withBytes ? ['–'] : []), `skipped: ${r?.reason ?? 'filtered'}`];
    }
    return [
      c.group,
      c.lib,
      fmtOps(r.opsPerSec),
      fmtNs(r.meanNs),
      fmtPct(r.spread),
      ...(withBytes ? [mbps(r)] : []),
      r.status === 'invalid' ? `INVALID: ${r.reason}` : '',
    ];
  });
  return { head, rows, align: ['l', 'l', 'r', 'r', 'r', ...(withBytes ? ['r'] : []), 'l'] };
}

export function checkRows(checks, { quick }) {
  const head = ['Ratio check', 'Ratio', 'Rounds (min–max)', 'Target', ...(quick ? ['Floor'] : []), 'Status'];
  const rows = checks.map((ch) => [
    ch.name,
    fmtRatio(ch.ratio),
    ch.low == null ? '–' : `${fmtRatio(ch.low)} – ${fmtRatio(ch.high)}`,
    ch.target == null ? '(info)' : `≥ ${fmtRatio(ch.target)}`,
    ...(quick ? [ch.floor == null ? '' : `≥ ${fmtRatio(ch.floor)}`] : []),
    ch.note ? `${ch.status} (${ch.note})` : ch.status,
  ]);
  return { head, rows, align: ['l', 'r', 'r', 'r', ...(quick ? ['r'] : []), 'l'] };
}

const width = (s) => [...String(s)].length;

export function textTable({ head, rows, align }) {
  const w = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
  const pad = (s, i) => {
    const gap = ' '.repeat(w[i] - width(s));
    return align[i] === 'r' ? gap + s : s + gap;
  };
  const line = (cells) => cells.map(pad).join('  ').trimEnd();
  return [line(head), w.map((n) => '─'.repeat(n)).join('  '), ...rows.map(line)].join('\n');
}

const mdCell = (s) => String(s).replaceAll('|', '\\|').replaceAll('\n', ' ');

export function markdownTable({ head, rows, align }) {
  return [
    `| ${head.map(mdCell).join(' | ')} |`,
    `| ${align.map((a) => (a === 'r' ? '---:' : ':---')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`),
  ].join('\n');
}
