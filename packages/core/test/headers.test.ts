import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedactor } from '../src/index.js';

const r = createRedactor();
const STRUCTURAL = createRedactor({ detectors: Object.fromEntries([]) });

describe('header containers', () => {
  it('keeps the Bearer scheme and hides the token', () => {
    expect(r.redact({ headers: { authorization: 'Bearer abc.def.ghi', host: 'example.com' } })).toEqual({
      headers: { authorization: 'Bearer [REDACTED]', host: 'example.com' },
    });
  });

  it('keeps the cookie names and hides their values', () => {
    expect(r.redact({ headers: { cookie: 'session=abc123; theme=dark' } })).toEqual({
      headers: { cookie: 'session=[REDACTED]; theme=[REDACTED]' },
    });
  });

  it('hides every Set-Cookie value and keeps the attributes', () => {
    expect(r.redact({ headers: { 'set-cookie': ['sid=abc; Path=/; HttpOnly', 'refresh=def; Secure'] } })).toEqual({
      headers: { 'set-cookie': ['sid=[REDACTED]; Path=/; HttpOnly', 'refresh=[REDACTED]; Secure'] },
    });
  });

  it('matches header names in any case and every default header', () => {
    const headers = {
      Authorization: 'Basic dXNlcjpwYXNz',
      'Proxy-Authorization': 'Basic Zm9vOmJhcg==',
      'X-API-Key': 'k-123',
      'X-Auth-Token': 't-123',
      'Api-Key': 'a-123',
      'X-CSRF-Token': 'c-123',
      'X-Amz-Security-Token': 'z-123',
      Accept: 'application/json',
    };
    expect(r.redact({ header: headers })).toEqual({
      header: {
        Authorization: 'Basic [REDACTED]',
        'Proxy-Authorization': 'Basic [REDACTED]',
        'X-API-Key': '[REDACTED]',
        'X-Auth-Token': '[REDACTED]',
        'Api-Key': '[REDACTED]',
        'X-CSRF-Token': '[REDACTED]',
        'X-Amz-Security-Token': '[REDACTED]',
        Accept: 'application/json',
      },
    });
  });

  it('censors extra header names from the policy only inside header containers', () => {
    const custom = createRedactor({ headers: ['x-tenant-secret-id'] });
    expect(custom.redact({ headers: { 'X-Tenant-Secret-Id': 'abc' }, 'x-tenant-secret-id': 'visible' })).toEqual({
      headers: { 'X-Tenant-Secret-Id': '[REDACTED]' },
      'x-tenant-secret-id': 'visible',
    });
  });

  it('reads a Fetch Headers instance', () => {
    const h = new Headers({ Authorization: 'Bearer tok123', Accept: 'text/plain' });
    h.append('Set-Cookie', 'a=1; Path=/');
    h.append('Set-Cookie', 'b=2');
    expect(r.redact({ h })).toEqual({
      h: { accept: 'text/plain', authorization: 'Bearer [REDACTED]', 'set-cookie': ['a=[REDACTED]; Path=/', 'b=[REDACTED]'] },
    });
  });

  it('reads Node rawHeaders arrays', () => {
    const out = r.redact({ rawHeaders: ['Host', 'x.test', 'Authorization', 'Bearer t0k', 'Cookie', 'a=b'] });
    expect(out).toEqual({ rawHeaders: ['Host', 'x.test', 'Authorization', 'Bearer [REDACTED]', 'Cookie', 'a=[REDACTED]'] });
  });

  it('reads axios-style config objects whose headers are a class with toJSON', () => {
    class AxiosLikeHeaders {
      [key: string]: unknown;
      constructor(init: Record<string, string>) {
        Object.assign(this, init);
      }
      toJSON() {
        return { ...this };
      }
    }
    const config = {
      url: 'http://127.0.0.1/x',
      method: 'get',
      headers: new AxiosLikeHeaders({ Authorization: 'Bearer abc', Accept: '*/*' }),
    };
    expect(r.redact({ config })).toEqual({
      config: { url: 'http://127.0.0.1/x', method: 'get', headers: { Authorization: 'Bearer [REDACTED]', Accept: '*/*' } },
    });
    expect(STRUCTURAL.redact({ config })).toEqual(r.redact({ config }));
  });
});

describe('real node:http objects', () => {
  let server: http.Server;
  let port = 0;
  let seen: { req: unknown; res: unknown } | null = null;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      res.setHeader('Set-Cookie', ['sid=server-secret-1; HttpOnly']);
      res.setHeader('Content-Type', 'text/plain');
      seen = { req: r.redact(req), res: r.redact(res) };
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('summarises an IncomingMessage, a ServerResponse and a ClientRequest without their secrets', async () => {
    let clientReq: http.ClientRequest | null = null;
    const body = await new Promise<{ status: number; redactedResponse: unknown }>((resolve, reject) => {
      clientReq = http.request(
        {
          host: '127.0.0.1',
          port,
          path: '/x?page=2',
          headers: {
            Authorization: 'Bearer client-secret-1',
            Cookie: 'session=cookie-secret-1; theme=dark',
            'X-API-Key': 'apikey-secret-1',
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, redactedResponse: r.redact(res) }));
        },
      );
      clientReq.on('error', reject);
      clientReq.end();
    });
    const all = JSON.stringify({ seen, client: r.redact(clientReq), body });
    for (const secret of ['client-secret-1', 'cookie-secret-1', 'apikey-secret-1', 'server-secret-1']) expect(all).not.toContain(secret);
    const req = (seen as unknown as { req: Record<string, any> }).req;
    expect(req.method).toBe('GET');
    expect(req.url).toBe('/x?page=2');
    expect(req.headers.authorization).toBe('Bearer [REDACTED]');
    expect(req.headers.cookie).toBe('session=[REDACTED]; theme=[REDACTED]');
    expect(req.remoteAddress).toBe('127.0.0.1');
    const res = (seen as unknown as { res: Record<string, any> }).res;
    expect(res.statusCode).toBe(200);
    expect(res.headers['set-cookie']).toEqual(['sid=[REDACTED]; HttpOnly']);
    expect(body.status).toBe(200);
    expect((body.redactedResponse as Record<string, any>).headers['set-cookie']).toEqual(['sid=[REDACTED]; HttpOnly']);
    expect((r.redact(clientReq) as Record<string, any>).headers['x-api-key']).toBe('[REDACTED]');
  });
});
