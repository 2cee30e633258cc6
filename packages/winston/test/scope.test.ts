/**
 * Request scopes behind a slow transport. winston hands entries to a transport later, outside
 * the request's async context, once the transport falls behind; even the logger's own format
 * then runs later. The secrets of the request's `runWithSecrets` scope must still be scrubbed
 * from what it logged: they are captured when the entry is logged.
 */
import { randomBytes } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runWithSecrets } from '@hushlog/core';
import winston from 'winston';
import TransportStream from 'winston-transport';
import { afterEach, describe, expect, it } from 'vitest';
import { RedactingTransport, redactFormat } from '../src/index.js';
import { MESSAGE } from '../src/symbols.js';
import { snapshotOwn } from './fixtures.js';

const { format } = winston;

/** A real transport that falls behind: each line is kept a few milliseconds after it was handed over. */
class SlowTransport extends TransportStream {
  readonly lines: string[] = [];
  constructor(options?: TransportStream.TransportStreamOptions) {
    super(options);
  }
  override log(info: Record<string | symbol, unknown>, callback: () => void): void {
    setTimeout(() => {
      this.lines.push(String(info[MESSAGE]));
      callback();
    }, 3);
  }
}

/** An opaque per-request key: no detector knows its shape, only the request's scope does. */
const requestKey = (): string => `rk${randomBytes(12).toString('hex')}`;

let server: Server | null = null;
afterEach(async () => {
  if (server) await new Promise((resolve) => server!.close(resolve));
  server = null;
});

/**
 * Serves `count` concurrent requests on 127.0.0.1, each with its own X-API-Key. The handler logs
 * the key inside the request's scope, answers at once, and the lines are awaited afterwards.
 * Returns the keys sent.
 */
