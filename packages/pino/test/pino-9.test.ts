/**
 * The oldest pino the adapter accepts: 9.6.0, the first release with `hooks.streamWrite`. It is
 * installed beside pino 10 under the npm alias `pino-9`, so both majors are tested on every run.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type pinoType from 'pino';
import { assertPinoSupportsStreamWrite, pinoRedaction } from '../src/index.js';
import { SECRETS, leaked, lineCollector } from './helpers.js';

const pino9 = createRequire(import.meta.url)('pino-9') as typeof pinoType;

describe('pino 9.6', () => {
  it('is the installed alias, and passes the version check', () => {
    expect(pino9.version).toBe('9.6.0');
    expect(() => assertPinoSupportsStreamWrite(pino9.version)).not.toThrow();
  });

  it('redacts the merged object, the message, bindings and errors through hooks.streamWrite', () => {
    const out = lineCollector();
    const log = pino9({ ...pinoRedaction() }, out.stream);
    const child = log.child({ apiKey: SECRETS.apiKey });
    child.info({ user: { name: 'Jane Doe', password: SECRETS.password } }, 'paid with %s by %s', SECRETS.card, SECRETS.email);
    child.error(new Error(`refused token=${SECRETS.jwt}`));

    expect(leaked(out.lines.join(''))).toEqual([]);
    const [paid, failed] = out.records();
    expect(paid).toMatchObject({ apiKey: '[REDACTED]', user: { name: 'Jane Doe', password: '[REDACTED]' } });
    expect(paid?.msg).toBe('paid with [REDACTED:card] by [REDACTED:email]');
    expect(failed?.msg).toContain('refused token=');
  });
});
