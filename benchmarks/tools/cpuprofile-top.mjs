#!/usr/bin/env node
// Summarises a .cpuprofile (from node --cpu-prof): top functions by self time, and by total time.
//   node benchmarks/tools/cpuprofile-top.mjs /tmp/hushlog-prof/x.cpuprofile [topN]
import { readFileSync } from 'node:fs';

const [file, topArg = '25'] = process.argv.slice(2);
const prof = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Sample counts per node, weighted by the time deltas.
const selfTime = new Map();
for (let i = 0; i < prof.samples.length; i++) {
  const id = prof.samples[i];
  selfTime.set(id, (selfTime.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0));
}
const total = [...selfTime.values()].reduce((a, b) => a + b, 0);

const keyOf = (n) => {
  const f = n.callFrame;
  const url = f.url ? f.url.replace(/^.*\/(node_modules|packages)\//, '$1/') : '';
  return `${f.functionName || '(anonymous)'}  ${url}${url ? `:${f.lineNumber + 1}` : ''}`;
};
const self = new Map();
const incl = new Map();
for (const [id, t] of selfTime) {
  const k = keyOf(byId.get(id));
  self.set(k, (self.get(k) ?? 0) + t);
  // Inclusive: count once per distinct function on the stack.
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const kk = keyOf(byId.get(cur));
    if (seen.has(kk)) continue;
    seen.add(kk);
    incl.set(kk, (incl.get(kk) ?? 0) + t);
  }
}
const top = Number(topArg);
const show = (title, m) => {
  console.log(`\n${title}`);
  for (const [k, t] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((100 * t) / total).toFixed(1).padStart(6)}%  ${(t / 1000).toFixed(0).padStart(7)} ms  ${k}`);
  }
};
console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled`);
show('Self time', self);
show('Total time (inclusive)', incl);
