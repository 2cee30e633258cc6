/**
 * pinoRedaction() redacting inside pino's serialization: interpolated objects, the user's own pino
 * options and `redact` config composed with hushlog's, children that replace hushlog's options,
 * echoes across the parts of a line, and clean lines byte-identical to plain pino's.
 */
import { hostname } from 'node:os';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { createRedactor, type Redactor } from '@hushlog/core';
import { pinoRedaction } from '../src/index.js';
import { serializationOptions } from '../src/serialization.js';
import { SECRETS, leaked, lineCollector } from './helpers.js';

const KEY = ['k3y', '9f8e7d6c5b4a', 'Zq81'].join('-');

/** A logger from a complete options object, writing to a line collector. */
function make(options: pino.LoggerOptions) {
  const out = lineCollector();
  return { log: pino(options, out.stream), ...out };
}

describe('interpolated objects (%j, %o, %O)', () => {
  it.each(['%j', '%o', '%O'])("censors the policy's paths inside a %s object, as pino's own redact does", (token) => {
    const { log, lines } = make({ ...pinoRedaction({ paths: ['order.ref'] }) });
    (log.info as (...args: unknown[]) => void)(`test ${token}`, { order: { ref: 'ORD-7731-PRIVATE', total: 12 } });
    expect(lines[0]).not.toContain('ORD-7731-PRIVATE');
    const msg = (JSON.parse(lines[0]!) as { msg: string }).msg;
    expect(JSON.parse(msg.slice('test '.length))).toEqual({ order: { ref: '[REDACTED]', total: 12 } });
  });

  it('applies key rules to an interpolated object after a merging object', () => {
    const { log, lines } = make({ ...pinoRedaction() });
    log.info({ orderId: 7 }, 'login %j', { user: 'jane', password: SECRETS.password });
    expect(leaked(lines.join(''))).toEqual([]);
    expect(lines[0]).toContain('\\"password\\":\\"[REDACTED]\\"');
  });
});

describe('pinoRedaction(policy, { pino: userOptions })', () => {
  it("composes the user's formatters, hooks, serializers, mixin and onChild with hushlog's", () => {
    const children: string[] = [];
    const written: string[] = [];
    const { log, records } = make(
      pinoRedaction(undefined, {
        pino: {
          messageKey: 'message',
          formatters: { level: (label) => ({ severity: label.toUpperCase() }), log: (o) => ({ ...o, formatted: true }) },
          serializers: { account: (a: { id: number }) => ({ id: a.id, token: SECRETS.apiKey }) },
          mixin: () => ({ requestAuth: `Bearer ${SECRETS.jwt}` }),
          hooks: {
            logMethod(args, method) {
              // the common "message first, object second" swap
              if (args.length === 2 && typeof args[0] === 'string') return method.apply(this, [args[1], args[0]] as never);
              return method.apply(this, args);
            },
            streamWrite: (line) => {
              written.push(line);
              return line;
            },
          },
          onChild: (child) => children.push(typeof child.info),
        },
      }),
    );
    log.info('signed in %s', { account: { id: 7 }, email: SECRETS.email } as never);
    log.child({ session: SECRETS.session }).info('child line');

    const [first, second] = records();
    expect(first).toMatchObject({
      severity: 'INFO',
      formatted: true,
      account: { id: 7, token: '[REDACTED]' },
      email: '[REDACTED]',
      requestAuth: 'Bearer [REDACTED:jwt]',
    });
    expect(first?.message).toBe('signed in %s');
    expect(second).toMatchObject({ session: '[REDACTED]', message: 'child line' });
    expect(children).toEqual(['function']);
    expect(written).toHaveLength(2);
    // the user's streamWrite sees the finished line, the merged object in place
    expect(written[0]).toContain('"formatted":true');
    expect(written.join('')).not.toContain('hushlog-merged-object');
    expect(leaked(JSON.stringify(records()))).toEqual([]);
  });
});

