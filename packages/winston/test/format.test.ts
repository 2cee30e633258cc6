import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PolicyError, runWithSecrets, type Policy } from '@hushlog/core';
import winston from 'winston';
import { afterAll, describe, expect, it } from 'vitest';
import { CENSORED_ENTRY, redactFormat } from '../src/index.js';
import { LEVEL, MESSAGE, SPLAT } from '../src/symbols.js';
import {
  API_KEY,
  BEARER,
  CARD,
  DATABASE_URL,
  DB_PASSWORD,
  EMAIL,
  PASSWORD,
  WINSTON_WRITES,
  expectNoSecrets,
  lineSink,
  settle,
  snapshot,
  snapshotOwn,
} from './fixtures.js';

const { format } = winston;

/** The documented pipeline: errors() and splat() first, redactFormat(), then the finalizing format. */
function jsonLogger(options: { policy?: Policy; defaultMeta?: object; finalize?: winston.Logform.Format } = {}) {
  const sink = lineSink();
  const logger = winston.createLogger({
    level: 'debug',
    defaultMeta: options.defaultMeta,
    format: format.combine(format.errors({ stack: true }), format.splat(), redactFormat(options.policy), options.finalize ?? format.json()),
    transports: [new winston.transports.Stream({ stream: sink.stream })],
  });
  return { logger, sink };
}

const parsed = (line: string | undefined): Record<string, unknown> => JSON.parse(line ?? 'null') as Record<string, unknown>;

