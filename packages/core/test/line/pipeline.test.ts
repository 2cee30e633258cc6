// The line pipeline with a real redactor: splitting on raw bytes, the line cap, bad-input flags,
// and the counts that come from the redactor's own counters.
import { describe, expect, it } from 'vitest';
import { createRedactor, LineAuditPipeline, LineFlag, LinePipeline, type Finding } from '../../src/index.js';
import { LineSplitter, utf8Boundary } from '../../src/line/splitter.js';

function splitAll(input: Buffer, chunkSize: number, max: number): { text: string; flags: number; bytes: number }[] {
  const got: { text: string; flags: number; bytes: number }[] = [];
  const s = new LineSplitter(max);
  const onLine = (text: string, flags: number, bytes: number) => got.push({ text, flags, bytes });
  for (let i = 0; i < input.length; i += chunkSize) s.push(input.subarray(i, i + chunkSize), onLine);
  s.end(onLine);
  return got;
}

/** Runs `input` through a fresh pipeline in chunks of `size` bytes; returns the output and the pipeline. */
function runChunks(input: Buffer | string, size: number, policy = {}, maxLineBytes?: number) {
  const p = new LinePipeline(createRedactor(policy), maxLineBytes === undefined ? {} : { maxLineBytes });
  const bytes = Buffer.isBuffer(input) ? input : Buffer.from(input);
  let out = '';
  for (let i = 0; i < bytes.length; i += size) out += p.push(bytes.subarray(i, i + size));
  out += p.end();
  return { out, stats: p.stats };
}

describe('LineSplitter', () => {
  it('gives the same lines whatever the chunk size, and flags the unterminated last line', () => {
    const input = Buffer.from('alpha\n\nbeta gamma\r\n{"x":"é€😀"}\ntail');
    const expected = ['alpha', '', 'beta gamma\r', '{"x":"é€😀"}', 'tail'];
    for (const size of [1, 2, 3, 7, 64, 1 << 16]) {
      const got = splitAll(input, size, 1 << 20);
      expect(got.map((l) => l.text)).toEqual(expected);
      expect(got.map((l) => l.flags)).toEqual([0, 0, 0, 0, LineFlag.Unterminated]);
    }
  });

  it('keeps at most the cap of a long line, on a character boundary, and reports its full length', () => {
    const line = 'ab€' + 'x'.repeat(50);
    for (const size of [1, 5, 1000]) {
      const [first, second] = splitAll(Buffer.from(`${line}\nok\n`), size, 4); // the cap falls inside €
      expect(first).toEqual({ text: 'ab', flags: LineFlag.OverLong, bytes: Buffer.byteLength(line) });
      expect(second).toEqual({ text: 'ok', flags: 0, bytes: 0 });
    }
  });

  it('flags invalid UTF-8 and NUL bytes on the lines that hold them only', () => {
    const input = Buffer.concat([Buffer.from('ok\n'), Buffer.from([0xff, 0x0a, 0x00, 0x0a]), Buffer.from('fine\n')]);
    for (const size of [1, 4, 100]) {
      expect(splitAll(input, size, 100).map((l) => l.flags)).toEqual([0, LineFlag.InvalidUtf8, LineFlag.Binary, 0]);
    }
  });

  it('cuts a multi-byte character off the head only when the cap splits it', () => {
    expect(utf8Boundary(Buffer.from('ab€'))).toBe(5);
    expect(utf8Boundary(Buffer.from('ab€').subarray(0, 4))).toBe(2);
    expect(utf8Boundary(Buffer.from('😀').subarray(0, 3))).toBe(0);
  });
});

