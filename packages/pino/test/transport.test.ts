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

  it('works as the first step of a pino pipeline, without options, handing redacted lines to the next step', async () => {
    const file = join(tempDir(), 'pipeline.log');
    const transport = pino.transport({
      pipeline: [{ target: '@hushlog/pino/transport' }, { target: 'pino/file', options: { destination: file } }],
    });
    const logger = pino(transport);
    for (let i = 0; i < BURST; i++)
      logger.info({ i, password: SECRETS.password, headers: { authorization: `Bearer ${SECRETS.jwt}` } }, 'hit');
    transport.write(`not json: mail ${SECRETS.email}\n`);
    await endAndWait(transport);

    const text = readFileSync(file, 'utf8');
    expect(leaked(text)).toEqual([]);
    const lines = text.split('\n');
    expect(lines).toHaveLength(BURST + 2);
    expect(lines.slice(0, BURST).map((l) => JSON.parse(l).i)).toEqual(Array.from({ length: BURST }, (_, i) => i));
    expect(JSON.parse(lines[0]!)).toMatchObject({ password: '[REDACTED]', headers: { authorization: 'Bearer [REDACTED]' } });
    expect(lines[BURST]).toBe('not json: mail [REDACTED:email]');
  });

  it('applies its own policy as a pipeline step that has options', async () => {
    const file = join(tempDir(), 'pipeline-policy.log');
    const transport = pino.transport({
      pipeline: [
        { target: '@hushlog/pino/transport', options: { policy: { keys: ['orderRef'] } } },
        { target: 'pino/file', options: { destination: file } },
      ],
    });
    pino(transport).info({ orderRef: 'ORD-7731-PRIVATE', apiKey: SECRETS.apiKey }, 'order');
    await endAndWait(transport);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ orderRef: '[REDACTED]', apiKey: '[REDACTED]', msg: 'order' });
  });

  it('works inside targets, beside another target, and keeps every line', async () => {
    const dir = tempDir();
    const redacted = join(dir, 'redacted.log');
    const errors = join(dir, 'errors.log');
    const transport = pino.transport({
      targets: [
        { target: '@hushlog/pino/transport', options: { destination: redacted } },
        { target: '@hushlog/pino/transport', level: 'error', options: { destination: errors } },
      ],
    });
    const logger = pino(transport);
    for (let i = 0; i < BURST; i++) {
      if (i % 100 === 0) logger.error({ i, user: { email: SECRETS.email } }, 'failed');
      else logger.info({ i, apiKey: SECRETS.apiKey }, 'ok');
    }
    await endAndWait(transport);

    const all = readFileSync(redacted, 'utf8');
    const failed = readFileSync(errors, 'utf8');
    expect(leaked(all + failed)).toEqual([]);
    expect(parseLines(all).map((r) => r.i)).toEqual(Array.from({ length: BURST }, (_, i) => i));
    expect(parseLines(failed).map((r) => r.i)).toEqual(Array.from({ length: BURST / 100 }, (_, i) => i * 100));
    expect(parseLines(failed)[0]).toMatchObject({ user: { email: '[REDACTED]' }, msg: 'failed' });
  });

  it('refuses a destination on a pipeline step that is not the last, at startup', async () => {
    const transport = pino.transport({
      pipeline: [
        { target: '@hushlog/pino/transport', options: { destination: join(tempDir(), 'never.log') } },
        { target: 'pino/file', options: { destination: join(tempDir(), 'never-either.log') } },
      ],
    });
    const [err] = (await once(transport, 'error')) as [Error];
    expect(err.message).toMatch(/^@hushlog\/pino\/transport: destination is not used in a pipeline step/);
  });

  it('keeps the redacted head of a line over maxLineBytes and censors the rest with a marker', async () => {
    const file = join(tempDir(), 'long.log');
    const transport = hushlogTransport({ destination: file, maxLineBytes: 200 });
    const logger = pino(transport);
    logger.info({ note: `${'x'.repeat(300)} ${SECRETS.apiKey}` }, 'long');
    logger.info('short');
    await endAndWait(transport);
    const [long, short] = readFileSync(file, 'utf8').split('\n');
    expect(long).toMatch(/^\{"level":30,.*\[LineTooLong: rest of a \d+-byte line censored\]$/);
    expect(long).not.toContain(SECRETS.apiKey);
    expect(JSON.parse(short!)).toMatchObject({ msg: 'short' });
  });
});
