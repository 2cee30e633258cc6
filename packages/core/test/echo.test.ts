import { describe, expect, it } from 'vitest';
import { createRedactor, runWithSecrets } from '../src/index.js';
import { makeJwt } from './detect/helpers.js';

const r = createRedactor();
const KEY = 'k3y-9f8e7d6c5b4a';

/** A record where the API key a request came with is echoed in the message and in an error. */
function echoedRecord() {
  const err = new Error(`upstream rejected ${KEY}`);
  return { msg: `data requested by ${KEY}`, err, req: { headers: { 'x-api-key': KEY, accept: '*/*' } } };
}

describe('echo scrubbing: a value a rule censored is hidden wherever else it appears', () => {
  it('hides the API key of a header in the message and in the error, written before or after the header', () => {
    const out = r.redact(echoedRecord()) as {
      msg: string;
      err: { message: string; stack: string };
      req: { headers: Record<string, string> };
    };
    expect(out.req.headers['x-api-key']).toBe('[REDACTED]');
    expect(out.msg).toBe('data requested by [REDACTED:echo]');
    expect(out.err.message).toBe('upstream rejected [REDACTED:echo]');
    expect(out.err.stack).not.toContain(KEY);
    expect(out.err.stack).toContain('upstream rejected [REDACTED:echo]');
  });

  it('hides the echo in stringify and redactLine too', () => {
    const record = echoedRecord();
    const json = r.stringify(record);
    expect(json).not.toContain(KEY);
    expect(JSON.parse(json)).toEqual(r.redact(record));
    const line = JSON.stringify({ msg: `data requested by ${KEY}`, req: { headers: { 'x-api-key': KEY } } });
    expect(r.redactLine(line)).toBe('{"msg":"data requested by [REDACTED:echo]","req":{"headers":{"x-api-key":"[REDACTED]"}}}');
  });

  it('takes echoes from every rule that cuts a value: keys, paths, query values, cookie values and key=value text', () => {
    const policy = createRedactor({ paths: ['order.ref'] });
    const out = policy.stringify({
      a: 'ref ORD-7731-PRIVATE was paid',
      order: { ref: 'ORD-7731-PRIVATE' },
      b: 'session sess-0a1b2c3d4e is over',
      headers: { cookie: 'sid=sess-0a1b2c3d4e; theme=dark' },
      c: 'token tok_77aa88bb99cc reused',
      url: '/pay?access_token=tok_77aa88bb99cc',
      d: 'the new passphrase Hunter22Hunter was set',
      log: 'login password=Hunter22Hunter',
      e: 'db hunter2pass failed',
      user: { password: 'hunter2pass' },
    });
    for (const secret of ['ORD-7731-PRIVATE', 'sess-0a1b2c3d4e', 'tok_77aa88bb99cc', 'Hunter22Hunter', 'hunter2pass'])
      expect(out).not.toContain(secret);
    expect(JSON.parse(out).b).toBe('session [REDACTED:echo] is over');
  });

  it('leaves values shorter than 8 characters alone elsewhere, so short passwords do not wreck the text', () => {
    expect(r.redact({ password: 'admin', msg: 'admin logged in' })).toEqual({ password: '[REDACTED]', msg: 'admin logged in' });
  });

  it('uses the policy label with the rule echo', () => {
    const custom = createRedactor({ label: '<{rule}>' });
    expect(custom.redact({ token: 'abcdefgh1234', msg: 'used abcdefgh1234' })).toEqual({ token: '[REDACTED]', msg: 'used <echo>' });
  });

  it('scrubs an echo inside the same string as the key=value match', () => {
    expect(r.redactString('password=Pa55w0rd!x retry with Pa55w0rd!x')).toBe('password=[REDACTED:echo] retry with [REDACTED:echo]');
  });

  it('returns a clean record as it came (no copy) when no rule fired', () => {
    const clean = { msg: 'order shipped', items: [{ sku: 'A', qty: 2 }] };
    expect(r.redact(clean)).toBe(clean);
  });

  it('audits a record with echoes once per finding, without the first pass repeated', () => {
    const findings = r.audit({ msg: `sent ${KEY}`, headers: { 'x-api-key': KEY } });
    expect(findings).toEqual([
      { rule: 'detector:echo', path: 'msg' },
      { rule: 'header:x-api-key', path: 'headers["x-api-key"]' },
    ]);
  });
});