describe('pinoRedaction(policy, { redact })', () => {
  it('censors an array of pino paths on top of the policy, with hushlog’s censor text', () => {
    const { log, records } = make(pinoRedaction(undefined, { redact: ['order.ref', 'items[*].sku'] }));
    log.info({ order: { ref: 'ORD-1', note: SECRETS.email }, items: [{ sku: 'A1' }, { sku: 'B2' }] });
    expect(records()[0]).toMatchObject({
      order: { ref: '[REDACTED]', note: '[REDACTED:email]' },
      items: [{ sku: '[REDACTED]' }, { sku: '[REDACTED]' }],
    });
    expect(JSON.stringify(records())).not.toContain('[Redacted]');
  });

  it("calls the user's censor with pino's (value, path) signature, also under the keys hushlog claims", () => {
    const seen: string[] = [];
    const censor = (value: unknown, path: string[]) => {
      seen.push(path.join('.'));
      return `<${String(value).length}>`;
    };
    const { log, records } = make(
      pinoRedaction(undefined, { redact: { paths: ['order.ref', 'err.code', 'req.headers["x-tenant"]'], censor } }),
    );
    const err = Object.assign(new Error('failed'), { code: 'E_TENANT_7' });
    log.error({ order: { ref: 'ORD-12345' }, err, req: { headers: { 'x-tenant': 'acme-corp' } } });
    expect(records()[0]).toMatchObject({ order: { ref: '<9>' }, err: { code: '<10>' }, req: { headers: { 'x-tenant': '<9>' } } });
    expect(seen.sort()).toEqual(['err.code', 'order.ref', 'req.headers.x-tenant']);
  });

  it('removes the paths with remove: true, as pino does', () => {
    const { log, records } = make(pinoRedaction(undefined, { redact: { paths: ['order.ref'], remove: true } }));
    log.info({ order: { ref: 'ORD-1', total: 3 } });
    expect(records()[0]?.order).toEqual({ total: 3 });
  });

  it("reads the user's redact from the pino options too, and refuses a path pino refuses", () => {
    const { log, records } = make(pinoRedaction(undefined, { pino: { redact: ['order.ref'] } }));
    log.info({ order: { ref: 'ORD-1' } });
    expect(records()[0]?.order).toEqual({ ref: '[REDACTED]' });
    expect(() => pinoRedaction(undefined, { redact: ['a,b'] })).toThrow(/redact\.paths\[0\]/);
  });
});

describe('children that replace hushlog’s options', () => {
  it('still redacts the lines of a child with its own formatters or redact option, as text', () => {
    const { log, lines } = make({ ...pinoRedaction() });
    log.child({}, { formatters: { log: (o) => o } }).info({ password: SECRETS.password }, 'own formatters');
    log
      .child({}, { redact: ['nothing.here'] })
      .error({ err: new Error(`connect to postgres://app:${SECRETS.password}@db/orders`) }, 'own redact');
    log.child({ user: SECRETS.email }, { redact: ['x'] }).info(`token=${SECRETS.apiKey}`);
    expect(lines).toHaveLength(3);
    expect(leaked(lines.join(''))).toEqual([]);
  });
});

describe('options set beside the spread config', () => {
  it('redacts the message under a messageKey or errorKey hushlog was not told of, and a nested object', () => {
    const { log, lines } = make({ ...pinoRedaction(), messageKey: 'message', errorKey: 'error' });
    log.info(`login for ${SECRETS.email} with password=${SECRETS.password}`);
    log.error({ error: new Error(`token=${SECRETS.apiKey}`) }, 'failed');
    const nested = make({ ...pinoRedaction({ paths: ['payload.card'] }), nestedKey: 'payload' });
    nested.log.info({ card: '4000 0000 0000 0002 0000', note: SECRETS.email });
    expect(leaked(lines.join('') + nested.lines.join(''))).toEqual([]);
    expect(nested.records()[0]).toMatchObject({ payload: { card: '[REDACTED]' } });
  });
});

describe('keys pino writes twice in one line', () => {
  it('judges every occurrence: a binding and the object, msg in the object and as the message, two child levels', () => {
    const { log, lines } = make({ ...pinoRedaction() });
    log.child({ user: SECRETS.email }).info({ user: 'anon' });
    log.info({ msg: `password=${SECRETS.password}` }, 'done');
    log.child({ user: SECRETS.email }).child({ user: 'anon' }).info('twice');
    expect(leaked(lines.join(''))).toEqual([]);
    expect(lines[0]).toMatch(/"user":"\[REDACTED:email\]".*"user":"anon"/);
    expect(lines[1]).toMatch(/"msg":"password=\[REDACTED[^"]*\]".*"msg":"done"/);
    expect(lines[2]).toMatch(/"user":"\[REDACTED:email\]","user":"anon"/);
  });
});

describe('hooks set after the spread options', () => {
  it('still writes the merged object, redacted, when a streamWrite of the user replaces hushlog’s', () => {
    const redaction = pinoRedaction();
    const { log, records } = make({ ...redaction, hooks: { ...redaction.hooks, streamWrite: (line: string) => line } });
    log.info({ orderId: 'ord_1', password: SECRETS.password }, 'paid');
    expect(records()[0]).toMatchObject({ orderId: 'ord_1', password: '[REDACTED]', msg: 'paid' });
  });
});

