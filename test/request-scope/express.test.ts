/**
 * requestScope() in a real Express 5 app on 127.0.0.1: concurrent requests, a slow POST through
 * express.json(), and pino-http's req.log.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { requestScope } from '@hushlog/core';
import { pinoRedaction } from '@hushlog/pino';
import express from 'express';
import pino from 'pino';
import { pinoHttp } from 'pino-http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callers, expectScopedLines, fireAll, jitter, KNOWN, message, newKey, postSlowly } from './helpers.js';
import { clearWritten, logEverywhere } from './loggers.js';

let server: Server | undefined;
beforeEach(clearWritten);
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

async function listen(app: express.Express): Promise<number> {
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server?.once('listening', resolve));
  return (server.address() as AddressInfo).port;
}

describe('requestScope() with Express', () => {
  it('hides each concurrent request’s own key from every logger, and never another request’s', async () => {
    const app = express();
    app.use(requestScope());
    app.get('/call', async (req, res) => {
      await jitter();
      logEverywhere(message(req.get('x-request-name') ?? '', req.get('x-api-key') ?? '', req.get('x-peer') ?? ''));
      await jitter();
      logEverywhere(message(req.get('x-request-name') ?? '', req.get('x-api-key') ?? '', req.get('x-peer') ?? ''));
      res.send('ok');
    });
    const port = await listen(app);
    const all = callers(24);
    await fireAll(`http://127.0.0.1:${port}/call`, all);
    expectScopedLines(all, 2);
  });

  it('keeps the scope through express.json() when the body arrives after the headers', async () => {
    const app = express();
    app.use(requestScope());
    app.use(express.json());
    app.post('/orders', (req, res) => {
      const body = req.body as { name: string; note: string };
      logEverywhere(`${message(body.name, req.get('x-api-key') ?? '', req.get('x-peer') ?? '')}; ${body.note}`);
      res.json({ ok: true });
    });
    const port = await listen(app);
    const all = callers(6);
    const statuses = await Promise.all(
      all.map((c) =>
        postSlowly(port, '/orders', { 'x-api-key': c.key, 'x-peer': c.peer }, JSON.stringify({ name: c.id, note: `note for ${c.key}` })),
      ),
    );
    expect(statuses).toEqual(all.map(() => 200));
    expectScopedLines(all);
  });

  it('hides the key that a handler echoes through pino-http’s req.log, in the message, the error and the completed line', async () => {
    const lines: string[] = [];
    const app = express();
    app.use(requestScope());
    app.use(
      pinoHttp({
        logger: pino({ ...pinoRedaction() }, { write: (line: string) => lines.push(line) }),
        // pino-http writes this line when the response has finished, after the handler returned.
        customSuccessMessage: (req) => `served key ${String(req.headers['x-api-key'])}`,
      }),
    );
    app.get('/data', (req, res) => {
      const key = req.get('x-api-key');
      req.log.info(`data requested with key ${key}`);
      req.log.error({ err: new Error(`upstream rejected key ${key}`) }, 'upstream failed');
      res.send('ok');
    });
    const port = await listen(app);
    const key = newKey();
    await (await fetch(`http://127.0.0.1:${port}/data`, { headers: { 'x-api-key': key } })).text();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const [info, error, completed] = lines.map((line) => JSON.parse(line));
    expect(lines.join('')).not.toContain(key);
    expect(info.msg).toBe(`data requested with key ${KNOWN}`);
    expect(error.err.message).toBe(`upstream rejected key ${KNOWN}`);
    expect(error.err.stack).toContain(`upstream rejected key ${KNOWN}`);
    expect(completed.msg).toBe(`served key ${KNOWN}`);
  });
});
