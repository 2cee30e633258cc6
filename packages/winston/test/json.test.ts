/**
 * redactJson() against the two-format pipeline it replaces, `redactFormat()` then `format.json()`,
 * through real winston loggers: the same log calls, the same policy and json() options, and the
 * lines must be byte for byte the same. This is also the spec that a one-pass JSON writer in core
 * has to meet.
 */
import { createRedactor, runWithSecrets, type Policy } from '@hushlog/core';
import { configure } from 'safe-stable-stringify';
import fc from 'fast-check';
import winston from 'winston';
import Transport from 'winston-transport';
import { describe, expect, it } from 'vitest';
import { RedactingTransport, redactFormat, redactJson, type JsonOptions } from '../src/index.js';
import { API_KEY, BEARER, CARD, DATABASE_URL, EMAIL, PASSWORD, expectNoSecrets, lineSink, settle } from './fixtures.js';

const { format } = winston;

/** A Writable that keeps the last line written to it; winston writes synchronously to it. */
function lastLine(): { stream: ReturnType<typeof lineSink>['stream']; take: () => string | undefined } {
  const sink = lineSink();
  return { stream: sink.stream, take: () => sink.lines.pop() };
}

/** Two real loggers, one per pipeline, with the same defaultMeta and a child of each. */
function pipelines(policy: Policy | undefined, options: JsonOptions | undefined, defaultMeta?: object) {
  const make = (finalize: winston.Logform.Format[]) => {
    const sink = lastLine();
    const logger = winston.createLogger({
      level: 'debug',
      defaultMeta,
      format: format.combine(format.errors({ stack: true }), format.splat(), ...finalize),
      transports: [new winston.transports.Stream({ stream: sink.stream })],
    });
    return { logger, sink };
  };
  return {
    two: make([redactFormat(policy), format.json(options)]),
    one: make([redactJson(policy, options)]),
  };
}

/** Logs the same call on both pipelines and returns both lines. */
function bothLines(p: ReturnType<typeof pipelines>, call: (logger: winston.Logger) => void): [string, string] {
  call(p.two.logger);
  call(p.one.logger);
  const two = p.two.sink.take();
  const one = p.one.sink.take();
  expect(two, 'the json() pipeline wrote a line').toBeTypeOf('string');
  return [two!, one!];
}

const HMAC_POLICY: Policy = { censor: { type: 'hmac', key: 'hushlog-test-hmac-key-0001' } };
const POLICIES: (Policy | undefined)[] = [
  undefined,
  {},
  { keys: ['note'], censor: { type: 'mask', keepLast: 2 } },
  HMAC_POLICY,
  { censor: { type: 'remove' } },
  { preset: 'none', paths: ['user.password', 'req.headers.cookie', 'items[*].token'] },
  { label: 'HIDDEN', allow: ['tokenCount'] },
];

const dropDebug = (key: string, value: unknown): unknown => (key === 'debug' ? undefined : value);
const upperStrings = (_key: string, value: unknown): unknown => (typeof value === 'string' ? value.toUpperCase() : value);