describe('bindings', () => {
  it('writes claimed binding values (req, err) redacted beside other bindings, at every level and after setBindings', () => {
    const { log, lines, records } = make({ ...pinoRedaction() });
    const child = log.child({ reqId: 7, req: { url: '/a', headers: { authorization: `Bearer ${SECRETS.jwt}` } }, user: SECRETS.email });
    const grandchild = child.child({ res: { headers: { 'set-cookie': `session=${SECRETS.setCookieSession}; Path=/` } } });
    grandchild.info('one');
    child.setBindings({ req: { headers: { cookie: `sid=${SECRETS.session}` } } });
    child.info('two');
    expect(leaked(lines.join(''))).toEqual([]);
    expect(lines.join('')).not.toContain('hushlog-binding');
    expect(records()[0]).toMatchObject({
      reqId: 7,
      req: { url: '/a', headers: { authorization: 'Bearer [REDACTED]' } },
      user: '[REDACTED:email]',
      res: { headers: { 'set-cookie': 'session=[REDACTED]; Path=/' } },
      msg: 'one',
    });
    expect(lines[1]).toContain('"cookie":"sid=[REDACTED]"');
  });

  it('binds both requests when a getter of a bound req binds another req, and then throws so the first is read again', () => {
    const { log, lines, records } = make({ ...pinoRedaction() });
    // the getter throws too, so the outer req is read a second time, carefully, after the inner child was bound
    const outer = {
      url: '/outer',
      get headers(): never {
        log.child({ req: { url: '/inner', headers: { 'x-api-key': KEY } } }).info('inner');
        throw new Error('headers are gone');
      },
    };
    log.child({ req: outer }).info('outer');
    expect(lines.join('')).not.toContain(KEY);
    const all = records();
    expect(all.find((r) => r.msg === 'inner')).toMatchObject({ req: { url: '/inner', headers: { 'x-api-key': '[REDACTED]' } } });
    expect(all.find((r) => r.msg === 'outer')).toMatchObject({ req: { url: '/outer' } });
  });
});

describe('serializers that return what they are given', () => {
  it('still redacts a claimed value whose serializer returns the very object it was given', () => {
    const { log, lines } = make(pinoRedaction(undefined, { pino: { serializers: { user: (u: unknown) => u, req: (q: unknown) => q } } }));
    log.info({ user: { password: SECRETS.password } }, 'user');
    log.info({ req: { headers: { 'x-api-key': KEY } } }, `req ${KEY}`);
    expect(leaked(lines.join(''))).toEqual([]);
    expect(lines.join('')).not.toContain(KEY);
    expect(lines[1]).toContain(`"msg":"req [REDACTED:echo]"`);
  });
});

describe('a child made while another child binds its req', () => {
  /** A req bound to `ownKey` whose `url` getter makes a child of `log` bound to a req with `childKey`. */
  function reqThatMakesAChild(log: pino.Logger, ownKey: string, childKey: string) {
    const made: { child?: pino.Logger } = {};
    const req = {
      headers: { 'x-api-key': ownKey },
      get url() {
        made.child = log.child({ req: { url: '/in', headers: { 'x-api-key': childKey } } });
        return '/out';
      },
    };
    return { req, made };
  }

  it("keeps each child's echoes when a getter of a bound req makes another child meanwhile", () => {
    const { log, lines, records } = make({ ...pinoRedaction() });
    const OUTER = 'outer-9f8e7d6c5b4a';
    const INNER = 'inner-1a2b3c4d5e6f';
    const { req, made } = reqThatMakesAChild(log, OUTER, INNER);
    const outer = log.child({ req });
    outer.info(`outer saw ${OUTER}`);
    made.child!.info(`inner saw ${INNER}`);
    outer.info(`again ${OUTER}`);
    expect(lines.join('')).not.toContain(OUTER);
    expect(lines.join('')).not.toContain(INNER);
    expect(records().map((r) => r.msg)).toEqual(['outer saw [REDACTED:echo]', 'inner saw [REDACTED:echo]', 'again [REDACTED:echo]']);
  });

  it('keeps the echoes of a child that a getter makes while a serializer or the mixin of the line reads it', () => {
    const OWN = 'own-key-1234567890ab';
    const CHILD = 'child-key-0a1b2c3d4e';
    for (const via of ['serializer', 'mixin'] as const) {
      const made: { log?: pino.Logger; child?: pino.Logger } = {};
      const req = {
        headers: { 'x-api-key': OWN },
        get url() {
          made.child = made.log!.child({ req: { headers: { 'x-api-key': CHILD } } });
          return '/';
        },
      };
      const userOptions: pino.LoggerOptions =
        via === 'serializer'
          ? { serializers: { req: (r: typeof req) => ({ url: r.url, headers: r.headers }) } }
          : { mixin: () => ({ route: req.url }) };
      const out = make(pinoRedaction(undefined, { pino: userOptions }));
      made.log = out.log;
      out.log.info({ req }, 'line');
      made.child!.info(`child ${CHILD}`);
      expect(out.lines.join('')).not.toContain(CHILD);
      expect(out.records().at(-1)?.msg).toBe('child [REDACTED:echo]');
    }
  });

  it('keeps the echoes of a child that a getter makes while a line is logged', () => {
    const { log, lines, records } = make({ ...pinoRedaction() });
    const LINE = 'line-key-99887766aa';
    const CHILD = 'child-key-0a1b2c3d4e';
    const { req, made } = reqThatMakesAChild(log, LINE, CHILD);
    log.info({ req }, `line ${LINE}`);
    made.child!.info(`child ${CHILD}`);
    expect(lines.join('')).not.toContain(LINE);
    expect(lines.join('')).not.toContain(CHILD);
    expect(records().map((r) => r.msg)).toEqual(['line [REDACTED:echo]', 'child [REDACTED:echo]']);
  });
});

