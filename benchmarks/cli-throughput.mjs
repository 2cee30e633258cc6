#!/usr/bin/env node
// End-to-end throughput and memory of the real `hushlog` bin on a generated NDJSON file.
//
//   npm run build -w packages/core -w packages/cli     # nothing is built here
//   node benchmarks/cli-throughput.mjs                 # 400 MB file, redact mode
//   node benchmarks/cli-throughput.mjs --mb 1000 --check
//
// Writes a file of varied httpRecord-style lines (see suites/cli.mjs) to os.tmpdir(), runs
// `hushlog FILE -o /dev/null` under /usr/bin/time -v, and reports MB/s (wall clock, and per CPU
// second: the per-core figure) and the peak RSS, which must stay flat whatever the file size.
// As a floor on the same file and machine, a plain Node loop that only splits lines and does
// JSON.stringify(JSON.parse(line)) runs too, so the ratio survives a noisy machine. The file is
// deleted at the end, also on Ctrl-C.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { httpLines, PLANTED } from './suites/cli.mjs';

const { values: args } = parseArgs({
  options: {
    mb: { type: 'string', default: '400' },
    check: { type: 'boolean', default: false },
    'no-floor': { type: 'boolean', default: false },
  },
});
const BIN = fileURLToPath(new URL('../packages/cli/dist/bin.js', import.meta.url));
if (!existsSync(BIN)) {
  console.error(`${BIN} is missing: run \`npm run build -w packages/core -w packages/cli\` first`);
  process.exit(2);
}
const hasTime = existsSync('/usr/bin/time');
const dir = os.tmpdir();
const big = join(dir, `hushlog-throughput-${process.pid}.ndjson`);
const small = join(dir, `hushlog-throughput-${process.pid}-sample.ndjson`);
const sampleOut = join(dir, `hushlog-throughput-${process.pid}-sample.out`);
const floorScript = join(dir, `hushlog-throughput-${process.pid}-floor.mjs`);
const cleanup = () => {
  for (const f of [big, small, sampleOut, floorScript]) rmSync(f, { force: true });
};
process.on('SIGINT', () => {
  cleanup();
  process.exit(130);
});

async function generate(file, bytes) {
  const out = createWriteStream(file);
  let written = 0;
  let i = 0;
  while (written < bytes) {
    const text = httpLines(i, 2000);
    i += 2000;
    written += Buffer.byteLength(text);
    if (!out.write(text)) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r, j) => out.end((err) => (err ? j(err) : r())));
  return { bytes: statSync(file).size, lines: i };
}

/** Runs node with `argv` under /usr/bin/time -v; returns wall, CPU seconds and peak RSS. */
function timed(argv) {
  const cmd = hasTime ? ['/usr/bin/time', ['-v', process.execPath, ...argv]] : [process.execPath, argv];
  const t0 = performance.now();
  const r = spawnSync(cmd[0], cmd[1], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr.slice(-2000)}`);
  const field = (name) => {
    const m = new RegExp(`${name}: (.*)`).exec(r.stderr);
    return m ? m[1].trim() : null;
  };
  const cpu = hasTime ? Number(field('User time \\(seconds\\)')) + Number(field('System time \\(seconds\\)')) : NaN;
  const rssKb = hasTime ? Number(field('Maximum resident set size \\(kbytes\\)')) : NaN;
  return { wall, cpu, rssMb: rssKb / 1024, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const FLOOR = `
import { createReadStream } from 'node:fs';
let rest = '', n = 0, out = 0;
for await (const chunk of createReadStream(process.argv[2], { highWaterMark: 256 * 1024 })) {
  const lines = (rest + chunk.toString('utf8')).split('\\n');
  rest = lines.pop();
  const o = new Array(lines.length);
  for (let i = 0; i < lines.length; i++) o[i] = JSON.stringify(JSON.parse(lines[i]));
  out += (o.join('\\n') + '\\n').length; n += lines.length;
}
console.log(n, out);
`;

function row(label, bytes, r) {
  const mbps = (s) => (Number.isFinite(s) && s > 0 ? (bytes / 1e6 / s).toFixed(1) : 'n/a');
  return `| ${label} | ${r.wall.toFixed(1)} s | ${mbps(r.wall)} | ${mbps(r.cpu)} | ${Number.isFinite(r.rssMb) ? r.rssMb.toFixed(0) + ' MB' : 'n/a'} |`;
}

try {
  const target = Math.round(Number(args.mb) * 1e6);
  if (!(target > 0)) throw new Error('--mb must be a positive number');

  // 1. A small sample first: the output must keep the line count and carry no planted secret.
  const sample = await generate(small, 5e6);
  const check = spawnSync(process.execPath, [BIN, small, '-o', sampleOut], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`hushlog failed on the sample: ${check.stderr}`);
  const outText = readFileSync(sampleOut, 'utf8');
  const outLines = outText.split('\n').length - 1;
  const leaked = PLANTED.filter((s) => outText.includes(s));
  if (outLines !== sample.lines || leaked.length > 0)
    throw new Error(`wrong output on the sample: ${outLines} of ${sample.lines} lines, leaked ${leaked.join(', ')}`);
  rmSync(small);
  rmSync(sampleOut);

  // 2. The big file.
  process.stderr.write(`generating ${(target / 1e6).toFixed(0)} MB in ${dir}…\n`);
  const g0 = performance.now();
  const { bytes, lines } = await generate(big, target);
  process.stderr.write(`  ${lines} lines, ${(bytes / 1e6).toFixed(1)} MB in ${((performance.now() - g0) / 1000).toFixed(1)} s\n`);

  const rows = [];
  process.stderr.write('hushlog (redact)…\n');
  const redact = timed([BIN, big, '-o', os.devNull, '--no-progress']);
  rows.push(row('`hushlog FILE -o /dev/null`', bytes, redact));
  let floor = null;
  if (!args['no-floor']) {
    writeFileSync(floorScript, FLOOR);
    process.stderr.write('floor (split + JSON.parse + JSON.stringify)…\n');
    floor = timed([floorScript, big]);
    rows.push(row('floor: split + `JSON.stringify(JSON.parse(line))`', bytes, floor));
  }
  if (args.check) {
    process.stderr.write('hushlog check…\n');
    const audit = timed([BIN, 'check', '--format', 'json', '--max-locations', '10', big]);
    rows.push(row('`hushlog check --format json FILE`', bytes, audit));
  }

  const cpus = os.cpus();
  console.log(`\nhushlog cli throughput: ${(bytes / 1e6).toFixed(1)} MB, ${lines} NDJSON lines (varied httpRecord), default policy`);
  console.log(
    `${cpus[0]?.model?.trim()}, ${cpus.length} cores, Node ${process.version}, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(hasTime ? '' : '(no /usr/bin/time: CPU time and peak RSS are not measured)\n');
  console.log('| run | wall | MB/s (wall) | MB/s per CPU second | peak RSS |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const r of rows) console.log(r);
  if (floor) console.log(`\nhushlog / floor (CPU seconds): ${(floor.cpu / redact.cpu).toFixed(2)}×\n`);
  process.stderr.write(
    redact.stderr
      .split('\n')
      .filter((l) => l.startsWith('hushlog'))
      .join('\n'),
  );
} finally {
  cleanup();
}
