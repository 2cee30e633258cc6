#!/usr/bin/env node
// Memory soak: millions of redaction calls with random keys, to show that every cache in the engine
// is bounded (the key-verdict cache, the JSON key cache, the in-text key cache, the prefilter
// candidate cache, the span labels). Not a unit test: it takes minutes.
//
//   node --expose-gc benchmarks/soak.mjs                     10 M calls, writes benchmarks/SOAK.md
//   node --expose-gc benchmarks/soak.mjs --calls 1000000 --every 250000 --out /tmp/soak.md
//
// Build first: `npm run build -w packages/core`. Each call gets a small object with a fresh random
// key (one in eight of them sensitive-looking, so both verdicts get cached). Of every ten calls,
// eight are `redact`, one is `stringify` and one is `redactString` on text with a random `key=value`.
// A second phase logs ~400 KB lines that each carry a new `key=value` name: a cache holding a slice
// of such a line would keep the whole line alive (V8 substrings are views), which this phase would
// show as hundreds of megabytes.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { core } from './lib/core.mjs';

const { values: args } = parseArgs({
  options: {
    calls: { type: 'string', default: '10000000' },
    every: { type: 'string', default: '1000000' },
    warmup: { type: 'string', default: '200000' },
    'long-lines': { type: 'string', default: '5000' },
    out: { type: 'string', default: fileURLToPath(new URL('./SOAK.md', import.meta.url)) },
  },
});

if (typeof globalThis.gc !== 'function') {
  console.error('Run with --expose-gc: node --expose-gc benchmarks/soak.mjs');
  process.exit(2);
}

const CALLS = Number(args.calls);
const EVERY = Number(args.every);
const WARMUP = Number(args.warmup);
const LONG_LINES = Number(args['long-lines']);

const { createRedactor } = core;
const redactor = createRedactor();

// xorshift32: cheap, deterministic random numbers
let seed = 0x9e3779b9;
function rand() {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return seed >>> 0;
}
const SENSITIVE_SUFFIXES = ['_token', 'Password', '-secret', 'ApiKey'];
function randomKey() {
  const n = rand();
  const base = `k${n.toString(36)}${(n & 0xff).toString(16)}`;
  return (n & 7) === 0 ? base + SENSITIVE_SUFFIXES[(n >>> 3) & 3] : base;
}

let sink = 0; // keeps results alive so nothing is optimised away
function call(i) {
  const key = randomKey();
  const slot = i % 10;
  if (slot === 8) {
    sink += redactor.stringify({ [key]: 'value', id: i, nested: { [key]: 'x' } }).length;
  } else if (slot === 9) {
    sink += redactor.redactString(`request failed ${key}=abc${i} user=u${i & 1023}`).length;
  } else {
    const out = redactor.redact({ [key]: 'hunter2-value', id: i, msg: 'order shipped' });
    if (out !== null) sink++;
  }
}

function heap() {
  globalThis.gc();
  globalThis.gc();
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, rss: m.rss };
}
const mb = (bytes) => (bytes / 1048576).toFixed(1);
const rows = [];
function record(label, calls, started) {
  const h = heap();
  const seconds = (performance.now() - started) / 1000;
  rows.push({ label, calls, heapUsed: h.heapUsed, rss: h.rss, seconds });
  console.log(
    `${label.padEnd(22)} calls=${String(calls).padStart(10)}  heapUsed=${mb(h.heapUsed).padStart(7)} MB  rss=${mb(h.rss).padStart(7)} MB  t=${seconds.toFixed(1)} s`,
  );
}

const started = performance.now();
record('start', 0, started);
for (let i = 0; i < WARMUP; i++) call(i);
record('after warm-up', WARMUP, started);
const afterWarmup = rows[rows.length - 1].heapUsed;

for (let i = 1; i <= CALLS; i++) {
  call(i);
  if (i % EVERY === 0) record(`${i / 1e6} M calls`, i, started);
}
if (CALLS % EVERY !== 0) record('final', CALLS, started);
const mainFinal = rows[rows.length - 1].heapUsed;
const peak = Math.max(...rows.slice(1).map((r) => r.heapUsed));

// Phase 2: long lines, each with a new key name.
const pad = 'lorem ipsum '.repeat(17_000); // ~200 KB
const beforeLong = heap().heapUsed;
const longStarted = performance.now();
for (let i = 0; i < LONG_LINES; i++) sink += redactor.redactString(`${pad} unique_field_name_${i}=value${i} ${pad}`).length;
const afterLong = heap().heapUsed;
const longSeconds = (performance.now() - longStarted) / 1000;
console.log(
  `long lines: ${LONG_LINES} × ${mb(pad.length * 2)} MB, heap ${mb(beforeLong)} → ${mb(afterLong)} MB (${longSeconds.toFixed(1)} s)`,
);

const growth = mainFinal - afterWarmup;
const bounded = growth < 16 * 1048576 && afterLong - beforeLong < 16 * 1048576;
console.log(`growth after warm-up: ${mb(growth)} MB, peak ${mb(peak)} MB: ${bounded ? 'bounded' : 'NOT BOUNDED'} (sink ${sink})`);

const lines = [
  '## Memory soak',
  '',
  `\`node --expose-gc benchmarks/soak.mjs\`: ${CALLS.toLocaleString('en-US')} calls after ${WARMUP.toLocaleString('en-US')} warm-up calls, ` +
    'each on a small object with a fresh random key (one in eight sensitive-looking); of every ten calls, eight are `redact`, ' +
    'one `stringify`, one `redactString` on text with a random `key=value`. Heap measured after two full GCs.',
  `Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${new Date().toISOString().slice(0, 10)}.`,
  '',
  '| point | calls | heap used | RSS | elapsed |',
  '| --- | ---: | ---: | ---: | ---: |',
  ...rows.map(
    (r) => `| ${r.label} | ${r.calls.toLocaleString('en-US')} | ${mb(r.heapUsed)} MB | ${mb(r.rss)} MB | ${r.seconds.toFixed(1)} s |`,
  ),
  '',
  `Heap growth from after warm-up to the end: **${mb(growth)} MB** (peak ${mb(peak)} MB). ` +
    `Throughput ≈ ${Math.round(CALLS / (rows[rows.length - 1].seconds - rows[1].seconds)).toLocaleString('en-US')} calls/s on a shared machine.`,
  '',
  `Long lines: ${LONG_LINES.toLocaleString('en-US')} \`redactString\` calls on ~${mb(pad.length * 2 + 40)} MB lines, each with a new key name in ` +
    `\`key=value\`: heap ${mb(beforeLong)} MB before, ${mb(afterLong)} MB after (${longSeconds.toFixed(1)} s). ` +
    'Before the fix in `match/keys.ts` and `text/keyvalue.ts` (cached keys are now detached copies), each cached key was a V8 ' +
    'substring view that kept its whole line alive: 3,000 such lines retained ~600 MB, and the bound was 4,096 lines × `maxStringLength`.',
  '',
  `Verdict: ${bounded ? 'bounded — every cache is capped, and no cache entry keeps a log line alive.' : 'NOT BOUNDED — investigate.'}`,
  '',
];
writeFileSync(args.out, lines.join('\n'));
console.log(`wrote ${args.out}`);
process.exitCode = bounded ? 0 : 1;