describe('LinePipeline', () => {
  it('redacts NDJSON and text lines from bytes, one output line per input line, whatever the chunking', () => {
    const input = '{"password":"hunter2","n":1}\nmail jane.doe@example.com\r\n\n{"half":';
    for (const size of [1, 3, 17, 4096]) {
      const { out, stats } = runChunks(input, size);
      expect(out).toBe('{"password":"[REDACTED]","n":1}\nmail [REDACTED:email]\r\n\n{"half":\n');
      expect(stats).toMatchObject({ lines: 4, bytes: Buffer.byteLength(input), unterminated: 1, changed: 2, limited: 0 });
    }
  });

  it('takes text chunks as well as bytes', () => {
    const p = new LinePipeline(createRedactor());
    expect(p.push('token=abcdef0123456789 and\nmo')).toBe('token=[REDACTED:kv] and\n');
    expect(p.push('re\n')).toBe('more\n');
    expect(p.stats.lines).toBe(2);
  });

  it('counts the lines where a limit fired, per limit, from the redactor and not from the text', () => {
    const policy = { limits: { maxDepth: 4, maxNodes: 50, maxStringLength: 40 } };
    const deep = '[[[[[["jane.doe@example.com"]]]]]]';
    const wide = JSON.stringify({ items: Array.from({ length: 80 }, (_, i) => i) });
    const long = JSON.stringify({ note: 'x'.repeat(60) });
    // A line that already says "[MaxDepth]" is not a line where a limit fired.
    const quoted = '{"m":"[MaxDepth] [TooLong: 3 chars]"}';
    const { out, stats } = runChunks([deep, wide, long, quoted, '{"ok":1}'].join('\n') + '\n', 64, policy);
    const lines = out.split('\n');
    expect(lines[0]).toContain('[MaxDepth]');
    expect(lines[0]).not.toContain('jane');
    expect(lines[1]).toContain('[MaxNodes]');
    expect(lines[2]).toBe('{"note":"[TooLong: 60 chars]"}');
    expect(lines[3]).toBe(quoted);
    expect(stats.limited).toBe(3);
    expect(stats.limitedBy).toEqual({ maxDepth: 1, maxNodes: 1, maxStringLength: 1 });
  });

  it('keeps the redacted head of an over-long line, cut back to a delimiter, and censors the rest', () => {
    const line = `mail jane.doe@example.com ${'word '.repeat(40)}4111 1111 1111 1111 then much more text`;
    const cut = line.indexOf('4111') + 7; // the cap falls inside the card number
    const { out, stats } = runChunks(`${line}\nnext\n`, 13, {}, cut);
    const [head, next] = out.split('\n');
    expect(head).toMatch(/^mail \[REDACTED:email\] (?:word )+\[LineTooLong: rest of a \d+-byte line censored\]$/);
    expect(head).toContain(`rest of a ${Buffer.byteLength(line)}-byte line`);
    expect(head).not.toMatch(/4111|1111/);
    expect(next).toBe('next');
    expect(stats).toMatchObject({ lines: 2, overLong: 1, droppedBytes: Buffer.byteLength(line) - cut });
  });

  it('flags invalid UTF-8, NUL bytes and the unterminated last line, and keeps every line', () => {
    const input = Buffer.concat([Buffer.from('bad '), Buffer.from([0xc3, 0x28]), Buffer.from('\n\0 x\nlast')]);
    const { out, stats } = runChunks(input, 2);
    expect(out).toBe('bad \uFFFD(\n\0 x\nlast\n');
    expect(stats).toMatchObject({ lines: 3, invalidUtf8: 1, binary: 1, unterminated: 1 });
  });

  it('line() redacts one line split elsewhere, with the same cap and flags', () => {
    const p = new LinePipeline(createRedactor(), { maxLineBytes: 64 });
    expect(p.line('{"password":"hunter2"}')).toBe('{"password":"[REDACTED]"}');
    expect(p.line('plain')).toBe('plain');
    const long = `api_key=sk_live_0123456789abcdef ${'é'.repeat(40)}`; // 2 bytes per é: the cap falls inside one
    const out = p.line(long);
    expect(out).toMatch(/^api_key=\[REDACTED[^\]]*\] é*\s?\[LineTooLong: rest of a \d+-byte line censored\]$/);
    expect(out).toContain(`rest of a ${Buffer.byteLength(long)}-byte line`);
    p.line('lone \ud800 surrogate and a \0');
    expect(p.stats).toMatchObject({ lines: 4, overLong: 1, invalidUtf8: 1, binary: 1, changed: 2 });
  });
});

describe('LineAuditPipeline', () => {
  it('reports the findings of each line with its flags, and flags the lines not scanned whole', () => {
    const redactor = createRedactor({ limits: { maxDepth: 3 } });
    const audit = new LineAuditPipeline(redactor, { maxLineBytes: 60 });
    const seen: { rules: string[]; flags: number }[] = [];
    const visit = (findings: Finding[], flags: number) => seen.push({ rules: findings.map((f) => f.rule), flags });
    audit.push(Buffer.from('{"password":"x"}\nclean\n[[[[["a"]]]]]\n'), visit);
    audit.push(Buffer.from(`${'y'.repeat(100)}\nmail jane.doe@example.com`), visit);
    audit.end(visit);
    expect(seen).toEqual([
      { rules: ['key:password'], flags: 0 },
      { rules: [], flags: 0 },
      { rules: [], flags: LineFlag.Limited },
      { rules: [], flags: LineFlag.OverLong },
      { rules: ['detector:email'], flags: LineFlag.Unterminated },
    ]);
    expect(audit.stats).toMatchObject({ lines: 5, limited: 1, overLong: 1, unterminated: 1 });
  });
});

describe('redactor.limitHits', () => {
  it('counts each limit marker once per kind, in a view that is the same object on every read', () => {
    const r = createRedactor({ limits: { maxDepth: 2, maxStringLength: 10 } });
    const hits = r.limitHits;
    r.stringify({ a: { b: { c: 1 } }, s: 'x'.repeat(20) });
    r.redact([[['deep']]]);
    r.audit('{"long":"yyyyyyyyyyyyyyyyyy"}');
    expect(r.limitHits).toBe(hits);
    expect(hits).toEqual({ maxDepth: 2, maxNodes: 0, maxStringLength: 2 });
  });

  it('counts a marker once when a getter that throws makes the walk start over in its careful mode', () => {
    const r = createRedactor({ limits: { maxDepth: 2 } });
    const value = {
      deep: { a: { b: 1 } },
      get broken(): never {
        throw new Error('getter');
      },
    };
    expect(JSON.parse(r.stringify(value))).toEqual({ deep: { a: '[MaxDepth]' }, broken: expect.any(String) });
    expect(r.limitHits.maxDepth).toBe(1);
    expect(r.errorCount).toBe(1);
  });
});
