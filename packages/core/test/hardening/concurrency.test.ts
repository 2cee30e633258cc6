/**
 * Known-secret scopes under concurrency: hundreds of interleaved requests on a real node:http
 * server, each with its own secret, each awaiting random short delays while it logs. A request's
 * secret is scrubbed from its own lines, and only inside its own scope.
 */
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedactor, runWithSecrets } from '../../src/index.js';

const REQUESTS = 400;
const r = createRedactor({ label: '<{rule}>' });
/** Every line logged, with the request id that logged it. */
const lines: { id: string; line: string }[] = [];
let server: http.Server;
let port = 0;

const secretOf = (id: number) => `sk-probe-${id.toString(36).padStart(4, '0')}-${(id * 7919).toString(36)}-end`;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const id = String(req.headers['x-request-id']);
    const key = String(req.headers['x-api-key']);
    void runWithSecrets([key], async () => {
      for (let step = 0; step < 3; step++) {
        await sleep(Math.floor(Math.random() * 4));
        // Its own secret, and a probe: the secret of another request in flight, written out.
        // Scrubbing the probe would mean another request's scope leaked into this one.
        const other = secretOf((Number(id) + 1 + step) % REQUESTS);
        lines.push({ id, line: r.redactString(`req ${id} step ${step} key=${key} saw ${key} probe:${other}`) });
        lines.push({ id, line: r.stringify({ id, step, note: `using ${key}`, probe: other }) });
      }
      res.end('ok');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.close();
  await once(server, 'close');
});

function get(id: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port, path: `/data?id=${id}`, headers: { 'x-request-id': String(id), 'x-api-key': secretOf(id) }, agent: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve(body));
      },
    );
    req.on('error', reject);
  });
}

describe('runWithSecrets across concurrent requests', () => {
  it('scrubs each request secret from its own lines and from no other request', async () => {
    const bodies = await Promise.all(Array.from({ length: REQUESTS }, (_, i) => get(i)));
    expect(bodies.every((b) => b === 'ok')).toBe(true);
    expect(lines).toHaveLength(REQUESTS * 6);
    for (const { id, line } of lines) {
      const n = Number(id);
      expect(line).not.toContain(secretOf(n));
      expect(line).toContain('<known-secret>');
      // the probe (another request's secret) is still there: no foreign scope applied here
      expect(line).toMatch(/probe.{1,3}sk-probe-/);
    }
    // outside every scope nothing is scrubbed as a known secret
    expect(r.redactString(`outside ${secretOf(1)}`)).toBe(`outside ${secretOf(1)}`);
  });

  it('adds a nested scope to the outer one and drops it when the inner scope ends', async () => {
    const outer = 'outer-secret-1';
    const inner = 'inner-secret-2';
    await runWithSecrets([outer], async () => {
      await runWithSecrets([inner], async () => {
        await sleep(1);
        expect(r.redactString(`${outer} ${inner}`)).toBe('<known-secret> <known-secret>');
      });
      await sleep(1);
      expect(r.redactString(`${outer} ${inner}`)).toBe(`<known-secret> ${inner}`);
    });
  });
});
