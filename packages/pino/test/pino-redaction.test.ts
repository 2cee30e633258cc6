import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { createRedactor, runWithSecrets, PolicyError } from '@hushlog/core';
import { FAILED_LINE, assertPinoSupportsStreamWrite, pinoRedaction, redactLineHook } from '../src/index.js';
import { SECRETS, leaked, lineCollector } from './helpers.js';

/** A pino logger with the hushlog config, writing to a line collector. */
function logger(options: pino.LoggerOptions = {}) {
  const out = lineCollector();
  return { log: pino({ ...pinoRedaction(), ...options }, out.stream), ...out };
}

describe('pinoRedaction()', () => {
  it('redacts the merged object and the printf message with its arguments', () => {
    const { log, lines, records } = logger();
    const user = { id: 42, name: 'Jane Doe', email: SECRETS.email, password: SECRETS.password, card: SECRETS.card };
    log.info({ user }, 'user %s paid with %s', SECRETS.email, SECRETS.card);

    expect(leaked(lines.join(''))).toEqual([]);
    const [rec] = records();
    expect(rec).toMatchObject({ level: 30, user: { id: 42, name: 'Jane Doe', password: '[REDACTED]' } });
    expect(rec?.msg).toBe('user [REDACTED:email] paid with [REDACTED:card]');
    expect(user.password).toBe(SECRETS.password); // the caller's object is untouched
  });

  it('redacts child bindings, nested children and setBindings', () => {
    const { log, lines, records } = logger();
    const child = log.child({ apiKey: SECRETS.apiKey, tenant: 'acme' });
    const grandchild = child.child({ session: { id: SECRETS.session } });
    grandchild.info('hello');
    const rebound = log.child({});
    rebound.setBindings({ authToken: SECRETS.jwt });
    rebound.info('again');

    expect(leaked(lines.join(''))).toEqual([]);
    const [first, second] = records();
    expect(first).toMatchObject({ apiKey: '[REDACTED]', tenant: 'acme', session: '[REDACTED]', msg: 'hello' });
    expect(second).toMatchObject({ authToken: '[REDACTED]', msg: 'again' });
  });

  it("redacts an error's message, stack, cause and own properties", () => {
    const { log, lines, records } = logger();
    const cause = new Error(`connect to postgres://app:${SECRETS.password}@db.internal:5432/app failed`);
    const err = Object.assign(new Error(`upstream refused key=${SECRETS.apiKey}`, { cause }), {
      code: 'E_UPSTREAM',
      apiKey: SECRETS.apiKey,
      contact: SECRETS.email,
    });
    log.error({ err }, 'call failed');
    log.error(err); // an Error as the first argument: pino copies its message into msg

    expect(leaked(lines.join(''))).toEqual([]);
    const [withObj, bare] = records();
    const e = withObj?.err as Record<string, unknown>;
    expect(e).toMatchObject({ type: 'Error', code: 'E_UPSTREAM', apiKey: '[REDACTED]', contact: '[REDACTED:email]' });
    expect(e.message).toContain('upstream refused key=');
    expect(e.stack).toContain('caused by: Error: connect to postgres://app:');
    expect(bare?.msg).toContain('upstream refused key=');
  });

  it('redacts what custom serializers and a mixin produce', () => {
    const { log, lines, records } = logger({
      serializers: { account: (a: { id: number }) => ({ id: a.id, token: `tok-${SECRETS.apiKey}` }) },
      mixin: () => ({ requestAuth: `Bearer ${SECRETS.jwt}` }),
    });
    log.info({ account: { id: 7 } }, 'ok');

    expect(leaked(lines.join(''))).toEqual([]);
    expect(records()[0]).toMatchObject({ account: { id: 7, token: '[REDACTED]' }, requestAuth: 'Bearer [REDACTED:jwt]' });
  });

  it('keeps clean lines as pino wrote them and every line valid JSON', () => {
    const { log, lines, records } = logger();
    log.info({ orderId: 'ord_8f3a2c', durationMs: 42, items: [{ sku: 'SKU-1', qty: 2 }] }, 'order shipped');
    log.warn('plain message');

    expect(lines.every((l) => l.endsWith('\n'))).toBe(true);
    expect(records()[0]).toMatchObject({ orderId: 'ord_8f3a2c', durationMs: 42, items: [{ sku: 'SKU-1', qty: 2 }], msg: 'order shipped' });
    expect(records()[1]?.msg).toBe('plain message');
  });

  it("scrubs the current request's known secrets inside runWithSecrets", () => {
    const { log, lines } = logger();
    const opaque = 'opaqueValueWithNoKnownShape0001';
    runWithSecrets([opaque], () => log.info({ note: `seen ${opaque}` }, 'value %s', opaque));
    expect(lines.join('')).not.toContain(opaque);
    expect(lines[0]).toContain('[REDACTED:known-secret]');
  });

  it('applies the policy it is given', () => {
    const { log, records } = logger(pinoRedaction({ preset: 'none', keys: ['internalNote'], paths: ['**.ssn'] }));
    log.info({ internalNote: 'x', deep: { ssn: '078-05-1120' }, email: SECRETS.email });
    expect(records()[0]).toMatchObject({ internalNote: '[REDACTED]', deep: { ssn: '[REDACTED]' }, email: SECRETS.email });
  });

  it('throws a PolicyError naming the field for an invalid policy', () => {
    let caught: unknown;
    try {
      pinoRedaction({ paths: ['a..b'] });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(PolicyError);
    expect((caught as PolicyError).field).toBe('paths[0]');
  });

  it('withholds a line it cannot redact instead of writing it raw', () => {
    const broken = Object.create(createRedactor()) as ReturnType<typeof createRedactor>;
    broken.redactLine = () => {
      throw new Error('boom');
    };
    const out = lineCollector();
    const log = pino({ hooks: { streamWrite: redactLineHook(broken) } }, out.stream);
    expect(() => log.info({ password: SECRETS.password })).not.toThrow();
    expect(out.lines).toEqual([FAILED_LINE]);
  });
});

describe('the pino version guard', () => {
  it('refuses a pino without hooks.streamWrite rather than log unredacted', () => {
    expect(() => assertPinoSupportsStreamWrite('9.5.0')).toThrow(/needs pino >= 9\.6\.0/);
    expect(() => assertPinoSupportsStreamWrite('8.21.0')).toThrow(/unredacted/);
    expect(() => assertPinoSupportsStreamWrite('9.6.0')).not.toThrow();
    expect(() => assertPinoSupportsStreamWrite('10.4.0')).not.toThrow();
    expect(() => assertPinoSupportsStreamWrite()).not.toThrow(); // the installed pino
  });
});