describe('echoes across the parts of a line', () => {
  it('scrubs a key censored in a child binding from the message and the error of a later line', () => {
    const { log, lines } = make({ ...pinoRedaction() });
    const child = log.child({ req: { headers: { 'x-api-key': KEY } } });
    child.info(`data requested by ${KEY}`);
    child.error({ err: new Error(`upstream rejected ${KEY}`) }, 'failed');
    expect(lines.join('')).not.toContain(KEY);
    expect(lines[0]).toContain('data requested by [REDACTED:echo]');
  });

  it('scrubs a value censored late in the line from a part written before it', () => {
    const { log, lines } = make({ ...pinoRedaction() });
    // the note is redacted before the error, whose kv match registers the echo
    log.error({ note: `retrying with ${SECRETS.password}`, err: new Error(`password=${SECRETS.password}`) });
    log.info({ first: `seen ${KEY}` }, `key=${KEY}`);
    expect(leaked(lines.join(''))).toEqual([]);
    expect(lines.join('')).not.toContain(KEY);
  });

  it('never carries one child’s echoes into a sibling’s lines', () => {
    const { log, lines } = make({ ...pinoRedaction() });
    const a = log.child({ req: { headers: { 'x-api-key': KEY } } });
    const b = log.child({ reqId: 'b' });
    b.info(`listing ${KEY.slice(0, 12)} items`);
    a.info(`data requested by ${KEY}`);
    expect(lines[0]).toContain(KEY.slice(0, 12));
    expect(lines[1]).toContain('[REDACTED:echo]');
  });
});

/** A timestamp function that writes a counter, so that two loggers' lines can be compared byte for byte. */
function counter(): () => string {
  let n = 0;
  return () => `,"time":${++n}`;
}

/** Logs the same calls to plain pino and to pino with hushlog's options (built by `hushed` from the same user options). */
function sideBySide(
  options: () => pino.LoggerOptions,
  hushed: (user: pino.LoggerOptions) => pino.LoggerOptions,
  calls: (log: pino.Logger) => void,
) {
  const plain = make(options());
  const redacted = make(hushed(options()));
  calls(plain.log);
  calls(redacted.log);
  return { plain: plain.lines, hushed: redacted.lines };
}

