import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import axios, { AxiosError } from 'axios';
import winston from 'winston';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedactingTransport, redactFormat } from '../src/index.js';
import { API_KEY, BEARER, SESSION, expectNoSecrets, lineSink, settle, snapshotOwn } from './fixtures.js';

const { format } = winston;

/** What the failed request carried: every one of these must stay out of the logs. */
const API_KEY_HEADER = ['xk', 'FAKE', '0000hushlog0000'].join('-');
const REQUEST_SECRETS = [BEARER, API_KEY, SESSION, API_KEY_HEADER];

let server: Server;
let error: AxiosError;

/** A real axios error: a request with credentials to a local server that answers 401 with a session cookie. */
beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(401, { 'content-type': 'application/json', 'set-cookie': `session=${SESSION}; Path=/; HttpOnly` });
    res.end(JSON.stringify({ error: 'invalid credentials' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    await axios.get(`http://127.0.0.1:${port}/v1/invoices?api_key=${API_KEY}&page=2`, {
      headers: { Authorization: `Bearer ${BEARER}`, 'X-API-Key': API_KEY_HEADER },
    });
  } catch (err) {
    error = err as AxiosError;
  }
  expect(error).toBeInstanceOf(AxiosError);
  expect(error.response?.status).toBe(401);
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** Logs the axios error in the three usual ways and returns the lines. */
async function logThreeWays(logger: winston.Logger, sink: ReturnType<typeof lineSink>): Promise<string[]> {
  logger.error('invoice sync failed', { err: error }); // as meta
  logger.error(error); // directly
  logger.error('invoice sync failed: %o', error); // through splat
  logger.error('invoice sync failed', error); // as winston's meta argument
  await settle();
  return sink.lines;
}

describe('a real axios 401 error', () => {
  it('is redacted by redactFormat whether logged as meta, directly or through splat', async () => {
    const sink = lineSink();
    const logger = winston.createLogger({
      defaultMeta: { service: 'invoices' },
      format: format.combine(format.errors({ stack: true }), format.splat(), redactFormat(), format.json()),
      transports: [new winston.transports.Stream({ stream: sink.stream })],
    });
    const before = snapshotOwn(error.config!.headers as object);
    const lines = await logThreeWays(logger, sink);

    expect(lines).toHaveLength(4);
    expectNoSecrets(lines.join('\n'), REQUEST_SECRETS);
    for (const line of lines) {
      expect(line).toContain('Request failed with status code 401');
      expect(JSON.parse(line)).toMatchObject({ level: 'error', service: 'invoices' });
    }
    // The classic leak: config.headers.Authorization keeps its scheme, loses its token.
    expect(lines[0]).toContain('"Authorization":"Bearer [REDACTED]"');
    expect(lines[1]).toContain('"Authorization":"Bearer [REDACTED]"');
    expect(lines[2]).toContain("Authorization: 'Bearer [REDACTED]'");
    // (The fourth keeps axios' message only: splat() merges the error into info, message included.)
    for (const i of [0, 2]) expect(lines[i]).toContain('invoice sync failed');
    // The axios error's own headers were read, never censored in place.
    expect(snapshotOwn(error.config!.headers as object)).toBe(before);
    expect(error.config!.headers.Authorization).toBe(`Bearer ${BEARER}`);
  });

  it('is redacted by a RedactingTransport around a logger whose format knows nothing of hushlog', async () => {
    const sink = lineSink();
    const logger = winston.createLogger({
      defaultMeta: { service: 'invoices' },
      format: format.combine(format.errors({ stack: true }), format.splat(), format.json()),
      transports: [new RedactingTransport({ transport: new winston.transports.Stream({ stream: sink.stream }) })],
    });
    const lines = await logThreeWays(logger, sink);

    expect(lines).toHaveLength(4);
    expectNoSecrets(lines.join('\n'), REQUEST_SECRETS);
    for (const line of lines) expect(line).toContain('Request failed with status code 401');
  });
});
