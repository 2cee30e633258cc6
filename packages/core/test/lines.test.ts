import { describe, expect, it } from 'vitest';
import { createRedactor } from '../src/index.js';

const r = createRedactor();

describe('redactLine on JSON lines as loggers write them', () => {
  it('judges every occurrence of a duplicate key, not only the last one JSON.parse keeps', () => {
    expect(r.redactLine('{"note":"jane@example.com","note":"ok"}')).toBe('{"note":"[REDACTED:email]","note":"ok"}');
  });

  it('keeps both occurrences of a key that pino wrote twice (child binding and logged object)', () => {
    // logger.child({ user: email }).info({ user: 'anon' }, 'done')
    const line = '{"level":30,"time":1,"user":"jane@example.com","user":"anon","msg":"done"}\n';
    expect(r.redactLine(line)).toBe('{"level":30,"time":1,"user":"[REDACTED:email]","user":"anon","msg":"done"}\n');
  });

  it('censors a sensitive value under a key that comes back later with a clean value', () => {
    // logger.info({ msg: 'password=…' }, 'done') writes msg twice
    const line = '{"msg":"password=Sup3rS3cretPw","msg":"done"}';
    expect(r.redactLine(line)).toBe('{"msg":"password=[REDACTED:kv]","msg":"done"}');
  });

  it("hides a request binding's credentials when the logged object binds req again (pino-http)", () => {
    const bound = '"req":{"id":1,"headers":{"authorization":"Bearer abc.def.ghi-123456","cookie":"sid=s3cr3tsession"}}';
    const line = `{"level":30,${bound},"req":{"id":1,"route":"/x"},"msg":"hi"}`;
    const out = r.redactLine(line);
    expect(out).not.toContain('abc.def.ghi-123456');
    expect(out).not.toContain('s3cr3tsession');
    expect(out).toContain('"authorization":"Bearer [REDACTED]"');
    expect(out).toContain('"req":{"id":1,"route":"/x"}');
  });

  it('judges duplicate keys inside JSON held in a string value', () => {
    const inner = JSON.stringify('{"password":"Opaque-91x7","password":"x"}');
    const out = r.redactLine(`{"body":${inner}}`);
    expect(out).not.toContain('Opaque-91x7');
    expect(JSON.parse(JSON.parse(out).body as string)).toEqual({ password: '[REDACTED]' });
    expect(out).toContain('\\"password\\":\\"[REDACTED]\\",\\"password\\"');
  });

  it('returns a clean line as the very same string, with its spacing and big numbers', () => {
    const line = '{ "id": 12345678901234567890, "ok": true,\t"list": [1, 2.50, -3e2] }';
    expect(r.redactLine(line)).toBe(line);
  });

  it('changes only the censored values of a dirty line, keeping its spacing and numbers as written', () => {
    const line = '{ "id": 12345678901234567890, "password" : "hunter2", "n": 1.50 }';
    expect(r.redactLine(line)).toBe('{ "id": 12345678901234567890, "password" : "[REDACTED]", "n": 1.50 }');
  });

  it('redacts a line that is not JSON as text, even when it starts like JSON', () => {
    expect(r.redactLine('{"a": mail jane@example.com')).toBe('{"a": mail [REDACTED:email]');
    expect(r.redactLine('[INFO] mail jane@example.com')).toBe('[INFO] mail [REDACTED:email]');
  });

  it('removes a member with the remove censor, leaving valid JSON with the other members', () => {
    const remove = createRedactor({ censor: { type: 'remove' } });
    expect(remove.redactLine('{"password":"a","b":1}')).toBe('{"b":1}');
    expect(remove.redactLine('{"b":1,"password":"a"}')).toBe('{"b":1}');
    expect(remove.redactLine('{"b":1, "password":"a", "c":2}')).toBe('{"b":1, "c":2}');
    expect(remove.redactLine('{"password":"a","token":"b"}')).toBe('{}');
    expect(JSON.parse(remove.redactLine('{ "password": "a" , "token" : "b" , "ok": 1 }'))).toEqual({ ok: 1 });
  });

  it('applies the policy paths, header containers and key rules at every depth of a line', () => {
    const p = createRedactor({ paths: ['order.ref'] });
    const line = '{"order":{"ref":"ORD-1"},"req":{"headers":{"x-api-key":"k-12345678","accept":"*/*"}}}';
    expect(p.redactLine(line)).toBe('{"order":{"ref":"[REDACTED]"},"req":{"headers":{"x-api-key":"[REDACTED]","accept":"*/*"}}}');
  });

  it('replaces what is past the depth and node limits by markers, keeping the line valid JSON', () => {
    const tight = createRedactor({ limits: { maxDepth: 2, maxNodes: 3 } });
    expect(tight.redactLine('{"a":{"b":{"c":1}}}')).toBe('{"a":{"b":"[MaxDepth]"}}');
    expect(JSON.parse(tight.redactLine('{"a":1,"b":2,"c":3,"d":4,"e":5}'))).toEqual({ a: 1, b: 2, c: 3, '[truncated]': '[MaxNodes]' });
    expect(JSON.parse(tight.redactLine('[1,2,3,4,5]'))).toEqual([1, 2, 3, '[MaxNodes] 2 more items']);
  });

  it('audits every occurrence of a duplicate key', () => {
    expect(r.audit('{"password":"a","password":"b"}')).toEqual([
      { rule: 'key:password', path: 'password' },
      { rule: 'key:password', path: 'password' },
    ]);
  });

  it('censors a secret used as a key and names it in an audit', () => {
    expect(r.redactLine('{"jane@example.com":{"visits":3}}')).toBe('{"[REDACTED:email]":{"visits":3}}');
    expect(r.audit({ 'jane@example.com': { visits: 3 } })).toEqual([{ rule: 'secret-in-key', path: '["[REDACTED:email]"]' }]);
    expect(r.audit('{"jane@example.com":{"visits":3}}')).toEqual([{ rule: 'secret-in-key', path: '["[REDACTED:email]"]' }]);
  });
});
