import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import { written } from './loggers.js';

export const KNOWN = '[REDACTED:known-secret]';

/** A fresh opaque API key that no detector recognises: only the request scope can hide it. */
export function newKey(): string {
  return `Qk${randomBytes(11).toString('hex')}`;
}

/** One client request of a concurrency round: its own key, and the key of another request. */
export interface Caller {
  readonly id: string;
  readonly key: string;
  /** Another request's key, sent in a header that is not sensitive: it must stay visible. */
  readonly peer: string;
}

/** `count` callers, each naming the next one's key as its peer. */
export function callers(count: number): Caller[] {
  const keys = Array.from({ length: count }, newKey);
  return keys.map((key, i) => ({ id: `r${i}x`, key, peer: keys[(i + 1) % count] as string }));
}

/** The message a handler logs: its id, its own key (to hide) and its peer's key (to keep). */
export function message(id: string, key: string, peer: string): string {
  return `request ${id} called upstream with key ${key} for peer ${peer}`;
}

/** Fires every caller at once at `url` with `X-API-Key`, `X-Request-Name` and `X-Peer` headers. */
export async function fireAll(url: string, all: readonly Caller[], init: RequestInit = {}): Promise<void> {
  await Promise.all(
    all.map(async (c) => {
      const res = await fetch(url, { ...init, headers: { 'x-api-key': c.key, 'x-request-name': c.id, 'x-peer': c.peer, ...init.headers } });
      expect(res.status).toBe(200);
      await res.arrayBuffer();
    }),
  );
}

/** A random pause of up to `max` ms, so concurrent requests interleave. */
export function jitter(max = 15): Promise<void> {
  return sleep(Math.floor(Math.random() * max));
}

/**
 * Checks every module-level logger: each request logged its line `times` times, with its own key
 * hidden and its peer's key (another request's secret, unknown to this request) still there.
 */
export function expectScopedLines(all: readonly Caller[], times = 1): void {
  for (const [logger, lines] of Object.entries(written)) {
    for (const c of all) {
      const mine = lines.filter((line) => line.includes(`request ${c.id} `));
      expect(mine, `${logger} lines of ${c.id}`).toHaveLength(times);
      for (const line of mine) {
        expect(line, logger).not.toContain(c.key);
        expect(line, logger).toContain(`with key ${KNOWN} for peer ${c.peer}`);
      }
    }
  }
}

/**
 * Sends a POST over a raw socket with the body in a second packet, 30 ms after the headers, as a
 * slow client does: the body then arrives in a later event, outside the request's first tick.
 * Resolves with the status code.
 */
export function postSlowly(port: number, path: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      const lines = Object.entries({
        host: '127.0.0.1',
        'content-type': 'application/json',
        ...headers,
        'content-length': String(Buffer.byteLength(body)),
        connection: 'close',
      });
      socket.write(`POST ${path} HTTP/1.1\r\n${lines.map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`);
      setTimeout(() => socket.write(body), 30);
    });
    let response = '';
    socket.on('data', (chunk) => (response += String(chunk)));
    socket.on('error', reject);
    socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? 0)));
  });
}
