import { beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { PACKAGE_DIR, SECRETS, ensureBuilt, leaked } from './helpers.js';

const run = promisify(execFile);
const BURST = 5000;

/** A fresh temporary directory for one test's output. */
const tempDir = (): string => mkdtempSync(join(tmpdir(), 'hushlog-pino-'));

/** Starts the hushlog transport in a worker thread, resolved by package name as an app would. */
function hushlogTransport(options: Record<string, unknown>) {
  return pino.transport({ target: '@hushlog/pino/transport', options });
}

/** Ends a transport and waits until its worker has flushed and closed. */
async function endAndWait(transport: ReturnType<typeof pino.transport>): Promise<void> {
  const closed = once(transport, 'close');
  transport.end();
  await closed;
}

/** Parses NDJSON text into records, failing on any line that is not JSON. */
function parseLines(text: string): Array<Record<string, any>> {
  return text
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l));
}

beforeAll(() => ensureBuilt(), 60_000);

describe('@hushlog/pino/transport', () => {
  it(`redacts and writes all ${BURST} lines of a burst to a file before transport.end() resolves`, async () => {
    const file = join(tempDir(), 'logs', 'app.log'); // the folder does not exist yet
    const transport = hushlogTransport({ destination: file });
    const logger = pino(transport);
    for (let i = 0; i < BURST; i++) {
      logger.info({ i, apiKey: SECRETS.apiKey, user: { email: SECRETS.email } }, 'payment %d with card %s', i, SECRETS.card);
    }
    await endAndWait(transport);

    const text = readFileSync(file, 'utf8');
    expect(leaked(text)).toEqual([]);
    const records = parseLines(text);
    expect(records.map((r) => r.i)).toEqual(Array.from({ length: BURST }, (_, i) => i));
    expect(records[0]).toMatchObject({ apiKey: '[REDACTED]', user: { email: '[REDACTED]' }, msg: 'payment 0 with card [REDACTED:card]' });
  });

  it('redacts a line that is not JSON as text and keeps it', async () => {
    const file = join(tempDir(), 'mixed.log');
    const transport = hushlogTransport({ destination: file });
    pino(transport).info({ password: SECRETS.password }, 'before');
    transport.write(`plain text from ${SECRETS.email} with Authorization: Bearer ${SECRETS.jwt}\n`);
    transport.write(`a last line without a newline, api_key=${SECRETS.apiKey}`);
    await endAndWait(transport);

    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines).toHaveLength(4); // three lines and the final newline
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ password: '[REDACTED]', msg: 'before' });
    expect(lines[1]).toMatch(/^plain text from \[REDACTED:email\] with Authorization: Bearer \[REDACTED/);
    expect(lines[2]).toMatch(/^a last line without a newline, api_key=\[REDACTED/);
    expect(leaked(lines.join('\n'))).toEqual([]);
  });

  it('hands redacted lines to another pino target', async () => {
    const file = join(tempDir(), 'via-target.log');
    const transport = hushlogTransport({ destination: { target: 'pino/file', options: { destination: file } } });
    const logger = pino(transport);
    for (let i = 0; i < 500; i++) logger.info({ i, headers: { cookie: `session=${SECRETS.session}` } }, 'hit');
    await endAndWait(transport);

    const records = parseLines(readFileSync(file, 'utf8'));
    expect(records).toHaveLength(500);
    expect(records[499]).toMatchObject({ i: 499, headers: { cookie: 'session=[REDACTED]' } });
  });

  it('fails at startup with a clear error when the policy is not valid', async () => {
    const transport = hushlogTransport({ destination: join(tempDir(), 'never.log'), policy: { paths: ['a..b'] } });
    const [err] = (await once(transport, 'error')) as [Error];
    expect(err.message).toMatch(/^@hushlog\/pino\/transport: Invalid hushlog policy: paths\[0\]/);
  });

  it.each([
    ['an ESM', 'burst-to-stdout.mjs'],
    ['a CommonJS', 'burst-to-stdout.cjs'],
  ])(`flushes all ${BURST} lines to stdout (fd 1) when %s app exits normally`, async (_kind, script) => {
    const { stdout } = await run(process.execPath, [join(PACKAGE_DIR, 'test', 'fixtures', script), String(BURST), SECRETS.apiKey], {
      cwd: PACKAGE_DIR,
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(stdout).not.toContain(SECRETS.apiKey);
    const records = parseLines(stdout);
    expect(records).toHaveLength(BURST);
    expect(records[BURST - 1]).toMatchObject({ i: BURST - 1, apiKey: '[REDACTED]' });
    expect(records[BURST - 1]?.msg).toMatch(/^line 4999 key=\[REDACTED/);
  });
});