describe('echoes carried between the parts of one record', () => {
  it('scrubs in a later part what an earlier part censored, and collects what each part censors', () => {
    const echoes: string[] = [];
    expect(r.redact({ headers: { 'x-api-key': KEY } }, echoes)).toEqual({ headers: { 'x-api-key': '[REDACTED]' } });
    expect(echoes).toEqual([KEY]);
    expect(r.redactString(`retrying with ${KEY}`, echoes)).toBe('retrying with [REDACTED:echo]');
    expect(r.stringify({ note: KEY }, echoes)).toBe('{"note":"[REDACTED:echo]"}');
    expect(echoes).toEqual([KEY]);
  });
});

describe('redacting the same strings again', () => {
  it('still collects the echo of a key=value match each time the same text comes back', () => {
    const text = 'login password=Pa55w0rd!x';
    for (let i = 0; i < 3; i++) {
      expect(r.redact({ a: 'retry Pa55w0rd!x', b: text })).toEqual({ a: 'retry [REDACTED:echo]', b: 'login password=[REDACTED:echo]' });
    }
  });

  it('scrubs a request secret from a string it has redacted before outside the request', () => {
    const line = 'user jane@example.com used tok-12345678';
    expect(r.redactString(line)).toBe('user [REDACTED:email] used tok-12345678');
    expect(runWithSecrets('tok-12345678', () => r.redactString(line))).toBe('user [REDACTED:email] used [REDACTED:known-secret]');
    expect(r.redactString(line)).toBe('user [REDACTED:email] used tok-12345678');
  });
});

