#!/usr/bin/env node
// hushlog benchmarks: `npm run bench` (full run, writes benchmarks/RESULTS.md) or
//   node benchmarks/run.mjs --quick                 ≤ 60 s, prints the ratio checks, exits 1 when a
//                                                   ratio falls below its floor (80 % of the lowest
//                                                   round of the last full run, capped at the target)
//                                                   twice in a row, or an output is wrong; a suite
//                                                   with a ratio below its floor is measured once
//                                                   more; never writes RESULTS.md
//   node benchmarks/run.mjs --filter paths,text     only these suites (RESULTS.md is not written)
//   node benchmarks/run.mjs --out /tmp/results.md   write the report there instead
//   node benchmarks/run.mjs --list                  list suites and cases
// Build first: `npm run build -w packages/core`. Nothing is built here.
import os from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { core, coreSource } from './lib/core.mjs';
import { PROFILES, createSuiteRegistry, measureSuite, evaluateChecks } from './lib/harness.mjs';
import { caseRows, checkRows, textTable, markdownTable, fmtNs, fmtOps } from './lib/report.mjs';
import { versionOf, coreVersion } from './lib/versions.mjs';
import { suites as allSuites } from './suites/index.mjs';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    filter: { type: 'string' },
    out: { type: 'string' },
    list: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (args.help) {
  console.log('usage: node benchmarks/run.mjs [--quick] [--filter suite[,suite]] [--out file.md] [--list]');
  console.log(`suites: ${allSuites.map((s) => s.name).join(', ')}`);
  process.exit(0);
}

let suites = allSuites;
if (args.filter) {
  const wanted = args.filter
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = wanted.filter((w) => !allSuites.some((s) => s.name === w));
  if (unknown.length) {
    console.error(`unknown suite(s): ${unknown.join(', ')}; known: ${allSuites.map((s) => s.name).join(', ')}`);
    process.exit(2);
  }
  suites = allSuites.filter((s) => wanted.includes(s.name));
}

const quick = args.quick;
const profile = quick ? PROFILES.quick : PROFILES.full;
const ctx = { core, quick };

const registries = [];
for (const suite of suites) {
  const reg = createSuiteRegistry(suite);
  await suite.register(reg, ctx);
  registries.push(reg);
}

if (args.list) {
  for (const reg of registries) {
    console.log(`${reg.suite.name}: ${reg.suite.title}`);
    for (const c of reg.cases) console.log(`  ${c.id}  [${c.lib}]  ${c.group}`);
  }
  process.exit(0);
}

// ---- machine ------------------------------------------------------------------------------
const cpus = os.cpus();
const machine = {
  cpu: cpus[0]?.model?.trim() || 'unknown',
  cores: cpus.length,
  memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
  os: `${os.type()} ${os.release()} ${os.arch()}`,
  node: process.version,
  v8: process.versions.v8,
  date: new Date().toISOString(),
  load: os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' '),
};
const libs = [
  ['@hushlog/core', `${coreVersion() ?? '?'} (${coreSource})`],
  ['mitata', versionOf('mitata')],
  ...[...new Set(suites.flatMap((s) => s.libraries ?? []))].map((n) => [n, versionOf(n) ?? 'not installed']),
];

const header = [
  `CPU: ${machine.cpu}, ${machine.cores} cores, ${machine.memory}`,
  `Node ${machine.node} (V8 ${machine.v8}), ${machine.os}`,
  `Date: ${machine.date}, load average at start: ${machine.load}`,
  `Libraries: ${libs.map(([n, v]) => `${n} ${v}`).join(', ')}`,
  `Mode: ${quick ? 'quick' : 'full'} (warm-up ${profile.warmupMs} ms, ${profile.rounds} interleaved rounds of ≥ ${profile.roundMs} ms per case)`,
];
console.log(header.join('\n'));

// ---- baseline: the lowest round ratios of the last full run, for the regression floors -------
const baselinePath = fileURLToPath(new URL('./baseline.json', import.meta.url));
const baseline = existsSync(baselinePath) ? JSON.parse(readFileSync(baselinePath, 'utf8')) : {};

