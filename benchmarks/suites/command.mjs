// The `hushlog` command end to end on HTTP-style NDJSON (issue 14's mix): the real bin with
// `--jobs 1` and `--jobs 2`, against a plain Node loop that splits the same file into lines and
// writes JSON.stringify(JSON.parse(line)), each in a child process writing to /dev/null, interleaved
// in the same run. The file (≈120 MB in full runs, 12 MB in quick ones) is generated once into
// benchmarks/tmp/ and reused. benchmarks/cli-throughput.mjs measures a different mix (and RSS).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const name = 'command';
export const title = 'hushlog command: HTTP-style NDJSON, --jobs 1 and 2 vs a JSON.parse+stringify loop';
export const description =
  'The real `hushlog FILE -o /dev/null --jobs N` (default policy) in a child process, on pino-http-like lines ' +
  '(req with headers: half with a bearer token, a quarter with a cookie, a fifth with an api_key query; ' +
  'res.statusCode; responseTime; msg "request completed" on five lines in six, a sentence with an email on the ' +
  'sixth), against a Node child process that splits the same file into lines and writes ' +
  '`JSON.stringify(JSON.parse(line))` to /dev/null. One call per round; the time includes process start-up.';
export const libraries = [];

const TMP = fileURLToPath(new URL('../tmp/', import.meta.url));
const BIN = fileURLToPath(new URL('../../packages/cli/bin/hushlog.js', import.meta.url));
const BUILT = fileURLToPath(new URL('../../packages/cli/dist/bin.js', import.meta.url));

const AGENTS = ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36', 'curl/8.4.0', 'okhttp/4.12.0', 'python-requests/2.31.0'];
const ROUTES = ['/api/v1/orders', '/api/v1/users/me', '/api/v1/items', '/health', '/api/v1/search'];
const b64url = (s) => Buffer.from(s).toString('base64url');
const JWT_HEAD = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

/** Secrets the generated lines carry (none may reach the output). */
export const PLANTED = ['sig-for-bench', 'sid=s%3A', 'ak_live_', '@example.org'];

/** One pino-http-like line (`req`, `res`, `responseTime`, `msg`), varied by `i`. */
export function httpLogLine(i) {
  const headers = {
    host: 'api.example.com',
    'user-agent': AGENTS[i % AGENTS.length],
    accept: 'application/json',
    'accept-encoding': 'gzip, deflate, br',
    connection: 'keep-alive',
  };
  if (i % 2 === 0)
    headers.authorization = `Bearer ${JWT_HEAD}.${b64url(JSON.stringify({ sub: `user_${i % 9973}`, iat: 1714557600 + i }))}.sig-for-bench${i % 1000}`;
  if (i % 4 === 1) headers.cookie = `sid=s%3A${(i * 2654435761) >>> 0}abcdef.${i % 977}; theme=dark`;
  let url = `${ROUTES[i % ROUTES.length]}?page=${i % 17}`;
  if (i % 5 === 2) url += `&api_key=ak_live_${String(i).padStart(10, '0')}xyz`;
  const line = {
    level: 30,
    time: 1714557600000 + i * 7,
    pid: 4242,
    hostname: 'api-7f9c',
    req: {
      id: i + 1,
      method: i % 7 === 0 ? 'POST' : 'GET',
      url,
      query: {},
      params: {},
      headers,
      remoteAddress: `::ffff:10.0.${i % 250}.${(i * 7) % 250}`,
      remotePort: 40000 + (i % 20000),
    },
    res: {
      statusCode: i % 31 === 0 ? 500 : 200,
      headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': String(200 + (i % 800)) },
    },
    responseTime: (i * 37) % 400,
    msg: i % 6 === 5 ? `password reset requested for user${i % 9973}@example.org from the profile page` : 'request completed',
  };
  return JSON.stringify(line);
}