describe('echoes found after the strings that hold them, in JSON text', () => {
  const keysOnly = createRedactor({ detectors: { kv: false, query: false, email: false } });

  it('scrubs them from the text already written, as a second walk of the value would', () => {
    const record = { msg: 'user jane.doe@example.com paid', user: { email: 'jane.doe@example.com' } };
    const json = keysOnly.stringify(record);
    expect(json).toBe('{"msg":"user [REDACTED:echo] paid","user":{"email":"[REDACTED]"}}');
    expect(JSON.parse(json)).toEqual(keysOnly.redact(record));
  });

  it('leaves a look-alike that starts inside an escape, and scrubs the value itself', () => {
    const secret = 'nabcdefgh12';
    const record = { note: `line one\nabcdefgh12 and ${secret}`, password: secret };
    const json = keysOnly.stringify(record);
    expect(json).toBe('{"note":"line one\\nabcdefgh12 and [REDACTED:echo]","password":"[REDACTED]"}');
    expect(JSON.parse(json)).toEqual(keysOnly.redact(record));
  });

  it('scrubs only the echoes that an earlier string holds, so an allowed value stays as redact() keeps it', () => {
    const allowing = createRedactor({ allow: ['note'], detectors: { kv: false, query: false, email: false } });
    const record = { a: 'x hunter2pass1 y', note: 'ref abcdefgh12345', password: 'hunter2pass1', token: 'abcdefgh12345' };
    const json = allowing.stringify(record);
    expect(json).toBe('{"a":"x [REDACTED:echo] y","note":"ref abcdefgh12345","password":"[REDACTED]","token":"[REDACTED]"}');
    expect(JSON.parse(json)).toEqual(allowing.redact(record));
  });

  it('scrubs an echo found later from the cookie attributes a styled censor kept', () => {
    const record = {
      note: 'x swordfish12345',
      headers: { 'set-cookie': 'sid=1; Domain=hunter2hunter2' },
      password: 'hunter2hunter2',
      secret: 'swordfish12345',
    };
    for (const out of [r.stringify(record), JSON.stringify(r.redact(record))]) expect(out).not.toMatch(/hunter2hunter2|swordfish12345/);
  });

  it('writes an echo found later in a cookie name or a Set-Cookie attribute the same way in redact and stringify', () => {
    const record = {
      note: 'x swordfish12345',
      headers: { cookie: 'hunter2hunter2=1', 'set-cookie': 'sid=1; Domain=hunter2hunter2' },
      password: 'hunter2hunter2',
      secret: 'swordfish12345',
    };
    const headers = { cookie: '[REDACTED:echo]=[REDACTED]', 'set-cookie': 'sid=[REDACTED]; Domain=[REDACTED:echo]' };
    expect((r.redact(record) as { headers: unknown }).headers).toEqual(headers);
    expect(JSON.parse(r.stringify(record)).headers).toEqual(headers);
  });

  it('walks again when an echo found later stands in JSON held in a string, escaped where a patch cannot see it', () => {
    const withQuote = 'sw"ordfish12345';
    for (const record of [
      { note: 'pw is hunter2hunter2', nested: JSON.stringify({ a: `x ${withQuote}` }), password: 'hunter2hunter2', secret: withQuote },
      { note: 'pw is hunter2hunter2', nested: '{"a":"x sw\\u006frdfish12345"}', password: 'hunter2hunter2', secret: 'swordfish12345' },
    ]) {
      const json = r.stringify(record);
      expect(json).not.toMatch(/ordfish12345|hunter2hunter2/);
      expect(JSON.parse(json)).toEqual(r.redact(record));
    }
  });

  it('walks again when an allowed value holds an echo found later, so both outputs keep the allowed value as it is', () => {
    const allowing = createRedactor({ allow: ['tokenizer'] });
    const record = { note: 'pw is hunter2hunter2', meta: { tokenizer: 'hunter2hunter2' }, password: 'hunter2hunter2' };
    const out = allowing.redact(record) as { note: string; meta: { tokenizer: string } };
    expect(out.note).toBe('pw is [REDACTED:echo]');
    expect(out.meta.tokenizer).toBe('hunter2hunter2');
    expect(JSON.parse(allowing.stringify(record))).toEqual(out);
  });

  it('labels a value that a key=value rule found in a string as redact does when it echoes in an earlier string', () => {
    const record = { pre: 'secretvalue12 seen', s: 'login token=secretvalue12 ok', later: 'again secretvalue12' };
    const out = r.redact(record) as Record<string, string>;
    expect(out).toEqual({ pre: '[REDACTED:echo] seen', s: 'login token=[REDACTED:echo] ok', later: 'again [REDACTED:echo]' });
    expect(JSON.parse(r.stringify(record))).toEqual(out);
    const inOne = { s: '{"token":"secretvalue12", bad} secretvalue12' };
    expect(JSON.parse(r.stringify(inOne))).toEqual(r.redact(inOne));
    // a key=value value that echoes nowhere is still labelled echo by the second walk another echo needs
    const other = { pre: 'uses plainsecret002', s: 'password=plainsecret004 x', password: 'plainsecret002' };
    expect((r.redact(other) as Record<string, string>).s).toBe('password=[REDACTED:echo] x');
    expect(JSON.parse(r.stringify(other))).toEqual(r.redact(other));
  });

  it('walks again when an echo may stand in a number, so the JSON stays valid and the number is kept', () => {
    for (const record of [
      { accountId: 40011234, body: '{"msg":"otp 40011234 sent"}}', otp: '40011234' },
      { id: 12345678, inner: '{"m":"x \\u0031\\u0032345678"}', pin: 12345678 },
    ]) {
      const json = r.stringify(record);
      expect(() => JSON.parse(json)).not.toThrow();
      expect(JSON.parse(json)).toEqual(r.redact(record));
      expect(JSON.parse(json)).toMatchObject({ [Object.keys(record)[0] as string]: Object.values(record)[0] });
    }
  });

  it('walks again when an allowed value holds an echo that JSON held in a string hides from a patch', () => {
    const quoted = 'sEcr"3tV4lue99';
    const allowing = createRedactor({ allow: ['note'] });
    const record = { note: quoted, inner: JSON.stringify({ msg: `x ${quoted}` }), password: quoted };
    const out = allowing.redact(record) as Record<string, string>;
    expect(out.note).toBe(quoted);
    expect(out.inner).toBe('{"msg":"x [REDACTED:echo]"}');
    expect(JSON.parse(allowing.stringify(record))).toEqual(out);
  });

  it('keeps the JSON valid when a string that looks like JSON but is not holds an echo of a number', () => {
    const record = { id: 12345678, inner: '{"m":"x 12345678",}', pin: 12345678 };
    const json = r.stringify(record);
    expect(() => JSON.parse(json)).not.toThrow();
    expect(JSON.parse(json)).toEqual(r.redact(record));
  });

  it('scrubs an echo inside text shaped like a censor label, whichever comes first', () => {
    for (const record of [
      { note: 'x [REDACTED:hunter2hunter2] y', password: 'hunter2hunter2' },
      { password: 'hunter2hunter2', note: 'x [REDACTED:hunter2hunter2] y' },
      { headers: { cookie: '[REDACTED:hunter2hunter2]=1' }, password: 'hunter2hunter2' },
    ]) {
      const json = r.stringify(record);
      expect(json).not.toContain('hunter2hunter2');
      expect(JSON.parse(json)).toEqual(r.redact(record));
    }
  });

  it('scrubs an echo found later from a cookie header whose values were censored already', () => {
    for (const headers of [{ cookie: 'plainSecretVal99=[REDACTED]' }, { 'set-cookie': 'sid=[REDACTED]; Domain=plainSecretVal99' }]) {
      const record = { headers, password: 'plainSecretVal99' };
      expect(JSON.stringify(r.redact(record))).not.toContain('plainSecretVal99');
      expect(r.stringify(record)).not.toContain('plainSecretVal99');
    }
  });

  it('walks again when two echoes overlap, so their union is censored whole', () => {
    const record = { note: 'abcdefgh12345678', password: 'abcdefgh12', token: 'gh12345678' };
    const json = keysOnly.stringify(record);
    expect(json).not.toMatch(/abcdefgh|12345678/);
    expect(JSON.parse(json)).toEqual(keysOnly.redact(record));
  });
});

