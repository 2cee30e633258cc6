/**
 * fastifyRequestScope in a real Fastify 5 app on 127.0.0.1: routes in another plugin context,
 * concurrent requests, a slow POST body, and Fastify's own logger with pinoRedaction().
 */
import type { AddressInfo } from 'node:net';
import { fastifyRequestScope, PolicyError } from '@hushlog/core';
import { pinoRedaction } from '@hushlog/pino';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callers, expectScopedLines, fireAll, jitter, KNOWN, message, newKey, postSlowly } from './helpers.js';
import { clearWritten, logEverywhere } from './loggers.js';

let app: FastifyInstance | undefined;
beforeEach(clearWritten);
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function listen(instance: FastifyInstance): Promise<number> {
  app = instance;
  await instance.listen({ port: 0, host: '127.0.0.1' });
  return (instance.server.address() as AddressInfo).port;
}

/** Routes in their own plugin context, as apps organise them: the scope must reach them too. */
async function routes(api: FastifyInstance): Promise<void> {
  api.get('/call', async (request) => {
    const h = request.headers as Record<string, string>;
    await jitter();
    logEverywhere(message(h['x-request-name'] ?? '', h['x-api-key'] ?? '', h['x-peer'] ?? ''));
    await jitter();
    logEverywhere(message(h['x-request-name'] ?? '', h['x-api-key'] ?? '', h['x-peer'] ?? ''));
    return 'ok';
  });
  api.post('/orders', async (request) => {
    const h = request.headers as Record<string, string>;
    const body = request.body as { name: string; note: string };
    logEverywhere(`${message(body.name, h['x-api-key'] ?? '', h['x-peer'] ?? '')}; ${body.note}`);
    return { ok: true };
  });
}

describe('fastifyRequestScope', () => {
  it('hides each concurrent request’s own key in routes of another plugin context, and never another request’s', async () => {
    const instance = Fastify();
    instance.register(fastifyRequestScope);
    instance.register(routes, { prefix: '/api' });
    const port = await listen(instance);
    const all = callers(24);
    await fireAll(`http://127.0.0.1:${port}/api/call`, all);
    expectScopedLines(all, 2);
  });

  it('keeps the scope through body parsing when the body arrives after the headers', async () => {
    const instance = Fastify();
    instance.register(fastifyRequestScope);
    instance.register(routes);
    const port = await listen(instance);
    const all = callers(6);
    const statuses = await Promise.all(
      all.map((c) =>
        postSlowly(port, '/orders', { 'x-api-key': c.key, 'x-peer': c.peer }, JSON.stringify({ name: c.id, note: `note for ${c.key}` })),
      ),
    );
    expect(statuses).toEqual(all.map(() => 200));
    expectScopedLines(all);
  });

  it('hides the key that a handler echoes through Fastify’s own logger made with pinoRedaction()', async () => {
    const lines: string[] = [];
    const instance = Fastify({ logger: { ...pinoRedaction(), stream: { write: (line: string) => lines.push(line) } } });
    instance.register(fastifyRequestScope, { headers: ['x-tenant-key'] });
    instance.get('/data', async (request) => {
      request.log.info(`data requested with key ${String(request.headers['x-api-key'])} for ${String(request.headers['x-tenant-key'])}`);
      request.log.error({ err: new Error(`upstream rejected key ${String(request.headers['x-api-key'])}`) }, 'upstream failed');
      return 'ok';
    });
    const port = await listen(instance);
    const key = newKey();
    const tenant = newKey();
    await (await fetch(`http://127.0.0.1:${port}/data`, { headers: { 'x-api-key': key, 'x-tenant-key': tenant } })).text();
    const text = lines.join('');
    expect(text).not.toContain(key);
    expect(text).not.toContain(tenant);
    expect(text).toContain(`"msg":"data requested with key ${KNOWN} for ${KNOWN}"`);
    expect(text).toContain(`"message":"upstream rejected key ${KNOWN}"`);
  });

  it('fails register with a PolicyError for an option it does not know', async () => {
    const instance = Fastify();
    app = instance;
    instance.register(fastifyRequestScope, { cookie: false } as never);
    await expect(instance.ready()).rejects.toThrow(PolicyError);
  });
});