describe('redactJson', () => {
  it('writes the line that redactFormat() then json() writes, for the usual calls', () => {
    const p = pipelines(undefined, undefined, { service: 'billing' });
    const err = Object.assign(new Error(`cannot reach ${DATABASE_URL}`, { cause: new Error(`token ${BEARER}`) }), { code: 'E1' });
    const calls: ((logger: winston.Logger) => void)[] = [
      (l) => l.info(`charged ${EMAIL}`, { card: CARD, headers: { authorization: `Bearer ${BEARER}` } }),
      (l) => l.info({ message: 'object with message', password: PASSWORD, nested: { apiKey: API_KEY } }),
      (l) => l.warn('user %s paid with %o', EMAIL, { card: CARD, holder: 'Jane' }, { requestId: 'r-1' }),
      (l) => l.error(err),
      (l) => l.error('wrapped', { err }),
      (l) => l.child({ requestId: 'r-2', token: BEARER }).debug('from a child', { big: 2n ** 70n }),
      (l) => l.info('empty meta', {}),
      (l) => l.info(''),
    ];
    for (const call of calls) {
      const [two, one] = bothLines(p, call);
      expect(one).toBe(two);
      expectNoSecrets(one);
    }
  });

  it('writes the same line with json() options: space, replacer, bigint, deterministic, depth and circular values', () => {
    const circular: Record<string, unknown> = { name: 'loop', password: PASSWORD };
    circular.self = circular;
    const optionSets: JsonOptions[] = [
      { space: 2 },
      { replacer: dropDebug },
      { replacer: upperStrings, space: 4 },
      { bigint: false },
      { deterministic: false },
      { maximumDepth: 2 },
      { maximumBreadth: 2 },
      { circularValue: '[Loop]' },
    ];
    for (const options of optionSets) {
      const p = pipelines({}, options);
      const [two, one] = bothLines(p, (l) =>
        l.info('shapes', { zeta: 1, alpha: { deep: { deeper: { password: PASSWORD } } }, debug: true, n: 10n, circular, list: [3, 2, 1] }),
      );
      expect(one, JSON.stringify(options)).toBe(two);
      expectNoSecrets(one);
    }
  });

  it('writes the same line as redactFormat() then json() for generated entries, policies and options', () => {
    const secret = fc.constantFrom(PASSWORD, EMAIL, CARD, API_KEY, `Bearer ${BEARER}`, DATABASE_URL, 'plain words', '');
    const leaf = fc.oneof(
      secret,
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.bigInt(),
      fc.date({ noInvalidDate: true }),
    );
    const key = fc.constantFrom(
      'password',
      'token',
      'authorization',
      'email',
      'card',
      'note',
      'user',
      'req',
      'headers',
      'cookie',
      'items',
      'tokenCount',
      'level',
      'stack',
      'a',
      'B',
      '_z',
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, tie('object'), tie('array')),
      object: fc.dictionary(key, tie('node'), { maxKeys: 5 }),
      array: fc.array(tie('node'), { maxLength: 4 }),
    }));
    const meta = fc.dictionary(key, value.node, { maxKeys: 6 });
    const options = fc.record(
      {
        space: fc.constantFrom(undefined, 0, 2),
        replacer: fc.constantFrom(undefined, dropDebug, upperStrings),
        bigint: fc.constantFrom(undefined, true, false),
        deterministic: fc.constantFrom(undefined, true, false),
        maximumDepth: fc.constantFrom(undefined, 3),
      },
      { requiredKeys: [] },
    );
    const call = fc.oneof(
      fc.tuple(fc.constant('meta' as const), secret, meta),
      fc.tuple(fc.constant('object' as const), secret, meta),
      fc.tuple(fc.constant('splat' as const), secret, meta),
      fc.tuple(fc.constant('error' as const), secret, meta),
    );

    fc.assert(
      fc.property(fc.constantFrom(...POLICIES), options, call, (policy, opts, [shape, text, fields]) => {
        // safe-stable-stringify refuses an option given as undefined (json() then throws on every entry): leave those out.
        const given = Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) as JsonOptions;
        const p = pipelines(policy, given, { service: 'svc' });
        const err = shape === 'error' ? Object.assign(new Error(`failed ${text}`), fields) : null; // one stack for both
        const [two, one] = bothLines(p, (l) => {
          if (err) l.error(err);
          else if (shape === 'meta') l.info(`msg ${text}`, fields);
          else if (shape === 'object') l.info({ ...fields, message: `obj ${text}` });
          else l.info('got %s and %o', text, fields, { extra: text });
        });
        expect(one).toBe(two);
      }),
      { numRuns: 400 },
    );
  });

  it('is trusted by a RedactingTransport with the same policy, so a censor function runs once per value', async () => {
    let calls = 0;
    const policy: Policy = { censor: () => `[censored #${++calls}]` };
    const sink = lineSink();
    const logger = winston.createLogger({
      format: redactJson(policy),
      transports: [new RedactingTransport({ transport: new winston.transports.Stream({ stream: sink.stream }), policy })],
    });
    logger.info('signup', { password: PASSWORD });
    await settle();

    expect(JSON.parse(sink.lines[0]!)).toMatchObject({ message: 'signup', password: '[censored #1]' });
    expect(calls).toBe(1);
  });

  it('reads each field of the entry once when the transport only writes the line', () => {
    let reads = 0;
    // nothing in it to censor, so the copy of redactFormat() shares it with the entry
    const account = {
      plan: 'pro',
      get tier() {
        reads++;
        return 'gold';
      },
    };
    const meta = { account, password: PASSWORD };
    const p = pipelines(undefined, undefined);
    p.one.logger.info('billed', meta);
    expect(reads).toBe(1);
    const one = p.one.sink.take()!;
    reads = 0;
    p.two.logger.info('billed', meta);
    // redactFormat() shares what it did not change, and json() reads the getter again
    expect(reads).toBeGreaterThan(1);
    expect(one).toBe(p.two.sink.take());
    expectNoSecrets(one);
  });

  it('hands transports that read the fields the redacted entry, as redactFormat() does', async () => {
    const seen: Record<string | symbol, unknown>[] = [];
    class FieldTransport extends Transport {
      override log(info: Record<string | symbol, unknown>, next: () => void): void {
        seen.push({ message: info.message, user: info.user, keys: Object.keys(info), line: info[Symbol.for('message')] });
        next();
      }
    }
    const formatted: unknown[] = [];
    const withFormat = new FieldTransport({
      format: format((info) => {
        formatted.push({ ...info });
        return info;
      })(),
    });
    const logger = winston.createLogger({ format: redactJson(), transports: [new FieldTransport(), withFormat] });
    logger.info(`mail ${EMAIL}`, { user: { name: 'jane', password: PASSWORD }, requestId: 'r-9' });
    await settle();

    expect(seen).toHaveLength(2);
    for (const fields of seen) {
      expect(fields.message).toBe('mail [REDACTED:email]');
      expect(fields.user).toEqual({ name: 'jane', password: '[REDACTED]' });
      expect((fields.keys as string[]).sort()).toEqual(['level', 'message', 'requestId', 'user']);
      expect(JSON.parse(fields.line as string)).toEqual({
        level: 'info',
        message: 'mail [REDACTED:email]',
        requestId: 'r-9',
        user: { name: 'jane', password: '[REDACTED]' },
      });
      expectNoSecrets(JSON.stringify(fields));
    }
    expect(formatted[0]).toMatchObject({ message: 'mail [REDACTED:email]', user: { password: '[REDACTED]' } });
    expectNoSecrets(JSON.stringify(formatted));
  });

  it('makes the fields a transport reads later under the request scope the line was written in', () => {
    const format = redactJson();
    const secret = 's3cr3t-zz-value-0001';
    const info = { level: 'info', message: `token is ${secret}`, [Symbol.for('level')]: 'info' };
    const out = runWithSecrets([secret], () => format.transform(info)) as Record<string | symbol, unknown>;
    expect(String(out[Symbol.for('message')])).not.toContain(secret);
    // read outside the scope, as a transport that reads fields does
    expect(out.message).toBe('token is [REDACTED:known-secret]');
  });

  it('hands transports the fields as they were when the entry was logged, even if the caller changes its object', () => {
    const format = redactJson();
    const info: Record<string | symbol, unknown> = { level: 'info', message: 'first', [Symbol.for('level')]: 'info' };
    const out = format.transform(info as never) as Record<string | symbol, unknown>;
    info.message = `later ${PASSWORD}`;
    info.extra = 1;
    expect(out.message).toBe('first');
    expect(Object.keys(out).sort()).toEqual(['level', 'message']);
  });

  it('keeps the fields of an entry that a later format freezes', () => {
    const out = redactJson().transform({ level: 'info', message: 'kept', user: { password: PASSWORD } } as never) as Record<
      string,
      unknown
    >;
    Object.freeze(out);
    expect(out.message).toBe('kept');
    expect(out.user).toEqual({ password: '[REDACTED]' });
  });

  it('sorts a key whose secret was censored after it was written, as json() sorts the redacted copy', () => {
    const stable = configure({});
    const r = createRedactor();
    const secret = 'hunter2hunter2';
    for (const value of [
      { a: { [`b_${secret}`]: 1, b_c: 2 }, password: secret },
      { a: { [`x_${secret}`]: 1, 'x_[REDACTED:echo]': 2 }, password: secret },
    ]) {
      const line = r.stringifySorted(value);
      expect(line).toBe(stable(r.redact(value)));
      expect(line).not.toContain(secret);
    }
  });

  it('writes an object with thousands of keys in sorted order, as json() does', () => {
    const stable = configure({});
    const r = createRedactor();
    const wide: Record<string, number> = {};
    for (let i = 5000; i > 0; i--) wide[`k${i}`] = i;
    expect(r.stringifySorted({ wide })).toBe(stable(r.redact({ wide })));
  });

  it('refuses json() options that safe-stable-stringify refuses when the logger is set up, not while logging', () => {
    expect(() => redactJson({}, { maximumDepth: 'deep' as unknown as number })).toThrow(TypeError);
  });
});