describe('lines put together from the parts hushlog saw made', () => {
  const clean = (log: pino.Logger) => {
    log.info({ orderId: 'ord_8f3a2c', items: [{ sku: 'SKU-1', qty: 2 }] }, 'order "shipped" \u00e9\u2028 in %dms', 42);
    log.warn({ n: 1 });
    log.error({ retry: true }, 'retrying');
    log.child({ reqId: 'r-1' }).info({ step: 2 }, 'child line');
    // two claimed values bound at once, and a message repeated, changed and repeated again
    const request = log.child({ req: { method: 'GET', url: '/a?page=2' }, res: { statusCode: 200 } });
    request.info('request completed');
    request.info('request completed');
    request.info('request "failed"');
    log.info('request completed');
  };

  it.each([
    ['a timestamp of its own, crlf and a message prefix', () => ({ timestamp: counter(), crlf: true, msgPrefix: '[orders] ' })],
    ['no timestamp, no base and another message key', () => ({ timestamp: false, base: null, messageKey: 'message' })],
    [
      'a level formatter and custom levels',
      () => ({ timestamp: counter(), customLevels: { audit: 35 }, formatters: { level: (label: string) => ({ severity: label }) } }),
    ],
  ] as const)('are what plain pino writes, with %s', (_name, options) => {
    const { plain, hushed } = sideBySide(options as () => pino.LoggerOptions, (user) => pinoRedaction(undefined, { pino: user }), clean);
    expect(hushed).toEqual(plain);
  });

  it("are what plain pino writes when the user's timestamp is set beside the spread options", () => {
    const { plain, hushed } = sideBySide(
      () => ({ timestamp: counter() }),
      (user) => ({ ...pinoRedaction(), ...user }),
      clean,
    );
    expect(hushed).toEqual(plain);
  });

  it('keep the time of their own line when a logger made during the line takes one', () => {
    const time = counter();
    const options = pinoRedaction(undefined, { pino: { timestamp: time } });
    const { log, lines } = make(options);
    const value = {
      get made() {
        pino(options, lineCollector().stream); // (pino takes a time when a logger is made)
        return 'yes';
      },
    };
    log.info({ value }, 'with a getter');
    log.info('after');
    expect(lines.map((l) => (JSON.parse(l) as { time: number }).time)).toEqual([2, 4]);
    expect(JSON.parse(lines[0]!)).toMatchObject({ value: { made: 'yes' }, msg: 'with a getter' });
  });

  it('take a time each when a logMethod hook writes two lines for one call', () => {
    const twice = (user: pino.LoggerOptions): pino.LoggerOptions => ({
      ...user,
      hooks: {
        logMethod(args, method) {
          method.apply(this, args);
          method.apply(this, args);
        },
      },
    });
    const { plain, hushed } = sideBySide(
      () => twice({ timestamp: counter() }),
      (user) => pinoRedaction(undefined, { pino: user }),
      (log) => log.info({ password: SECRETS.password, n: 1 }, 'twice'),
    );
    expect(hushed.map((l) => l.replace('"[REDACTED]"', `"${SECRETS.password}"`))).toEqual(plain);
    expect(leaked(hushed.join(''))).toEqual([]);
  });

  it('censor the merged object in place, the rest as pino wrote it', () => {
    const { log, lines } = make(pinoRedaction(undefined, { pino: { timestamp: () => ',"time":7' } }));
    log.child({ service: 'api' }).info({ user: { email: SECRETS.email }, password: SECRETS.password }, 'signed in');
    expect(lines[0]).toBe(
      `{"level":30,"time":7,"pid":${process.pid},"hostname":${JSON.stringify(hostname())},"service":"api","user":{"email":"[REDACTED]"},"password":"[REDACTED]","msg":"signed in"}\n`,
    );
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['0', 0],
    ['an empty string', ''],
  ] as const)('have no time when the timestamp option is %s, as with plain pino', (_name, timestamp) => {
    const { plain, hushed } = sideBySide(
      () => ({ timestamp }) as pino.LoggerOptions,
      (user) => pinoRedaction(undefined, { pino: user }),
      (log) => log.info({ n: 1 }, 'm'),
    );
    expect(hushed).toEqual(plain);
    expect(hushed[0]).not.toContain('"time"');
  });

  it('keep what a replaced asJson did to the line, even when it keeps the length', () => {
    const mask = (line: string) => line.replace(/acct-(\d+)/g, (_m, digits: string) => `acct-${'*'.repeat(digits.length)}`);
    const masking = (log: pino.Logger) => {
      const sym = pino.symbols.asJsonSym as unknown as 'asJson';
      const asJson = (log as unknown as Record<string, (...a: unknown[]) => string>)[sym]!;
      (log as unknown as Record<string, unknown>)[sym] = function (this: unknown, ...a: unknown[]) {
        return mask(asJson.apply(this, a));
      };
      log.child({ owner: 'acct-12345678' }).info({ a: 1 }, 'moved funds from acct-98765432');
    };
    const { plain, hushed } = sideBySide(
      () => ({ timestamp: counter() }),
      (user) => pinoRedaction(undefined, { pino: user }),
      masking,
    );
    expect(hushed).toEqual(plain);
    expect(hushed[0]).toContain('"owner":"acct-********"');
  });

  it('take the time of their own write when a logger is made before it', () => {
    const calls = (log: pino.Logger, options: pino.LoggerOptions) => {
      // a logger made the first time each getter is read (hushlog may read an argument more often than pino)
      const seen = new Set<string>();
      const made = (by: string) => {
        if (!seen.has(by)) pino(options, lineCollector().stream);
        seen.add(by);
      };
      log.info({ get method() { made('method'); return undefined; }, a: 1 }, 'a getter read before the time is taken'); // prettier-ignore
      log.info('%j', { get x() { made('x'); return 1; } }); // prettier-ignore
    };
    const plainOptions = { timestamp: counter() };
    const plain = make(plainOptions);
    calls(plain.log, plainOptions);
    const hushedOptions = pinoRedaction(undefined, { pino: { timestamp: counter() } });
    const hushed = make(hushedOptions);
    calls(hushed.log, hushedOptions);
    expect(hushed.lines).toEqual(plain.lines);
  });

  it.each([
    [
      'in the mixin, before the object is redacted',
      {
        mixin: (o: object) => {
          if ((o as { bad?: boolean }).bad) throw new Error('mixin failed');
          return {};
        },
      },
      { logError: 'mixin failed' },
    ],
    [
      'in a serializer, after the object is redacted',
      {
        serializers: {
          msg: (m: unknown) => {
            if (m === 'first') throw new Error('serializer failed');
            return m;
          },
          req: (r: { id: string }) => r.id,
        },
      },
      // pino's stand-in for the first write's object is 42 characters: a retry of the same length
      { req: { id: 'r'.repeat(33) } },
    ],
  ] as const)('take the time and the object of a retry when a write inside a logMethod throws %s', (_name, throwing, retry) => {
    const retrying = (user: pino.LoggerOptions): pino.LoggerOptions => ({
      ...user,
      ...(throwing as pino.LoggerOptions),
      hooks: {
        logMethod(args, method) {
          try {
            return method.apply(this, args);
          } catch {
            return method.apply(this, [retry, 'retry'] as never);
          }
        },
      },
    });
    const { plain, hushed } = sideBySide(
      () => retrying({ timestamp: counter() }),
      (user) => pinoRedaction(undefined, { pino: user }),
      (log) => log.info({ bad: true, user: 'alice' }, 'first'),
    );
    expect(hushed).toEqual(plain);
  });

  it('have the bindings of the logger a logMethod writes with, not the one it was called on', () => {
    let target: pino.Logger | null = null;
    const routing = (user: pino.LoggerOptions): pino.LoggerOptions => ({
      ...user,
      hooks: {
        logMethod(args, method) {
          return method.apply(target ?? this, args);
        },
      },
    });
    const calls = (log: pino.Logger) => {
      const a = log.child({ reqId: 'req-aaaa' });
      target = log.child({ reqId: 'req-bbbb' });
      a.info({ step: 1 }, 'a logs while b is the current request');
      target = null;
    };
    const { plain, hushed } = sideBySide(
      () => routing({ timestamp: counter() }),
      (user) => pinoRedaction(undefined, { pino: user }),
      calls,
    );
    expect(hushed).toEqual(plain);
    expect(hushed[0]).toContain('"reqId":"req-bbbb"');
  });

  it('are redacted when a logMethod writes with a child that has formatters of its own', () => {
    let target: pino.Logger | null = null;
    const { log, lines } = make(
      pinoRedaction(undefined, {
        pino: {
          hooks: {
            logMethod(args, method) {
              return method.apply(target ?? this, args);
            },
          },
        },
      }),
    );
    target = log.child({ svc: 'x' }, { formatters: { log: (o: object) => o } });
    log.info({ password: SECRETS.password }, 'routed');
    expect(lines).toHaveLength(1);
    expect(leaked(lines.join(''), [SECRETS.password])).toEqual([]);
  });

  it('are redacted when the bindings are set again while the line is made', () => {
    const { log, lines } = make(
      pinoRedaction(undefined, {
        pino: {
          mixin: (o: object, _level: number, logger: pino.Logger) => {
            if ((o as { rebind?: boolean }).rebind) logger.setBindings({ password: SECRETS.password });
            return {};
          },
        },
      }),
    );
    const child = log.child({ a: 1 });
    child.info({ rebind: true }, 'the mixin sets bindings');
    child.info({ get g() { child.setBindings({ token: `Bearer ${KEY}` }); return 1; } }, 'a getter sets bindings'); // prettier-ignore
    child.info('after');
    expect(lines).toHaveLength(3);
    expect(leaked(lines.join(''), [SECRETS.password, KEY])).toEqual([]);
  });

  it('are what plain pino writes with a timestamp function from another realm (pino takes it for true)', () => {
    const foreign = runInNewContext('() => \',"time":"elsewhere"\'') as () => string;
    const { plain, hushed } = sideBySide(
      () => ({ timestamp: foreign }),
      (user) => pinoRedaction(undefined, { pino: user }),
      (log) => log.info({ n: 1 }, 'm'),
    );
    expect(hushed.map((l) => l.replace(/"time":\d+/, '"time":0'))).toEqual(plain.map((l) => l.replace(/"time":\d+/, '"time":0')));
    expect(hushed[0]).not.toContain('elsewhere');
  });

  it('are what plain pino writes with a message key that holds a quote, and a key no pino path can name is refused clearly', () => {
    const { plain, hushed } = sideBySide(
      () => ({ timestamp: counter(), messageKey: 'm"k' }),
      (user) => pinoRedaction(undefined, { pino: user }),
      (log) => log.info({ n: 1 }, 'quoted key'),
    );
    expect(hushed).toEqual(plain);
    expect(() => pinoRedaction(undefined, { pino: { messageKey: 'a\\b' } })).toThrow(/cannot name the key "a\\\\b"/);
    // keys pino's path parser would read as something else (a wildcard, an index), or miss
    for (const key of ['*', 'a[0]', 'm]k', 'm\u2028k', 'm\nk'])
      expect(() => pinoRedaction(undefined, { pino: { errorKey: key } })).toThrow(TypeError);
  });

  it('keep the echoes of a child bound after a write through it failed inside another logger’s logMethod', () => {
    const lines: string[] = [];
    const stream = { write: (s: string) => void lines.push(s) };
    const failing = (r: { bad?: boolean }) => {
      if (r.bad) throw new Error('serializer failed');
      return r;
    };
    const b = pino(pinoRedaction(undefined, { pino: { serializers: { res: failing } } }), stream);
    const a = pino(
      pinoRedaction(undefined, {
        pino: {
          hooks: {
            logMethod(args, method) {
              try {
                return method.apply(b, args);
              } catch {
                return method.apply(this, ['write failed'] as never);
              }
            },
          },
        },
      }),
      stream,
    );
    a.info({ res: { bad: true } }, 'x');
    b.child({ req: { headers: { cookie: `session=${KEY}` } } }).info(`the cookie was ${KEY}`);
    expect(lines).toHaveLength(2);
    expect(leaked(lines.join(''), [KEY])).toEqual([]);
    expect(lines[1]).toContain('the cookie was [REDACTED:echo]');
  });

  it('keep the enclosing line as it is when a held method is flushed from its mixin or a getter', () => {
    let held: [pino.Logger, (...a: unknown[]) => unknown, unknown[]][] = [];
    const flush = () => {
      const now = held;
      held = [];
      for (const [logger, m, a] of now) m.apply(logger, a);
    };
    const { log, lines } = make(
      pinoRedaction(undefined, {
        pino: {
          level: 'debug',
          mixin: (_o: object, level: number) => {
            if (level >= 50) flush();
            return {};
          },
          hooks: {
            logMethod(args, method, level) {
              if (level < 50) {
                held.push([this, method as never, args]);
                return;
              }
              return method.apply(this, args);
            },
          },
        },
      }),
    );
    log.debug({ step: 1 }, 'held');
    log.child({ password: KEY }).error({ step: 2 }, `failed, the password was ${KEY}`);
    const own = log.child({ svc: 'x' }, { formatters: { log: (o: object) => o } });
    log.debug({ step: 3 }, 'held again');
    own.error({ password: SECRETS.password, get g() { flush(); return 1; } }, 'a child with formatters of its own'); // prettier-ignore
    expect(lines).toHaveLength(4);
    expect(leaked(lines.join(''), [KEY, SECRETS.password])).toEqual([]);
    expect(lines.join('')).not.toContain('hushlog-binding');
    expect(lines.map((l) => (JSON.parse(l) as { level: number }).level)).toEqual([20, 50, 20, 50]);
  });

  it("keep each line's level when a logMethod keeps pino's methods and writes the lines later", () => {
    // a ring of debug lines, written out when an error comes
    const buffering = (user: pino.LoggerOptions): pino.LoggerOptions => {
      let held: [pino.Logger, (...a: unknown[]) => unknown, unknown[]][] = [];
      return {
        ...user,
        level: 'debug',
        hooks: {
          logMethod(args, method, level) {
            if (level < 50) {
              held.push([this, method as never, args]);
              return;
            }
            for (const [logger, m, a] of held) m.apply(logger, a);
            held = [];
            return method.apply(this, args);
          },
        },
      };
    };
    const { plain, hushed } = sideBySide(
      () => buffering({ timestamp: counter() }),
      (user) => pinoRedaction(undefined, { pino: user }),
      (log) => {
        log.debug({ step: 1 }, 'debug');
        log.info({ step: 2 }, 'info');
        log.error({ step: 3 }, 'boom');
      },
    );
    expect(hushed).toEqual(plain);
    expect(hushed.map((l) => (JSON.parse(l) as { level: number }).level)).toEqual([20, 30, 50]);
  });

  it('are redacted when a logMethod writes with another logger and a timestamp is set beside the spread options', () => {
    let target: pino.Logger | null = null;
    const { log, lines } = make({
      ...pinoRedaction(undefined, {
        pino: {
          hooks: {
            logMethod(args, method) {
              return method.apply(target ?? this, args);
            },
          },
        },
      }),
      timestamp: pino.stdTimeFunctions.isoTime,
    });
    target = log.child({ svc: 'x' }, { formatters: { log: (o: object) => o } });
    log.info({ password: SECRETS.password }, 'routed to a child with formatters of its own');
    target = log.child({ password: KEY });
    log.info(`routed: the password was ${KEY}`);
    expect(lines).toHaveLength(2);
    expect(leaked(lines.join(''), [SECRETS.password, KEY])).toEqual([]);
  });

  it('keep their message, error and bindings when an async logMethod writes after the call returned', async () => {
    const { log, lines } = make(
      pinoRedaction(undefined, {
        pino: {
          hooks: {
            async logMethod(args, method) {
              await null;
              return method.apply(this, args);
            },
          },
        },
      }),
    );
    log.info({ password: SECRETS.password }, 'mail jane@example.com');
    log.error(new Error('failed for jane@example.com'));
    await new Promise((resolve) => setImmediate(resolve));
    const [first, second] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(first).toMatchObject({ password: '[REDACTED]', msg: 'mail [REDACTED:email]' });
    expect(second).toMatchObject({ err: { message: 'failed for [REDACTED:email]' }, msg: 'failed for [REDACTED:email]' });
    expect(lines.join('')).not.toContain('hushlog-binding');
  });

  it("keep their message and error, redacted, when hooks set beside the spread options replace hushlog's", () => {
    const { log, lines } = make({
      ...pinoRedaction(),
      hooks: {
        logMethod(args, method) {
          return method.apply(this, args);
        },
      },
    });
    log.info({ password: SECRETS.password }, 'mail jane@example.com');
    log.error(new Error('failed for jane@example.com'));
    log.child({ req: { headers: { authorization: `Bearer ${KEY}` } } }).info('a child');
    // a child made, and a line logged, while a line is written
    log.info({ req: { get h() { log.child({ z: 1 }); return 1; } } }, 'mail bob@example.com'); // prettier-ignore
    log.info({ a: { get g() { log.info({ password: SECRETS.password }, 'inner'); return 1; } } }, 'outer'); // prettier-ignore
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.map((r) => r.msg).filter((m) => m !== 'inner')).toEqual([
      'mail [REDACTED:email]',
      'failed for [REDACTED:email]',
      'a child',
      'mail [REDACTED:email]',
      'outer',
    ]);
    expect(records.map((r) => r.msg)).toContain('inner');
    expect(lines.join('')).not.toContain('hushlog-binding');
    // bindings set where no other hook sees them, and a bound secret echoed in the message
    const child = log.child({ a: 1 });
    child.setBindings({ password: SECRETS.password });
    child.info('after setBindings');
    log.child({ password: KEY }).info(`the password was ${KEY}`);
    expect(leaked(lines.join(''), [SECRETS.password, KEY])).toEqual([]);
    expect(lines.at(-1)).toContain('the password was [REDACTED:echo]');
    expect(leaked(lines.join(''), [SECRETS.password, KEY, 'jane@example.com'])).toEqual([]);
  });
});

