/**
 * Shared test material: fake secrets in real formats, a line collector, and the built package for
 * the tests that need it (pino's worker thread loads the transport from dist/).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';

export const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Fake credentials and personal data; assembled at run time so secret scanners stay quiet. */
export const SECRETS = {
  jwt: [b64url({ alg: 'HS256', typ: 'JWT' }), b64url({ sub: 'user_42', iat: 1700000000 }), 'c2lnbmF0dXJlLWZvci10ZXN0cw'].join('.'),
  session: 's%3AFAKEsessionIdForHushlogTests.c2lnbmF0dXJl',
  apiKey: ['sk', 'live', 'FAKEpinoTests0000hushlogKEY'].join('_'),
  queryKey: 'qk_FAKE0000queryKeyForPinoTests',
  email: 'jane.doe@example.com',
  password: 'correct-horse-battery-staple',
  card: '4111 1111 1111 1111',
  cardDigits: '4111111111111111',
  setCookieSession: 'FAKEsetCookieSession0000hushlog',
} as const;

/** Every secret value, for "nothing leaked" assertions. */
export const ALL_SECRETS: readonly string[] = Object.values(SECRETS);

/** The secrets found in `text`, by value (an empty list when nothing leaked). */
export function leaked(text: string, secrets: readonly string[] = ALL_SECRETS): string[] {
  return secrets.filter((s) => text.includes(s));
}

/** A real Writable that collects each written chunk (pino writes one line per chunk). */
export function lineCollector(): { stream: Writable; lines: string[]; records: () => Record<string, unknown>[] } {
  const lines: string[] = [];
  const stream = new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { stream, lines, records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

/** Newest modification time under a folder (files only, recursive). */
function newest(dir: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Builds packages/pino when dist/ is missing or older than src/ (`npm test` builds first anyway). */
export function ensureBuilt(): void {
  const dist = join(PACKAGE_DIR, 'dist');
  const fresh = existsSync(join(dist, 'transport.js')) && newest(dist) >= newest(join(PACKAGE_DIR, 'src'));
  if (!fresh) execFileSync('npx', ['tsup'], { cwd: PACKAGE_DIR, stdio: 'ignore' });
}