describe('redactFormat', () => {
  it('redacts the message and meta of a child logger and keeps service from defaultMeta', async () => {
    const { logger, sink } = jsonLogger({ defaultMeta: { service: 'billing' } });
    const child = logger.child({ requestId: 'req-7' });
    child.info(`charged ${EMAIL}`, { user: { id: 42, password: PASSWORD }, headers: { authorization: `Bearer ${BEARER}` } });
    await settle();

    expectNoSecrets(sink.text());
    const line = parsed(sink.lines[0]);
    expect(line).toMatchObject({
      level: 'info',
      message: 'charged [REDACTED:email]',
      service: 'billing',
      requestId: 'req-7',
      user: { id: 42, password: '[REDACTED]' },
      headers: { authorization: 'Bearer [REDACTED]' },
    });
  });

  it("leaves the caller's object exactly as winston left it when the object carries the message", async () => {
    const { logger, sink } = jsonLogger({ defaultMeta: { service: 'billing' } });
    const entry = { message: `login by ${EMAIL}`, user: { name: 'Jane', password: PASSWORD }, tags: ['a', 'b'] };
    const before = snapshotOwn(entry);
    logger.info(entry);
    await settle();

    expectNoSecrets(sink.text());
    expect(parsed(sink.lines[0])).toMatchObject({ message: 'login by [REDACTED:email]', service: 'billing' });
    // winston itself adds level, [LEVEL] and defaultMeta to the caller's object (winston #1775);
    // nothing else may change: no censored values, no [MESSAGE], no [SPLAT].
    expect(entry).toMatchObject({ level: 'info', service: 'billing', [LEVEL]: 'info' });
    expect(snapshotOwn(entry, [...WINSTON_WRITES, 'service'])).toBe(before);
    expect(entry.user.password).toBe(PASSWORD);
  });

  it('leaves a meta object untouched and does not throw when it is frozen', async () => {
    const { logger, sink } = jsonLogger({ defaultMeta: { service: 'billing' } });
    const meta = Object.freeze({ user: Object.freeze({ email: EMAIL, password: PASSWORD }), card: CARD, orderId: 'ord_1' });
    const before = snapshot(meta);
    expect(() => logger.warn('payment declined', meta)).not.toThrow();
    await settle();

    expect(snapshot(meta)).toBe(before);
    expectNoSecrets(sink.text());
    expect(parsed(sink.lines[0])).toMatchObject({ message: 'payment declined', orderId: 'ord_1', service: 'billing' });
  });

  it('returns a new info and never writes to the one it is given, even a frozen one', () => {
    const info = Object.freeze({
      level: 'info',
      message: `token ${BEARER}`,
      [LEVEL]: 'info',
      [SPLAT]: Object.freeze([Object.freeze({ password: PASSWORD })]),
      nested: Object.freeze({ apiKey: API_KEY }),
    });
    const before = snapshot(info);
    const out = redactFormat().transform(info as unknown as winston.Logform.TransformableInfo) as winston.Logform.TransformableInfo;

    expect(out).not.toBe(info);
    expect(snapshot(info)).toBe(before);
    expect(out[LEVEL]).toBe('info');
    expect(out[SPLAT]).toEqual([{ password: '[REDACTED]' }]);
    expectNoSecrets(JSON.stringify(out));
  });

  it('redacts splat arguments interpolated with %s and %o, and keeps the rest of the text', async () => {
    const { logger, sink } = jsonLogger();
    logger.info('user %s signed in with %o', EMAIL, { name: 'Jane', password: PASSWORD, headers: { 'X-API-Key': API_KEY } });
    await settle();

    expectNoSecrets(sink.text());
    const message = String(parsed(sink.lines[0]).message);
    expect(message).toContain('user [REDACTED:email] signed in with');
    expect(message).toContain("name: 'Jane'");
    expect(message).toContain("password: '[REDACTED]'");
  });

  it('redacts the extra splat object that becomes meta', async () => {
    const { logger, sink } = jsonLogger();
    logger.info('order %s paid', 'ord_9', { card: CARD, cardHolder: 'Jane Doe' });
    await settle();

    expectNoSecrets(sink.text());
    expect(parsed(sink.lines[0])).toMatchObject({ message: 'order ord_9 paid', cardHolder: 'Jane Doe' });
  });

  it('redacts info[SPLAT] for a format that reads it', async () => {
    const sink = lineSink();
    const logger = winston.createLogger({
      format: format.combine(
        format.splat(),
        redactFormat(),
        format.printf((info) => `${info.level} ${String(info.message)} args=${JSON.stringify(info[SPLAT])}`),
      ),
      transports: [new winston.transports.Stream({ stream: sink.stream })],
    });
    logger.info('login for %s', EMAIL, { session: { token: BEARER } });
    logger.info('plain meta', { client: { token: BEARER }, user: 'jane' });
    await settle();

    expectNoSecrets(sink.text());
    expect(sink.lines).toEqual([
      'info login for [REDACTED:email] args=["[REDACTED:email]"]',
      'info plain meta args=[{"client":{"token":"[REDACTED]"},"user":"jane"}]',
    ]);
  });

  it("redacts an Error's message, stack, cause and own properties with errors({ stack: true })", async () => {
    const { logger, sink } = jsonLogger({ defaultMeta: { service: 'billing' } });
    const err = Object.assign(new Error(`cannot reach ${DATABASE_URL}`, { cause: new Error(`token ${BEARER} expired`) }), {
      code: 'ECONNREFUSED',
      apiKey: API_KEY,
    });
    const before = snapshotOwn(err);
    logger.error(err);
    logger.error('charge failed', err);
    logger.error('wrapped', { err });
    await settle();

    expectNoSecrets(sink.text());
    expect(sink.lines).toHaveLength(3);
    for (const line of sink.lines) {
      expect(line).toContain('cannot reach postgres://app:');
      expect(line).toContain('ECONNREFUSED');
      expect(parsed(line).service).toBe('billing');
    }
    expect(parsed(sink.lines[0])).toMatchObject({
      message: expect.stringContaining('cannot reach'),
      stack: expect.stringContaining('Error: cannot reach'),
    });
    // winston adds level, [LEVEL] and defaultMeta to an Error logged directly; hushlog changes nothing.
    expect(snapshotOwn(err, [...WINSTON_WRITES, 'service'])).toBe(before);
    expect(err.message).toContain(DB_PASSWORD);
  });

  it('redacts info[MESSAGE] when a finalizing format already ran', async () => {
    for (const finalize of [
      format.json(),
      format.printf((info) => `${info.level}: ${String(info.message)} ${JSON.stringify(info.user)}`),
    ]) {
      const sink = lineSink();
      const logger = winston.createLogger({
        format: format.combine(finalize, redactFormat()),
        transports: [new winston.transports.Stream({ stream: sink.stream })],
      });
      logger.info(`mail to ${EMAIL}`, { user: { password: PASSWORD } });
      await settle();
      expectNoSecrets(sink.text());
      expect(sink.lines[0]).toContain('mail to [REDACTED:email]');
    }
  });

  it('scrubs the known secrets of a runWithSecrets scope', async () => {
    const { logger, sink } = jsonLogger();
    const opaque = 'opaque-session-7f3a9c1e5b';
    runWithSecrets([opaque], () => logger.info(`resumed ${opaque}`, { note: `handle=${opaque}` }));
    await settle();

    expectNoSecrets(sink.text(), [opaque]);
    expect(parsed(sink.lines[0]).message).toBe('resumed [REDACTED:known-secret]');
  });

  it('applies a custom policy and rejects an invalid one when the logger is set up', async () => {
    const { logger, sink } = jsonLogger({ policy: { keys: ['pinCode'], censor: { type: 'replace', text: '***' } } });
    logger.info('custom', { pinCode: '9911', pin_code: '9922', city: 'Lyon' });
    await settle();

    expect(parsed(sink.lines[0])).toMatchObject({ pinCode: '***', pin_code: '***', city: 'Lyon' });
    expect(() => redactFormat({ preset: 'everything' } as unknown as Policy)).toThrow(PolicyError);
  });

  it('censors an entry it cannot read instead of throwing', () => {
    const hostile = new Proxy(
      { level: 'info', message: 'x' },
      {
        ownKeys() {
          throw new Error('no keys for you');
        },
      },
    );
    const out = redactFormat().transform(hostile as winston.Logform.TransformableInfo) as winston.Logform.TransformableInfo;
    expect(out).toMatchObject({ level: 'info', message: CENSORED_ENTRY });
  });

  describe('with a File transport', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hushlog-winston-format-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('writes redacted JSON lines to the file', async () => {
      const filename = join(dir, 'app.log');
      const file = new winston.transports.File({ filename });
      const logger = winston.createLogger({
        defaultMeta: { service: 'billing' },
        format: format.combine(format.errors({ stack: true }), format.splat(), redactFormat(), format.json()),
        transports: [file],
      });
      logger.info('login %s', EMAIL, { password: PASSWORD });
      logger.error(new Error(`db ${DATABASE_URL} down`));
      await new Promise((resolve) => {
        file.once('finish', resolve);
        logger.end();
      });

      const text = readFileSync(filename, 'utf8');
      expectNoSecrets(text);
      const lines = text.trim().split('\n').map(parsed);
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatchObject({ message: 'login [REDACTED:email]', service: 'billing', password: '[REDACTED]' });
      expect(lines[1]).toMatchObject({ level: 'error', message: expect.stringContaining('db postgres://app:'), service: 'billing' });
      expect(text).not.toContain(MESSAGE.toString());
    });
  });
});