describe('clean lines', () => {
  it("writes a string holding the merged object's stand-in text as the string it is", () => {
    const { log, records } = make({ ...pinoRedaction() });
    const tricky = ',"\u0000hushlog-merged-object\u0000":true';
    log.info({ note: tricky, n: 1 }, 'tricky');
    log.info('no object');
    expect(records()[0]).toMatchObject({ note: tricky, n: 1, msg: 'tricky' });
    expect(records()[1]).toMatchObject({ msg: 'no object' });
    expect(Object.keys(records()[1]!).join()).not.toContain('hushlog');
  });

  it('writes a clean line byte for byte as plain pino writes it, bindings, serializers and errors included', () => {
    const options: pino.LoggerOptions = { timestamp: false, base: { service: 'orders' } };
    const plain = make(options);
    const hushed = make(pinoRedaction(undefined, { pino: options }));
    for (const { log } of [plain, hushed]) {
      const child = log.child({ reqId: 'r-1', route: '/orders/:id' });
      child.info(
        { orderId: 'ord_8f3a2c', items: [{ sku: 'SKU-1', qty: 2 }], shippedAt: new Date(0) },
        'order %s shipped in %dms',
        'ord_8f3a2c',
        42,
      );
      child.warn('plain message with "quotes" and\nnewlines');
      child.setBindings({ stage: 'ship' });
      child.info('after setBindings');
    }
    expect(hushed.lines).toEqual(plain.lines);
  });
});

describe('a redaction that fails', () => {
  it('writes a valid line without the object, never the object raw', () => {
    const real = createRedactor();
    // A redactor whose walk fails closed, as the engine does on an internal error: it returns the censor text.
    const failing = Object.create(real) as Redactor;
    failing.redact = () => '[REDACTED]';
    failing.stringify = () => '"[REDACTED]"';
    failing.stringifyMembers = () => null;
    const { log, lines } = make(serializationOptions(failing));
    log.info({ password: SECRETS.password, note: 'kept?' }, 'hello');
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(record).toMatchObject({ hushlog: '[hushlog: this object could not be redacted and was withheld]', msg: 'hello' });
    expect(leaked(lines[0]!)).toEqual([]);
  });
});
