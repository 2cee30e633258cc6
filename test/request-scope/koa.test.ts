/** koaRequestScope() in a real Koa 3 app on 127.0.0.1: concurrent requests and a slow POST body. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';
import { koaRequestScope } from '@hushlog/core';
import Koa from 'koa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callers, expectScopedLines, fireAll, jitter, message, postSlowly } from './helpers.js';
import { clearWritten, logEverywhere } from './loggers.js';

let server: Server | undefined;
beforeEach(clearWritten);
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

function app(): Koa {
  const koa = new Koa();
  koa.use(koaRequestScope());
  koa.use(async (ctx) => {
    const key = ctx.get('x-api-key');
    const peer = ctx.get('x-peer');
    if (ctx.method === 'POST') {
      const body = JSON.parse(await text(ctx.req)) as { name: string; note: string };
      logEverywhere(`${message(body.name, key, peer)}; ${body.note}`);
    } else {
      await jitter();
      logEverywhere(message(ctx.get('x-request-name'), key, peer));
      await jitter();
      logEverywhere(message(ctx.get('x-request-name'), key, peer));
    }
    ctx.body = 'ok';
  });
  return koa;
}

async function listen(koa: Koa): Promise<number> {
  server = koa.listen(0, '127.0.0.1');
  await new Promise((resolve) => server?.once('listening', resolve));
  return (server.address() as AddressInfo).port;
}

describe('koaRequestScope()', () => {
  it('hides each concurrent request’s own key from every logger, and never another request’s', async () => {
    const port = await listen(app());
    const all = callers(24);
    await fireAll(`http://127.0.0.1:${port}/call`, all);
    expectScopedLines(all, 2);
  });

  it('keeps the scope while the body is awaited', async () => {
    const port = await listen(app());
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
