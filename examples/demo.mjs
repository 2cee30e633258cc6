/**
 * hushlog demo: the case hushlog exists for. A client's API key arrives in `X-API-Key`, and the
 * handler echoes it in a log message and in an error (./app.mjs). The app runs twice on
 * 127.0.0.1, each time writing its log to a real file:
 *
 *   1. with pino's native `redact` on the header: the header is hidden, the echoes leak;
 *   2. with hushlog (`pinoRedaction()` and `withRequestScope`): the key is hidden everywhere;
 *
 * then the real `hushlog check` audits the second log file. The key is fake, in no known format,
 * so no detector can spot it: only the request scope knows it. On a terminal the leaks are shown
 * in red (set NO_COLOR to turn colours off).
 *
 * Run: npm run demo   (builds the packages first; or, once built: node examples/demo.mjs)
 *      node examples/demo.mjs --no-scope   (the second run without withRequestScope)
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withRequestScope } from '@hushlog/core';
import { pinoRedaction } from '@hushlog/pino';
import pino from 'pino';
import { createApp } from './app.mjs';

/** A fake API key, assembled at run time so that secret scanners do not flag this file. */
const API_KEY = ['acme', 'live', '7Hq2Xv9LmR4tPz8WcK3nB6dY'].join('_');

/** The `hushlog` command, run from the built CLI package. */
const HUSHLOG_BIN = fileURLToPath(new URL('../packages/cli/dist/bin.js', import.meta.url));

const COLOR = process.stdout.isTTY === true && !process.env.NO_COLOR;
const paint = (code, text) => (COLOR ? `\x1b[${code}m${text}\x1b[0m` : text);
const red = (text) => paint('1;97;41', text);
const green = (text) => paint('32', text);
const bold = (text) => paint('1', text);
const dim = (text) => paint('2', text);

/**
 * One way of running the app.
 * @typedef {object} Run
 * @property {string} title
 * @property {string} setup how the logger is made, as a reader would write it
 * @property {string} file the log file's name
 * @property {(destination: import('pino').DestinationStream) => import('pino').Logger} logger
 * @property {(listener: any) => any} [wrap] what wraps the app's request listener
 */

/** `--no-scope`: run hushlog without the request scope, to see what the scope does. */
const NO_SCOPE = process.argv.includes('--no-scope');

/** @type {Run[]} */
const RUNS = [
  {
    title: "1. pino's native redact",
    setup: `pino({ redact: ['req.headers["x-api-key"]'] })`,
    file: 'pino-redact.log',
    logger: (destination) => pino({ base: undefined, redact: ['req.headers["x-api-key"]'] }, destination),
  },
  NO_SCOPE
    ? {
        title: '2. hushlog without the request scope (--no-scope)',
        setup: 'pino({ ...pinoRedaction() }), createServer(listener)',
        file: 'hushlog.log',
        logger: (destination) => pino({ base: undefined, ...pinoRedaction() }, destination),
      }
    : {
        title: '2. hushlog',
        setup: 'pino({ ...pinoRedaction() }), createServer(withRequestScope(listener))',
        file: 'hushlog.log',
        logger: (destination) => pino({ base: undefined, ...pinoRedaction() }, destination),
        wrap: (listener) => withRequestScope(listener),
      },
];

/**
 * Runs the app with one logger on an ephemeral 127.0.0.1 port, sends `GET /data` and
 * `GET /secure` with the key, and returns the lines of the log file it wrote.
 * @param {Run} run
 * @param {string} dir
 * @returns {Promise<object[]>}
 */
async function runApp(run, dir) {
  const path = join(dir, run.file);
  const destination = pino.destination({ dest: path, sync: true });
  const server = createApp(run.logger(destination), { wrap: run.wrap });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
    for (const route of ['/data', '/secure']) {
      const res = await fetch(`http://127.0.0.1:${port}${route}`, { headers: { 'X-API-Key': API_KEY } });
      await res.arrayBuffer();
    }
  } finally {
    const closed = new Promise((resolve) => server.close(resolve));
    server.closeAllConnections();
    await closed;
  }
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));
}

/**
 * The fields of a log line where the key turns up: the header, the message, the error.
 * @param {any} line
 * @returns {[string, string][]}
 */
function fieldsOf(line) {
  const fields = [];
  const header = line.req?.headers?.['x-api-key'];
  if (header !== undefined) fields.push(['x-api-key', String(header)]);
  if (line.msg !== 'request received') fields.push(['msg', String(line.msg)]);
  if (line.err !== undefined) {
    fields.push(['err.message', String(line.err.message)]);
    fields.push(['err.stack', String(line.err.stack).split('\n')[0]]);
  }
  return fields;
}

/**
 * A field's value with the key in red and hushlog's or pino's censor text in green.
 * @param {string} value
 */
function highlight(value) {
  return value
    .split(API_KEY)
    .map((part) => part.replace(/\[REDACTED[^\]]*\]|\[Redacted\]/g, (censored) => green(censored)))
    .join(red(API_KEY));
}

/**
 * Prints one run: its setup, the fields of each line, and how often the key leaked.
 * @param {Run} run
 * @param {object[]} lines
 * @returns {number} the number of fields in which the key is readable
 */
function printRun(run, lines) {
  console.log(bold(run.title));
  console.log(dim(`   ${run.setup}`));
  let leaks = 0;
  lines.forEach((line, i) => {
    fieldsOf(line).forEach(([name, value], j) => {
      const leaked = value.includes(API_KEY);
      if (leaked) leaks++;
      const number = j === 0 ? `#${i + 1}` : '';
      console.log(`   ${number.padEnd(3)} ${name.padEnd(12)} ${highlight(value)}${leaked ? red(' ← leaked') : ''}`);
    });
  });
  const verdict =
    leaks === 0 ? green('the key appears nowhere in the log') : red(`the key leaked in ${leaks} ${leaks === 1 ? 'place' : 'places'}`);
  console.log(`   → ${verdict}`);
  console.log();
  return leaks;
}

/**
 * Runs the real `hushlog check` on a log file, in the file's folder, and prints what it says.
 * @param {string} dir
 * @param {string} file
 * @returns {Promise<number>} its exit code
 */
function check(dir, file) {
  console.log(bold(`3. hushlog check ${file}`));
  return new Promise((resolve) => {
    execFile(process.execPath, [HUSHLOG_BIN, 'check', file], { cwd: dir }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 2;
      for (const line of `${stdout}${stderr}`.split('\n')) if (line.trim() !== '') console.log(`   ${line}`);
      console.log(`   → ${code === 0 ? green('exit 0: the log is clean') : red(`exit ${code}: see the findings above`)}`);
      resolve(code);
    });
  });
}

/** Runs the demo; gives up with exit code 1 if anything hangs. */
async function main() {
  const watchdog = setTimeout(() => {
    console.error('demo: timed out after 20 s');
    process.exit(1);
  }, 20_000);
  watchdog.unref();
  console.log(`The client sends ${bold('X-API-Key: ' + API_KEY)} (fake).`);
  console.log('The handler logs "data requested with key …", "calling upstream for …" and an Error "upstream rejected key …".');
  console.log();
  const dir = mkdtempSync(join(tmpdir(), 'hushlog-demo-'));
  try {
    for (const run of RUNS) printRun(run, await runApp(run, dir));
    process.exitCode = await check(dir, RUNS[RUNS.length - 1].file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
