import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { pinoHttp } from 'pino-http';
import { pinoRedaction } from '../src/index.js';
import { SECRETS, leaked, lineCollector } from './helpers.js';

type HttpLogger = ReturnType<typeof pinoHttp>;

/** A node:http app behind pino-http: `/pay` logs a user with a printf message, `/fail` logs an Error. */
function createApp(httpLogger: HttpLogger): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    httpLogger(req, res);
    res.setHeader('Set-Cookie', [`session=${SECRETS.setCookieSession}; Path=/; HttpOnly`, 'theme=dark; Path=/']);
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/pay') {
      const user = { id: 42, name: 'Jane Doe', email: SECRETS.email, password: SECRETS.password, card: SECRETS.card };
      req.log.info({ user }, 'user %s paid with %s', user.email, user.card);
      res.end('{"ok":true}');
    } else if (url.pathname === '/fail') {
      const err = new Error(`upstream rejected key ${String(req.headers['x-api-key'])}`);
      req.log.error({ err }, 'upstream call failed');
      res.statusCode = 502;
      res.end('{"error":"bad gateway"}');
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
}

const HEADERS = {
  Authorization: `Bearer ${SECRETS.jwt}`,
  Cookie: `session=${SECRETS.session}; theme=dark`,
  'X-API-Key': SECRETS.apiKey,
};

/** Runs the app with one pino-http setup, sends the requests, returns the collected lines. */
async function run(makeLogger: (stream: NodeJS.WritableStream) => HttpLogger): Promise<string[]> {
  const out = lineCollector();
  const server = createApp(makeLogger(out.stream));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    for (const path of [`/pay?api_key=${SECRETS.queryKey}&page=2`, '/fail']) {
      const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers: HEADERS });
      await res.arrayBuffer();
    }
    // pino-http logs on the response's 'finish'/'close'; give it a turn to run.
    await new Promise((resolve) => setTimeout(resolve, 20));
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  return out.lines;
}

const setups: Array<[string, (stream: NodeJS.WritableStream) => HttpLogger]> = [
  ['pinoHttp({ ...pinoRedaction() })', (stream) => pinoHttp({ ...pinoRedaction() }, stream)],
  ['pinoHttp({ logger: pino({ ...pinoRedaction() }) })', (stream) => pinoHttp({ logger: pino({ ...pinoRedaction() }, stream) })],
];

describe.each(setups)('real pino-http requests through %s', (_name, makeLogger) => {
  let lines: string[] = [];
  let records: Array<Record<string, any>> = [];
  beforeAll(async () => {
    lines = await run(makeLogger);
    records = lines.map((l) => JSON.parse(l));
  });
  afterAll(() => {
    lines = [];
  });

  it('writes every line as valid JSON', () => {
    expect(lines.length).toBe(4); // two handler lines, two request-completed lines
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('lets no secret through: token, cookies, API keys, email, password, card', () => {
    expect(leaked(lines.join(''))).toEqual([]);
  });

  it('keeps method, path, page=2, status and responseTime', () => {
    const done = records.filter((r) => r.responseTime !== undefined);
    expect(done.map((r) => r.res.statusCode)).toEqual([200, 502]);
    for (const r of done) {
      expect(r.req.method).toBe('GET');
      expect(typeof r.responseTime).toBe('number');
    }
    const payUrl: string = done[0]!.req.url;
    expect(payUrl.startsWith('/pay?')).toBe(true);
    expect(payUrl).toContain('page=2');
    expect(payUrl).toContain('api_key=');
    expect(done[1]!.req.url).toBe('/fail');
  });

  it('keeps the Bearer scheme and the cookie names', () => {
    for (const r of records) {
      expect(r.req.headers.authorization).toBe('Bearer [REDACTED]');
      expect(r.req.headers.cookie).toBe('session=[REDACTED]; theme=[REDACTED]');
      expect(r.req.headers['x-api-key']).toBe('[REDACTED]');
      expect(r.req.headers.host).toMatch(/^127\.0\.0\.1:\d+$/);
    }
    const setCookie = JSON.stringify(records.find((r) => r.res)?.res.headers['set-cookie']);
    expect(setCookie).toContain('session=[REDACTED]');
    expect(setCookie).toContain('Path=/');
  });

  it('redacts the printf message and the logged user', () => {
    const paid = records.find((r) => r.user);
    expect(paid?.msg).toBe('user [REDACTED:email] paid with [REDACTED:card]');
    expect(paid?.user).toMatchObject({ id: 42, name: 'Jane Doe', password: '[REDACTED]' });
  });

  it('redacts the key inside a logged error and keeps the rest of its message', () => {
    const failed = records.find((r) => r.msg === 'upstream call failed');
    expect(failed?.err.message).toMatch(/^upstream rejected key \[REDACTED/);
    expect(failed?.err.stack).toMatch(/^Error: upstream rejected key \[REDACTED/);
  });
});

describe('a handler that logs req again beside pino-http’s req binding', () => {
  it('judges both occurrences: the binding’s credentials are censored and the handler’s own req is written too', async () => {
    const out = lineCollector();
    const httpLogger = pinoHttp({ logger: pino({ ...pinoRedaction() }, out.stream) });
    const server = createServer((req, res) => {
      httpLogger(req, res);
      req.log.info({ req: { id: 7, route: '/orders/:id' } }, 'routed');
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const res = await fetch(`http://127.0.0.1:${port}/orders/7`, { headers: HEADERS });
      await res.arrayBuffer();
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    const routed = out.lines.find((l) => l.includes('"msg":"routed"'));
    expect(routed).toBeDefined();
    expect(leaked(out.lines.join(''))).toEqual([]);
    // pino writes req twice: the binding (with every header) and the handler's own, which pino-http's
    // req serializer reduces to its id (as it does without hushlog)
    expect(routed).toMatch(/"req":\{"id":1,.*"authorization":"Bearer \[REDACTED\]".*\},"req":\{"id":7\},"msg":"routed"/);
  });
});