/** The input file for `bytes`, generated once (its name holds the size and a version of the mix). */
async function inputFile(bytes) {
  const file = join(TMP, `command-http-v1-${bytes}.ndjson`);
  if (existsSync(file) && statSync(file).size >= bytes) return file;
  mkdirSync(TMP, { recursive: true });
  const part = `${file}.part`;
  const out = createWriteStream(part);
  let written = 0;
  for (let i = 0; written < bytes;) {
    let chunk = '';
    for (let n = 0; n < 2000; n++, i++) chunk += httpLogLine(i) + '\n';
    written += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
  renameSync(part, file);
  return file;
}

/** The comparison loop: split into lines, JSON.stringify(JSON.parse(line)), written with backpressure. */
const LOOP = `
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
const out = createWriteStream(process.argv[3]);
let rest = '';
for await (const chunk of createReadStream(process.argv[2], { highWaterMark: 256 * 1024, encoding: 'utf8' })) {
  const lines = (rest + chunk).split('\\n');
  rest = lines.pop();
  const o = new Array(lines.length);
  for (let i = 0; i < lines.length; i++) o[i] = JSON.stringify(JSON.parse(lines[i]));
  if (!out.write(o.join('\\n') + '\\n')) await once(out, 'drain');
}
if (rest !== '') out.write(JSON.stringify(JSON.parse(rest)) + '\\n');
out.end();
await once(out, 'close');
`;

/** Runs node with `args`; resolves with stderr, rejects on a non-zero exit. */
function node(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c) => (err += c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(err) : reject(new Error(`exited ${code}: ${err.slice(-500)}`))));
  });
}

export async function register(s, { quick }) {
  const missing = existsSync(BUILT) ? undefined : 'the command is not built (run npm run build)';
  const bytes = quick ? 12e6 : 120e6;
  const file = await inputFile(bytes);
  const mb = (statSync(file).size / 1e6).toFixed(0);
  mkdirSync(TMP, { recursive: true });
  const loop = join(TMP, 'command-loop.mjs');
  writeFileSync(loop, LOOP);

  // Before timing: on a sample, --jobs 1 and --jobs 2 write the same lines, one per input line,
  // with nothing planted left; the loop writes valid JSON lines.
  let wrong = null;
  if (!missing) {
    const sample = join(TMP, 'command-sample.ndjson');
    const sampleLines = 20_000;
    writeFileSync(sample, Array.from({ length: sampleLines }, (_, i) => httpLogLine(i)).join('\n') + '\n');
    const outs = [];
    for (const jobs of [1, 2]) {
      const target = join(TMP, `command-sample-${jobs}.out`);
      await node([BIN, sample, '-o', target, '--jobs', String(jobs), '--no-progress']);
      outs.push(readFileSync(target, 'utf8'));
      rmSync(target);
    }
    const leaked = PLANTED.filter((p) => outs[0].includes(p));
    if (outs[0] !== outs[1]) wrong = '--jobs 2 wrote something else than --jobs 1';
    else if (outs[0].split('\n').length !== sampleLines + 1) wrong = 'the line count changed';
    else if (leaked.length) wrong = `left in the output: ${leaked.join(', ')}`;
  }
  const verify = () => wrong;
  const group = `${mb} MB of HTTP-style NDJSON, child process to /dev/null`;
  const hushlog = (jobs) => () => node([BIN, file, '-o', os.devNull, '--jobs', String(jobs), '--no-progress']);

  s.add({
    id: 'command/jobs-1',
    group,
    lib: 'hushlog',
    label: 'hushlog --jobs 1',
    bytes: statSync(file).size,
    oneShot: true,
    skip: missing,
    verify,
    fn: hushlog(1),
  });
  s.add({
    id: 'command/jobs-2',
    group,
    lib: 'hushlog',
    label: 'hushlog --jobs 2',
    bytes: statSync(file).size,
    oneShot: true,
    skip: missing,
    verify,
    fn: hushlog(2),
  });
  s.add({
    id: 'command/loop',
    group,
    lib: 'node',
    label: 'split + JSON.stringify(JSON.parse(line)) loop',
    bytes: statSync(file).size,
    oneShot: true,
    fn: () => node([loop, file, os.devNull]),
  });
  // The quick run's 12 MB file is a tenth of the full run's: process and worker start weigh more there
  // (--jobs 2 / --jobs 1 is about 0.8x at 12 MB and 1.5x at 120 MB; --jobs 1 / the loop 0.36-0.48x
  // against 0.41-0.50x), so floors taken from a full run do not apply, and the quick run reports both
  // ratios without one. The engine under the command stays guarded by the in-process cli suite.
  s.check({
    name: 'command --jobs 1 / JSON.parse+stringify loop (HTTP NDJSON)',
    hushlog: 'command/jobs-1',
    anchor: 'command/loop',
    target: quick ? null : 0.9,
  });
  s.check({
    name: 'command --jobs 2 / --jobs 1 (HTTP NDJSON)',
    hushlog: 'command/jobs-2',
    anchor: 'command/jobs-1',
    target: quick ? null : 1.5,
  });
}