async function serveConcurrentRequests(count: number, log: (key: string) => void): Promise<string[]> {
  server = createServer((req, res) => {
    const key = String(req.headers['x-api-key']);
    runWithSecrets([key], () => {
      log(key);
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const keys = Array.from({ length: count }, requestKey);
  await Promise.all(
    keys.map(
      (key) =>
        new Promise<void>((resolve, reject) => {
          const req = request({ host: '127.0.0.1', port, path: '/data', headers: { 'x-api-key': key }, agent: false }, (res) => {
            res.resume();
            res.on('end', resolve);
          });
          req.on('error', reject);
          req.end();
        }),
    ),
  );
  return keys;
}

/** Waits until `transport` has kept `count` lines. */
async function linesOf(transport: SlowTransport, count: number): Promise<string[]> {
  const deadline = Date.now() + 20_000;
  while (transport.lines.length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  return transport.lines;
}

/** The keys that reached the output in clear. */
const leaked = (lines: string[], keys: string[]): string[] => keys.filter((key) => lines.some((line) => line.includes(key)));

/**
 * Serves 200 concurrent requests that each log `steps` lines holding their key through `logger`,
 * waits for `slow` to keep them all, and returns the lines and the keys that leaked.
 */
async function logStepsPerRequest(
  logger: winston.Logger,
  slow: SlowTransport,
  steps: number,
): Promise<{ lines: string[]; leaks: string[] }> {
  const keys = await serveConcurrentRequests(200, (key) => {
    for (let step = 1; step <= steps; step++) logger.info(`step ${step} with key ${key}`);
  });
  const lines = await linesOf(slow, 200 * steps);
  return { lines, leaks: leaked(lines, keys) };
}

describe('behind a slow transport, with 200 concurrent requests on a real server', () => {
  it("RedactingTransport scrubs every request's key from what the request logged", async () => {
    const slow = new SlowTransport();
    const logger = winston.createLogger({ format: format.json(), transports: [new RedactingTransport({ transport: slow })] });
    const keys = await serveConcurrentRequests(200, (key) => logger.info(`data requested with key ${key}`, { route: '/data' }));
    const lines = await linesOf(slow, 200);

    expect(lines).toHaveLength(200);
    expect(leaked(lines, keys)).toEqual([]);
    for (const line of lines)
      expect(JSON.parse(line)).toMatchObject({ message: 'data requested with key [REDACTED:known-secret]', route: '/data' });
  });

  it('redactFormat in the logger format scrubs them too, although that format runs late', async () => {
    const slow = new SlowTransport();
    const logger = winston.createLogger({ format: format.combine(redactFormat(), format.json()), transports: [slow] });
    const { lines, leaks } = await logStepsPerRequest(logger, slow, 5);

    expect(lines).toHaveLength(1000);
    expect(leaks).toEqual([]);
  });

  it('redactFormat scrubs them after a format of the logger that returns a new object', async () => {
    const slow = new SlowTransport();
    const addService = format((info) => ({ ...info, service: 'api' }));
    const logger = winston.createLogger({ format: format.combine(addService(), redactFormat(), format.json()), transports: [slow] });
    const { lines, leaks } = await logStepsPerRequest(logger, slow, 5);

    expect(lines).toHaveLength(1000);
    expect(leaks).toEqual([]);
    expect(JSON.parse(lines[0]!)).toMatchObject({ service: 'api' });
  });

  it('RedactingTransport scrubs them after a format of the logger that returns a new object', async () => {
    const slow = new SlowTransport();
    const addService = format((info) => ({ ...info, service: 'api' }));
    const logger = winston.createLogger({
      format: format.combine(addService(), format.json()),
      transports: [new RedactingTransport({ transport: slow })],
    });
    const keys = await serveConcurrentRequests(200, (key) => logger.info(`data requested with key ${key}`));
    const lines = await linesOf(slow, 200);

    expect(lines).toHaveLength(200);
    expect(leaked(lines, keys)).toEqual([]);
  });

  it('redactFormat set on the slow transport itself scrubs them (winston-transport formats a copy, late)', async () => {
    const slow = new SlowTransport({ format: format.combine(redactFormat(), format.json()) });
    const logger = winston.createLogger({ transports: [slow] });
    const { lines, leaks } = await logStepsPerRequest(logger, slow, 3);

    expect(lines).toHaveLength(600);
    expect(leaks).toEqual([]);
  });

  it('scrubs them when a logger hands its entries to another logger that redacts', async () => {
    const slow = new SlowTransport();
    const inner = winston.createLogger({ format: format.combine(redactFormat(), format.json()), transports: [slow] });
    const outer = winston.createLogger({ format: format.label({ label: 'api' }), transports: [inner] });
    const { lines, leaks } = await logStepsPerRequest(outer, slow, 3);

    expect(lines).toHaveLength(600);
    expect(leaks).toEqual([]);
  });

  it("scrubs the keys logged through a child logger and as the caller's own object, which stays unchanged", async () => {
    const slow = new SlowTransport();
    const logger = winston.createLogger({ format: format.json(), transports: [new RedactingTransport({ transport: slow })] });
    const child = logger.child({ component: 'api' });
    const entries: { message: string; key: string }[] = [];
    const snapshots: string[] = [];
    const keys = await serveConcurrentRequests(100, (key) => {
      child.info(`child saw ${key}`);
      const entry = { message: `object with ${key}`, key };
      entries.push(entry);
      logger.info(entry);
      snapshots.push(snapshotOwn(entry, [MESSAGE]));
    });
    const lines = await linesOf(slow, 200);

    expect(lines).toHaveLength(200);
    expect(leaked(lines, keys)).toEqual([]);
    // Nothing was recorded on the caller's object: it is as winston left it (the app's json(),
    // which ran later, wrote [MESSAGE] on it, winston #1775; that is not hushlog's doing).
    entries.forEach((entry, i) => expect(snapshotOwn(entry, [MESSAGE])).toBe(snapshots[i]));
  });
});
