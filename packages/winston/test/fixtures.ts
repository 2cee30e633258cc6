/**
 * Shared test material: fake credentials in real formats (assembled at runtime so secret scanners
 * do not flag this file), a line-collecting stream, and assertions.
 */
import { Writable } from 'node:stream';
import { inspect } from 'node:util';
import { expect } from 'vitest';

/** A fake Stripe-style live key. */
export const API_KEY = ['sk', 'live', 'FAKEwinston0000hushlog00KEY'].join('_');
/** A fake JWT used as a bearer token. */
export const BEARER = [
  Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url'),
  Buffer.from('{"sub":"user_42","iat":1700000000}').toString('base64url'),
  Buffer.from('not-a-real-signature-hushlog').toString('base64url'),
].join('.');
export const PASSWORD = 'correct-horse-battery-staple';
export const EMAIL = 'jane.doe@example.com';
export const CARD = '4111 1111 1111 1111';
export const DB_PASSWORD = 'S3cretDbPw99';
export const DATABASE_URL = `postgres://app:${DB_PASSWORD}@db.internal:5432/app`;
export const SESSION = 'SeSsIoNvalue0000hushlog';

/** Every fake value above: none may appear in any output. */
export const SECRETS = [API_KEY, BEARER, PASSWORD, EMAIL, CARD, DB_PASSWORD, SESSION];

/** Asserts that none of `secrets` occurs in `text` (also JSON-escaped), naming the ones that do. */
export function expectNoSecrets(text: string, secrets: readonly string[] = SECRETS): void {
  const found = secrets.filter((s) => text.includes(s) || text.includes(JSON.stringify(s).slice(1, -1)));
  expect(found, `secrets left in:\n${text}`).toEqual([]);
}

/** A Writable that keeps every line written to it, for `new winston.transports.Stream({ stream })`. */
export function lineSink(): { stream: Writable; lines: string[]; text: () => string } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      for (const line of String(chunk).split('\n')) if (line !== '') lines.push(line);
      callback();
    },
  });
  return { stream, lines, text: () => lines.join('\n') };
}

/** Lets winston's streams deliver what was logged (they pass entries on across ticks). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** A deep, symbol-aware text snapshot of a value, for "is it exactly as it was" assertions. */
export function snapshot(value: unknown): string {
  return inspect(value, { depth: Infinity, showHidden: true, sorted: true, getters: false });
}

/** The fields winston itself writes onto a caller's object that carries a `message` (winston #1775). */
export const WINSTON_WRITES: PropertyKey[] = ['level', Symbol.for('level')];

/**
 * A deep snapshot of `value`'s own properties (enumerable or not, symbols included, getters not
 * run), leaving out `except`: "is this object exactly as it was, apart from what winston adds".
 */
export function snapshotOwn(value: object, except: readonly PropertyKey[] = []): string {
  const view: Record<PropertyKey, unknown> = {
    prototype: Object.getPrototypeOf(value) === null ? null : Object.getPrototypeOf(value).constructor?.name,
  };
  for (const key of Reflect.ownKeys(value)) {
    if (except.includes(key)) continue;
    const descriptor = Reflect.getOwnPropertyDescriptor(value, key);
    view[key] = descriptor && 'value' in descriptor ? descriptor.value : '[accessor]';
  }
  return snapshot(view);
}
