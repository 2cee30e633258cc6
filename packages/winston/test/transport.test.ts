import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Policy } from '@hushlog/core';
import winston from 'winston';
import { afterAll, describe, expect, it } from 'vitest';
import { RedactingTransport, redactFormat } from '../src/index.js';
import { API_KEY, BEARER, DATABASE_URL, EMAIL, PASSWORD, expectNoSecrets, lineSink, settle, snapshotOwn } from './fixtures.js';

const { format } = winston;

/** The app's logger, whose format hushlog cannot change: plain errors(), splat() and json(). */
function appLogger(transport: winston.transport, defaultMeta: object = { service: 'checkout' }) {
  return winston.createLogger({
    level: 'debug',
    defaultMeta,
    format: format.combine(format.errors({ stack: true }), format.splat(), format.json()),
    transports: [transport],
  });
}

describe('RedactingTransport', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hushlog-winston-transport-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("redacts every line even though the app's format cannot be changed", async () => {
    const sink = lineSink();
    const logger = appLogger(new RedactingTransport({ transport: new winston.transports.Stream({ stream: sink.stream }) }));
    const entry = { message: `checkout for ${EMAIL}`, payment: { apiKey: API_KEY } };
    const before = snapshotOwn(entry);
    logger.info(entry);
    logger.info('login %s with %o', EMAIL, { password: PASSWORD, remember: true });
    logger.error(new Error(`cannot reach ${DATABASE_URL}`));
    await settle();

    expectNoSecrets(sink.text());
    expect(sink.lines).toHaveLength(3);
    expect(JSON.parse(sink.lines[0]!)).toMatchObject({ message: 'checkout for [REDACTED:email]', service: 'checkout' });
    expect(sink.lines[1]).toContain('login [REDACTED:email] with');
    expect(sink.lines[1]).toContain('remember: true');
    expect(sink.lines[2]).toContain('cannot reach postgres://app:');
    // winston wrote level, [LEVEL] and defaultMeta onto the caller's object, and the app's own json()
    // wrote [MESSAGE] (winston #1775): that is the app's format. hushlog changed nothing.
    expect(snapshotOwn(entry, ['level', 'service', Symbol.for('level'), Symbol.for('message')])).toBe(before);
  });

  it("applies the inner transport's own format to redacted values", async () => {
    const sink = lineSink();
    const inner = new winston.transports.Stream({
      stream: sink.stream,
      format: format.printf((info) => `[${info.level}] ${String(info.message)} user=${JSON.stringify(info.user)}`),
    });
    const logger = appLogger(new RedactingTransport({ transport: inner }));
    logger.warn(`reset for ${EMAIL}`, { user: { id: 7, password: PASSWORD } });
    await settle();

    expect(sink.lines).toEqual(['[warn] reset for [REDACTED:email] user={"id":7,"password":"[REDACTED]"}']);
  });

  it("honours the inner transport's level, also when it changes later", async () => {
    const sink = lineSink();
    const inner = new winston.transports.Stream({ stream: sink.stream, level: 'warn' });
    const wrapper = new RedactingTransport({ transport: inner });
    const logger = appLogger(wrapper);
    logger.info('not written');
    logger.warn('written');
    await settle();
    expect(sink.lines.map((line) => JSON.parse(line).message)).toEqual(['written']);

    inner.level = 'info';
    expect(wrapper.level).toBe('info');
    logger.info('now written');
    logger.debug('still not written');
    await settle();
    expect(sink.lines.map((line) => JSON.parse(line).message)).toEqual(['written', 'now written']);
  });

  it('does not redact twice an entry that redactFormat with the same policy returned and nothing changed since', async () => {
    let calls = 0;
    const policy: Policy = { censor: () => `[censored #${++calls}]` };
    const sink = lineSink();
    const logger = winston.createLogger({
      format: redactFormat(policy),
      transports: [new RedactingTransport({ transport: new winston.transports.Stream({ stream: sink.stream }), policy })],
    });
    logger.info('signup', { password: PASSWORD });
    await settle();

    expect(JSON.parse(sink.lines[0]!)).toMatchObject({ password: '[censored #1]' });
    expect(calls).toBe(1);
  });

  it('redacts what a format placed after redactFormat added, although the same policy already ran', async () => {
    const policy: Policy = {};
    const sink = lineSink();
    const addsPassword = format((info) => {
      info.password = PASSWORD; // a new top-level field
      (info.user as Record<string, unknown>).token = BEARER; // written into a nested object of the redacted entry
      return info;
    })();
    const logger = winston.createLogger({
      format: format.combine(redactFormat(policy), addsPassword, format.json()),
      transports: [new RedactingTransport({ transport: new winston.transports.Stream({ stream: sink.stream }), policy })],
    });
    logger.info('signup', { user: { id: 7, email: EMAIL } });
    await settle();

    expectNoSecrets(sink.text());
    expect(JSON.parse(sink.lines[0]!)).toMatchObject({
      message: 'signup',
      password: '[REDACTED]',
      user: { id: 7, email: '[REDACTED]', token: '[REDACTED]' },
    });
  });

  it('redacts an entry redactFormat returned when a later format rewrote only its finished line', async () => {
    const policy: Policy = {};
    const sink = lineSink();
    const appendsKey = format((info) => {
      info[Symbol.for('message')] = `${String(info[Symbol.for('message')])} api_key=${API_KEY}`;
      return info;
    })();
    const logger = winston.createLogger({
      format: format.combine(redactFormat(policy), format.simple(), appendsKey),
      transports: [new RedactingTransport({ transport: new winston.transports.Stream({ stream: sink.stream }), policy })],
    });
    logger.info('charged');
    await settle();

    expectNoSecrets(sink.text());
    expect(sink.lines[0]).toMatch(/^info: charged api_key=\[REDACTED/);
  });

  it('writes the redacted entry as JSON and emits warn when the inner format throws', async () => {
    const sink = lineSink();
    const broken = format(() => {
      throw new Error('format bug');
    })();
    const wrapper = new RedactingTransport({ transport: new winston.transports.Stream({ stream: sink.stream, format: broken }) });
    const warnings: unknown[] = [];
    wrapper.on('warn', (err) => warnings.push(err));
    const logger = appLogger(wrapper);
    expect(() => logger.info('still logged', { token: BEARER })).not.toThrow();
    await settle();

    expectNoSecrets(sink.text());
    expect(JSON.parse(sink.lines[0]!)).toMatchObject({ message: 'still logged', token: '[REDACTED]', service: 'checkout' });
    expect(warnings).toHaveLength(1);
  });

  it('writes redacted lines to a File transport and finishes when the logger ends', async () => {
    const filename = join(dir, 'app.log');
    const wrapper = new RedactingTransport({ transport: new winston.transports.File({ filename }) });
    const logger = appLogger(wrapper);
    logger.info('card on file', { card: { number: '4111 1111 1111 1111', holder: 'Jane Doe' }, email: EMAIL });
    await new Promise((resolve) => {
      wrapper.once('finish', resolve);
      logger.end();
    });

    const text = readFileSync(filename, 'utf8');
    expectNoSecrets(text);
    expect(JSON.parse(text)).toMatchObject({ message: 'card on file', service: 'checkout', card: { holder: 'Jane Doe' } });
  });

  it('ends the inner transport and calls back when it is ended on its own, and when it is removed from its logger', async () => {
    const alone = new RedactingTransport({ transport: new winston.transports.File({ filename: join(dir, 'alone.log') }) });
    await new Promise<void>((resolve) => alone.end(resolve));
    expect(
      alone.transport.writableFinished ?? (alone.transport as unknown as { _writableState: { finished: boolean } })._writableState.finished,
    ).toBe(true);

    const sink = lineSink();
    const removed = new RedactingTransport({ transport: new winston.transports.Stream({ stream: sink.stream }) });
    const logger = appLogger(removed);
    logger.info('before removal', { token: BEARER });
    logger.remove(removed);
    await new Promise<void>((resolve) => removed.end(resolve));
    expectNoSecrets(sink.text());
    expect(sink.lines).toHaveLength(1);
  });

  it('refuses something that is not a winston transport', () => {
    expect(() => new RedactingTransport({ transport: {} as winston.transport })).toThrow(TypeError);
  });
});
