#!/usr/bin/env node
// Runs one benchmark case in a tight loop, for profiling:
//   node --cpu-prof --cpu-prof-dir=/tmp/hushlog-prof benchmarks/tools/profile-case.mjs paths static/hushlog [seconds]
//   node benchmarks/tools/cpuprofile-top.mjs /tmp/hushlog-prof/<file>.cpuprofile
// Keep profiles out of the repository (write them under /tmp).
import { core } from '../lib/core.mjs';
import { createSuiteRegistry } from '../lib/harness.mjs';
import { suites } from '../suites/index.mjs';

const [suiteName, caseId, secondsArg = '5'] = process.argv.slice(2);
const suite = suites.find((s) => s.name === suiteName);
if (!suite || !caseId) {
  console.error('usage: profile-case.mjs <suite> <case-id> [seconds]   (see run.mjs --list)');
  process.exit(2);
}
const reg = createSuiteRegistry(suite);
await suite.register(reg, { core, quick: false });
const c = reg.cases.find((x) => x.id === caseId);
if (!c) {
  console.error(`no case ${caseId} in ${suiteName}: ${reg.cases.map((x) => x.id).join(', ')}`);
  process.exit(2);
}

let sink = 0;
let n = 0;
const deadline = performance.now() + Number(secondsArg) * 1000;
while (performance.now() < deadline) {
  for (let i = 0; i < 1000; i++) {
    const out = c.fn(c.input ? c.input() : undefined);
    sink += typeof out === 'string' ? out.length : 1;
  }
  n += 1000;
}
console.log(`${caseId}: ${n} calls, ${((Number(secondsArg) * 1e9) / n).toFixed(0)} ns/call (sink ${sink})`);
