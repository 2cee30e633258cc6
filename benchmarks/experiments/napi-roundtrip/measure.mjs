// Measures the round trip of a pino line through native code (see README.md). Build first:
//   cd benchmarks/experiments/napi-roundtrip && npx node-gyp rebuild
// then from the repository root, with the packages built: node benchmarks/experiments/napi-roundtrip/measure.mjs
import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { core } from '../../lib/core.mjs';
import { httpRecord, httpRecordPaths } from '../../records.mjs';

const require = createRequire(import.meta.url);
const addon = require('./build/Release/roundtrip.node');
const pino = require('pino');

const nullSink = () => new Writable({ decodeStrings: false, write: (_chunk, _enc, cb) => cb() });
let line = '';
pino({}, new Writable({ decodeStrings: false, write: (chunk, _enc, cb) => ((line = chunk), cb()) })).info(httpRecord());
// pino hands streamWrite a string built by concatenation; rebuild one the same way per call
const pieces = line.match(/.{1,40}/gs);
const concatenated = () => pieces.reduce((s, p) => s + p, '');

const record = httpRecord();
const redactor = core.createRedactor();
const loggers = {
  plain: pino({}, nullSink()),
  native: pino({ redact: [...httpRecordPaths] }, nullSink()),
  echo: pino({ hooks: { streamWrite: (s) => addon.echo(s) } }, nullSink()),
  check: pino({ hooks: { streamWrite: (s) => addon.check(s) } }, nullSink()),
};
const cases = {
  'echo, flat line': () => addon.echo(line),
  'check, flat line': () => addon.check(line),
  'echo, concatenated line (incl. building it)': () => addon.echo(concatenated()),
  'building the concatenated line alone': () => concatenated(),
  'JSON.parse, flat line': () => JSON.parse(line),
  'hushlog redactLine, flat line': () => redactor.redactLine(line),
  'pino, plain': () => loggers.plain.info(record),
  'pino, native redact (5 paths)': () => loggers.native.info(record),
  'pino + native echo in streamWrite': () => loggers.echo.info(record),
  'pino + native check in streamWrite': () => loggers.check.info(record),
};

console.log(`pino line: ${line.length} bytes; best of 7 rounds of 20,000 calls`);
for (const [name, fn] of Object.entries(cases)) {
  for (let i = 0; i < 20_000; i++) fn();
  let best = Infinity;
  for (let round = 0; round < 7; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < 20_000; i++) fn();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 20_000);
  }
  console.log(`${name.padEnd(46)} ${best.toFixed(0).padStart(6)} ns`);
}
