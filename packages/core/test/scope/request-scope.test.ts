/**
 * What a request scope takes from a real `node:http` request: each server echoes a text through a
 * redactor while it handles the request (after an await), the way a handler logs.
 */
import http from 'node:http';
import { Socket, type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedactor, PolicyError, requestScope, withRequestScope, type RequestScopeOptions } from '../../src/index.js';

const KNOWN = '[REDACTED:known-secret]';
const redactor = createRedactor({ preset: 'none' }); // only the scope's values change the echo
const servers: http.Server[] = [];

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

/** Starts a server whose handler answers with `x-echo` as a redactor sees it inside the request. */
async function echoServer(options?: RequestScopeOptions): Promise<(headers: http.OutgoingHttpHeaders, path?: string) => Promise<string>> {
  const server = http.createServer(
    withRequestScope(async (req, res) => {
      await sleep(1);
      res.end(redactor.redactString(String(req.headers['x-echo'] ?? '')));
    }, options),
  );
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  // node:http, not fetch: a header given as an array is sent as two header lines.
  return (headers, path = '/') =>
    new Promise((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path, headers }, async (res) => {
          let body = '';
          for await (const chunk of res) body += String(chunk);
          resolve(body);
        })
        .on('error', reject);
    });
}

describe('withRequestScope takes the request credentials', async () => {
  const echo = await echoServer();

  it('hides the Bearer credential wherever the request echoes it, and keeps the scheme', async () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJl';
    expect(await echo({ authorization: `Bearer ${token}`, 'x-echo': `auth was Bearer ${token}; token ${token}` })).toBe(
      `auth was Bearer ${KNOWN}; token ${KNOWN}`,
    );
  });

  it('takes the Basic credential and the password it decodes to, not the user name', async () => {
    const basic = Buffer.from('alice:correct-horse-battery').toString('base64');
    expect(await echo({ authorization: `Basic ${basic}`, 'x-echo': `login alice with correct-horse-battery (${basic})` })).toBe(
      `login alice with ${KNOWN} (${KNOWN})`,
    );
  });

  it('takes X-API-Key, X-Auth-Token and the Proxy-Authorization credential', async () => {
    const text = await echo({
      'x-api-key': 'Qk7d1f0a9c3e5b2d4f6a8c',
      'x-auth-token': 'tok9b8c7d6e5f4a3b2c1',
      'proxy-authorization': 'Bearer prx4e5f6a7b8c9d0e1',
      'x-echo': 'Qk7d1f0a9c3e5b2d4f6a8c tok9b8c7d6e5f4a3b2c1 Bearer prx4e5f6a7b8c9d0e1',
    });
    expect(text).toBe(`${KNOWN} ${KNOWN} Bearer ${KNOWN}`);
  });

  it('takes a header the policy censors by its key name', async () => {
    expect(await echo({ 'x-session-token': 'st3a4b5c6d7e8f9a0b', 'x-echo': 'session st3a4b5c6d7e8f9a0b' })).toBe(`session ${KNOWN}`);
  });

  it('takes cookie values that look like secrets and leaves lang=english, theme=dark and consent=true in the lines', async () => {
    const cookie = 'sid=s%3A9fK2mQ7xLp4Rz8Tw.b3Nn; lang=english; theme=dark; consent=true; tz=Europe/Berlin; seen=1700000000000';
    expect(await echo({ cookie, 'x-echo': `cookies ${cookie} decoded s:9fK2mQ7xLp4Rz8Tw.b3Nn` })).toBe(
      `cookies sid=${KNOWN}; lang=english; theme=dark; consent=true; tz=Europe/Berlin; seen=1700000000000 decoded ${KNOWN}`,
    );
  });

  it('takes sensitive query values as sent and as decoded, and leaves the others', async () => {
    const text = await echo(
      { 'x-echo': 'key abc%2F123def456 or abc/123def456, page 12345678, sort ascending' },
      '/x?api_key=abc%2F123def456&page=12345678&sort=ascending',
    );
    expect(text).toBe(`key ${KNOWN} or ${KNOWN}, page 12345678, sort ascending`);
  });

  it('takes both values of a header sent twice', async () => {
    const headers = { 'x-api-key': ['Qk1111aaaa2222bbbb', 'Qk3333cccc4444dddd'], 'x-echo': 'Qk1111aaaa2222bbbb Qk3333cccc4444dddd' };
    expect(await echo(headers)).toBe(`${KNOWN} ${KNOWN}`);
  });

  it('leaves values shorter than 8 characters alone', async () => {
    expect(await echo({ 'x-api-key': 'short7x', 'x-echo': 'key short7x' })).toBe('key short7x');
  });

  it('runs a request without credentials as it is', async () => {
    expect(await echo({ 'x-echo': 'nothing to hide here' })).toBe('nothing to hide here');
  });
});