describe('a censored value that a detector finds whole', () => {
  const jwt = (sub: string) => makeJwt({ alg: 'HS256', typ: 'JWT' }, { sub, iat: 1516239022 });
  const TOKEN = jwt('user-1');

  it('keeps the detector label where it echoes, in a string written before or after it and in a key', () => {
    const record = { a: `first ${TOKEN}`, headers: { authorization: `Bearer ${TOKEN}` }, b: `then ${TOKEN}`, map: { [TOKEN]: 1 } };
    const out = r.redact(record) as { a: string; b: string; map: Record<string, number> };
    expect(out.a).toBe('first [REDACTED:jwt]');
    expect(out.b).toBe('then [REDACTED:jwt]');
    expect(Object.keys(out.map)).toEqual(['[REDACTED:jwt]']);
    expect(JSON.parse(r.stringify(record))).toEqual(out);
    expect(JSON.parse(r.redactLine(JSON.stringify(record)))).toEqual(out);
    expect(r.audit(record).map((f) => f.rule)).not.toContain('detector:echo');
  });

  it('does not take one of the 32 echo places, so a later plain secret still echoes', () => {
    const record: Record<string, unknown> = {};
    for (let i = 0; i < 40; i++) record[`token${i}`] = jwt(`user-${i}`);
    record.password = 'plain-Secret-77';
    record.msg = 'retry with plain-Secret-77';
    expect((r.redact(record) as { msg: string }).msg).toBe('retry with [REDACTED:echo]');
    expect(JSON.parse(r.redactLine(JSON.stringify(record))).msg).toBe('retry with [REDACTED:echo]');
  });

  it('is carried to a later part, where the detector still labels it', () => {
    const echoes: string[] = [];
    r.redact({ headers: { authorization: `Bearer ${TOKEN}`, 'x-api-key': KEY } }, echoes);
    expect(echoes).toContain(KEY);
    expect(r.redactString(`retry ${TOKEN} ${KEY}`, echoes)).toBe('retry [REDACTED:jwt] [REDACTED:echo]');
    expect(r.stringify({ a: `retry ${TOKEN}` }, echoes)).toBe('{"a":"retry [REDACTED:jwt]"}');
  });

  it('carried and found in a part that walks twice, leaves the echoes that part collected to the next', () => {
    const echoes: string[] = [];
    r.redact({ headers: { authorization: `Bearer ${TOKEN}` } }, echoes);
    const part = r.redact({ a: `with ${TOKEN}`, b: 'typed plain-Secret-77', password: 'plain-Secret-77' }, echoes);
    expect(part).toEqual({ a: 'with [REDACTED:jwt]', b: 'typed [REDACTED:echo]', password: '[REDACTED]' });
    expect(r.redactString('again plain-Secret-77', echoes)).toBe('again [REDACTED:echo]');
  });

  it('does not make a cookie whose name holds it censored whole, so the cookie value still echoes', () => {
    const record = { headers: { authorization: `Bearer ${TOKEN}`, cookie: `${TOKEN}=hunter2hunter2` }, msg: 'x hunter2hunter2' };
    expect((r.redact(record) as { msg: string }).msg).toBe('x [REDACTED:echo]');
    expect(JSON.parse(r.stringify(record)).msg).toBe('x [REDACTED:echo]');
  });

  it('is censored by its detector where it is used as a cookie name, as in any other string', () => {
    const record = { headers: { authorization: `Bearer ${TOKEN}`, cookie: `theme=dark; ${TOKEN}=1` } };
    const cookie = 'theme=[REDACTED]; [REDACTED:jwt]=[REDACTED]';
    expect((r.redact(record) as { headers: { cookie: string } }).headers.cookie).toBe(cookie);
    expect(JSON.parse(r.stringify(record)).headers.cookie).toBe(cookie);
    expect(JSON.parse(r.redactLine(JSON.stringify(record))).headers.cookie).toBe(cookie);
    expect(r.audit(record)).toContainEqual({ rule: 'detector:jwt', path: 'headers.cookie' });
  });

  it('is found by its detector once an echo glued to it is scrubbed, in stringify as in redact', () => {
    const record = { list: [`xplainsecret004${TOKEN}`], many: { k4: { password: 'plainsecret004' } } };
    const out = r.redact(record) as { list: string[] };
    expect(out.list[0]).toBe('x[REDACTED:echo][REDACTED:jwt]');
    expect(JSON.parse(r.stringify(record))).toEqual(out);
  });

  it('keeps the = after it when the value after that is an echo scrubbed by a second walk', () => {
    const record = { note: `x key=${TOKEN}=plainsecret005`, password: 'plainsecret005' };
    const out = r.redact(record) as { note: string };
    expect(out.note).toBe('x key=[REDACTED:jwt]=[REDACTED:echo]');
    expect(JSON.parse(r.stringify(record))).toEqual(out);
  });

  it('still echoes when it is only found inside a longer value', () => {
    const secret = `x${TOKEN}`;
    expect((r.redact({ password: secret, msg: `saw ${secret}` }) as { msg: string }).msg).toBe('saw [REDACTED:echo]');
  });
});
