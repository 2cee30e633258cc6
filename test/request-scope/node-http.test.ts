/** withRequestScope(listener) on a real node:http server on 127.0.0.1. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';
import { withRequestScope } from '@hushlog/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callers, expectScopedLines, fireAll, jitter, message, postSlowly } from './helpers.js';
import { clearWritten, logEverywhere } from './loggers.js';

let server: Server | undefined;
beforeEach(clearWritten);
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

async function listen(): Promise<number> {
  server = createServer(
    withRequestScope(async (req, res) => {
      const key = String(req.headers['x-api-key']);
      const peer = String(req.headers['x-peer']);
      if (req.method === 'POST') {
        const body = JSON.parse(await text(req)) as { name: string; note: string };
        logEverywhere(`${message(body.name, key, peer)}; ${body.note}`);
      } else {
        await jitter();
        logEverywhere(message(String(req.headers['x-request-name']), key, peer));
        await jitter();
        logEverywhere(message(String(req.headers['x-request-name']), key, peer));
      }
      res.end('ok');
    }),
  );
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server?.once('listening', resolve));
  return (server.address() as AddressInfo).port;
}

describe('withRequestScope(listener)', () => {
  it('hides each concurrent request’s own key from every logger, and never another request’s', async () => {
    const port = await listen();
    const all = callers(24);
    await fireAll(`http://127.0.0.1:${port}/call`, all);
    expectScopedLines(all, 2);
  });

  it('keeps the scope while the body is awaited', async () => {
    const port = await listen();
    const all = callers(6);
    const statuses = await Promise.all(
      all.map((c) =>
        postSlowly(port, '/orders', { 'x-api-key': c.key, 'x-peer': c.peer }, JSON.stringify({ name: c.id, note: `note for ${c.key}` })),
      ),
    );
    expect(statuses).toEqual(all.map(() => 200));
    expectScopedLines(all);
  });
});