// ---- measure ------------------------------------------------------------------------------
const started = performance.now();
const report = [];
for (const reg of registries) {
  console.log(`\n## ${reg.suite.title}`);
  const progress = (r) =>
    process.stderr.write(
      `  · ${r.id.padEnd(34)} ${fmtOps(r.opsPerSec).padStart(14)} ops/s  ${fmtNs(r.meanNs)}` +
        (process.env.BENCH_DEBUG ? `  rounds: ${r.roundMeans.map((x) => x.toFixed(0)).join(' ')} ns` : '') +
        '\n',
    );
  let results = await measureSuite(reg, profile, progress);
  let checks = evaluateChecks(reg, results, { quick, baseline });
  if (quick && checks.some((c) => c.status === 'FAIL')) {
    // A shared machine can slow one suite for a few seconds: measure that suite once more and keep,
    // per check, the better of the two medians. A real regression is below its floor both times.
    console.log(
      `  (below a floor: ${checks
        .filter((c) => c.status === 'FAIL')
        .map((c) => c.name)
        .join('; ')}; measuring the suite once more)`,
    );
    results = await measureSuite(reg, profile, progress);
    const again = evaluateChecks(reg, results, { quick, baseline });
    checks = checks.map((c, i) => ((again[i]?.ratio ?? -1) > (c.ratio ?? -1) ? again[i] : c));
  }
  const cases = caseRows(reg, results);
  const checkTable = checkRows(checks, { quick });
  console.log(textTable(cases));
  if (checks.length) console.log('\n' + textTable(checkTable));
  report.push({ reg, results, checks, cases, checkTable });
}
const seconds = (performance.now() - started) / 1000;

// ---- summary ------------------------------------------------------------------------------
const allChecks = report.flatMap((r) => r.checks);
const count = (st) => allChecks.filter((c) => c.status === st).length;
const summary = ['PASS', 'MISS', 'FAIL', 'INVALID', 'SKIP', 'INFO']
  .filter((st) => count(st))
  .map((st) => `${count(st)} ${st}`)
  .join(', ');
console.log(`\nRatio checks: ${summary || 'none'}. Measured in ${seconds.toFixed(1)} s.`);

// ---- RESULTS.md ---------------------------------------------------------------------------
const outPath = args.out ?? (!quick && !args.filter ? fileURLToPath(new URL('./RESULTS.md', import.meta.url)) : null);
if (outPath) {
  const md = [
    '# hushlog benchmark results',
    '',
    'Generated by `npm run bench` (`node benchmarks/run.mjs`); do not edit by hand. Figures are ops/s',
    '(higher is better) and the mean time per operation. Every anchor is measured in the same run as hushlog,',
    'interleaved with it; a ratio is hushlog ops/s ÷ anchor ops/s (the median of the per-round ratios), so',
    'a ratio ≥ target passes. "spread" is half the range of the round means, relative to their median.',
    '',
    '## Machine',
    '',
    `- CPU: ${machine.cpu}`,
    `- Cores: ${machine.cores}`,
    `- Memory: ${machine.memory}`,
    `- OS: ${machine.os}`,
    `- Node: ${machine.node} (V8 ${machine.v8})`,
    `- Date: ${machine.date}`,
    `- Load average at start: ${machine.load}`,
    `- Mode: ${quick ? 'quick' : 'full'}: warm-up ${profile.warmupMs} ms, ${profile.rounds} interleaved rounds of ≥ ${profile.roundMs} ms per case (mitata \`measure\`)`,
    `- Total measuring time: ${seconds.toFixed(0)} s`,
    '',
    '## Libraries',
    '',
    ...libs.map(([n, v]) => `- ${n}: ${v}`),
    '',
  ];
  for (const r of report) {
    md.push(`## ${r.reg.suite.title}`, '', r.reg.suite.description, '', markdownTable(r.cases), '');
    if (r.checks.length) md.push(markdownTable(r.checkTable), '');
  }
  md.push(`**Ratio checks:** ${summary || 'none'}.`, '');
  // Hand-written analysis of the misses, and the memory soak's figures, kept beside the generated tables.
  for (const extra of ['ANALYSIS.md', 'SOAK.md']) {
    const file = fileURLToPath(new URL(`./${extra}`, import.meta.url));
    if (existsSync(file)) md.push(readFileSync(file, 'utf8').trim(), '');
  }
  writeFileSync(outPath, md.join('\n'));
  console.log(`Wrote ${outPath}`);
  if (!args.out) {
    // The lowest round ratio of each check is the reference of `npm run bench:quick` (floor = 80 %
    // of it): on a shared machine the median drifts between runs, while a real regression falls
    // below every round that this run measured.
    const ratios = Object.fromEntries(
      allChecks.filter((c) => c.target != null && typeof c.low === 'number').map((c) => [c.name, Number(c.low.toFixed(3))]),
    );
    writeFileSync(baselinePath, JSON.stringify(ratios, null, 2) + '\n');
    console.log(`Wrote ${baselinePath}`);
  }
}

if (quick) {
  const bad = allChecks.filter((c) => c.status === 'FAIL' || c.status === 'INVALID');
  if (bad.length) {
    console.error(`\n${bad.length} ratio check(s) below floor or invalid:`);
    for (const c of bad) console.error(`  ${c.status}: ${c.name}${c.note ? ` (${c.note})` : ''}`);
    process.exit(1);
  }
}