describe('withRequestScope options', () => {
  it('takes the extra headers it is given, in any case', async () => {
    const echo = await echoServer({ headers: ['X-Tenant-Secret'] });
    expect(await echo({ 'x-tenant-secret': 'tenant0a1b2c3d4e', 'x-echo': 'tenant0a1b2c3d4e' })).toBe(KNOWN);
  });

  it('leaves cookies and query values out when told to', async () => {
    const echo = await echoServer({ cookies: false, query: false });
    const text = await echo({ cookie: 'sid=9fK2mQ7xLp4Rz8Tw', 'x-echo': '9fK2mQ7xLp4Rz8Tw abc123def456' }, '/?token=abc123def456');
    expect(text).toBe('9fK2mQ7xLp4Rz8Tw abc123def456');
  });

  it('takes shorter values when the minimum length is lowered', async () => {
    const echo = await echoServer({ minLength: 6 });
    expect(await echo({ 'x-api-key': 'k7x9q2', 'x-echo': 'key k7x9q2' })).toBe(`key ${KNOWN}`);
  });

  it("follows the policy's header and query lists", async () => {
    const echo = await echoServer({ policy: { preset: 'none', headers: ['x-partner-key'] } });
    const text = await echo(
      {
        'x-partner-key': 'partner5f6a7b8c9d',
        'x-api-key': 'Qk7d1f0a9c3e5b2d',
        'x-echo': 'partner5f6a7b8c9d Qk7d1f0a9c3e5b2d abc123def456',
      },
      '/?token=abc123def456',
    );
    expect(text).toBe(`${KNOWN} Qk7d1f0a9c3e5b2d abc123def456`);
  });

  it('passes the server as `this` and returns what the listener returns', async () => {
    const seenThis: unknown[] = [];
    const server = http.createServer(
      withRequestScope(function (this: unknown, _req, res) {
        seenThis.push(this);
        res.end('ok');
        return 'returned';
      }),
    );
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    await (await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)).text();
    expect(seenThis).toEqual([server]);
    const wrapped = withRequestScope((req: http.IncomingMessage) => `handled ${req.url}`);
    const req = new http.IncomingMessage(new Socket());
    req.url = '/x';
    expect(wrapped(req, new http.ServerResponse(req))).toBe('handled /x');
  });

  it('refuses options it does not know, and bad values, with a PolicyError naming the option', () => {
    const bad: [unknown, string][] = [
      [{ cookie: false }, 'requestScope.cookie'],
      [{ minLength: 0 }, 'requestScope.minLength'],
      [{ minLength: '8' }, 'requestScope.minLength'],
      [{ headers: 'x-key' }, 'requestScope.headers'],
      [{ headers: [''] }, 'requestScope.headers[0]'],
      [{ query: 'yes' }, 'requestScope.query'],
      [{ policy: { preset: 'all' } }, 'preset'],
    ];
    for (const [options, field] of bad) {
      expect(() => requestScope(options as RequestScopeOptions)).toThrow(PolicyError);
      try {
        requestScope(options as RequestScopeOptions);
      } catch (err) {
        expect((err as PolicyError).field).toBe(field);
      }
    }
  });
});
