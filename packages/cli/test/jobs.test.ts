// `hushlog --jobs N` with the real bin in child processes: the output of N worker threads is the
// output of one thread, in input order; memory stays flat; SIGINT loses no line read; a closed
// output pipe ends the command with 0.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedactor, LinePipeline } from '@hushlog/core';
import { BIN, assertBuilt, lines, run, runShell, tempDir } from './helpers.js';

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  assertBuilt();
  tmp = tempDir();
});
afterAll(() => tmp.cleanup());

/** A varied log: JSON with secrets, text, CRLF, invalid UTF-8, NUL, blank and over-long lines. */
function mixedLog(count: number, longEvery: number, longBytes: number): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    if (i % longEvery === longEvery - 1) parts.push(Buffer.from(`long ${i} ${'word '.repeat(longBytes / 5)} password=hunter2-${i}\n`));
    else if (i % 7 === 0) parts.push(Buffer.from(`${i} plain text from jane${i}@example.com\r\n`));
    else if (i % 11 === 0) parts.push(Buffer.concat([Buffer.from(`${i} bad `), Buffer.from([0xc3, 0x28, 0x00]), Buffer.from(' bytes\n')]));
    else if (i % 13 === 0) parts.push(Buffer.from('\n'));
    else
      parts.push(
        Buffer.from(
          JSON.stringify({ i, req: { headers: { authorization: `Bearer tok-${i}-abcdefghijkl` } }, user: { password: `pw-${i}` } }) + '\n',
        ),
      );
  }
  parts.push(Buffer.from('{"last":"line without a newline","token":"abcdef0123456789"'));
  return Buffer.concat(parts);
}

/** What the core line pipeline makes of `input` in one thread: the reference output. */
function reference(input: Buffer, maxLineBytes: number): string {
  const p = new LinePipeline(createRedactor(), { maxLineBytes });
  return p.push(input) + p.end();
}

describe('hushlog --jobs N', () => {
  it('writes exactly what one thread writes, in input order, with the same counts', async () => {
    // Lines over the cap of 64 KiB, some of them longer than a 256 KiB read: they span batches.
    const input = mixedLog(6000, 997, 400_000);
    const file = tmp.file('mixed.log', input);
    const expected = reference(input, 65_536);
    const one = await run(['--jobs', '1', '--max-line-length', '65536', file]);
    const three = await run(['--jobs', '3', '--max-line-length', '65536', file]);
    expect(one.code).toBe(0);
    expect(three.code).toBe(0);
    expect(one.stdout).toBe(expected);
    expect(three.stdout).toBe(expected);
    expect(three.stderr).toBe(one.stderr);
    expect(three.stderr).toMatch(
      /6001 lines processed; bad input: .*invalid UTF-8.*NUL.*6 lines over the maximum length.*1 last line without a final newline/,
    );
    expect(three.stdout).not.toMatch(/hunter2|pw-\d|tok-\d|abcdef0123456789/);
  });

  it('keeps the lines of several inputs apart, stdin among them, with each last line ended', async () => {
    const a = tmp.file('a.log', '{"password":"x"}\nno newline at the end of a');
    const b = tmp.file('b.log', 'first of b\n');
    const r = await run(['--jobs', '2', a, '-', b], 'from stdin, unterminated');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('{"password":"[REDACTED]"}\nno newline at the end of a\nfrom stdin, unterminated\nfirst of b\n');
  });

  it('keeps its memory flat on a large input (peak RSS about the same for 20 MB and 80 MB)', async () => {
    const line =
      JSON.stringify({
        msg: 'request completed',
        req: { headers: { authorization: 'Bearer abcdefghijklmnop', cookie: 'sid=0123456789abcdef' } },
      }) + '\n';
    const small = tmp.file('small.ndjson', line.repeat(Math.ceil(20e6 / line.length)));
    const large = tmp.file('large.ndjson', line.repeat(Math.ceil(80e6 / line.length)));
    const peak = async (file: string): Promise<number> => {
      const r = await runShell(`/usr/bin/time -f 'peak %M' node ${JSON.stringify(BIN)} --jobs 2 ${JSON.stringify(file)} > /dev/null`);
      expect(r.code).toBe(0);
      return Number(/peak (\d+)/.exec(r.stderr)?.[1]) / 1024;
    };
    const [a, b] = [await peak(small), await peak(large)];
    expect(b).toBeLessThan(a * 1.5 + 20); // MB
    expect(b).toBeLessThan(300);
  }, 120_000);
});

/** Starts the bin with piped stdin; resolves the output as it comes. */
function startBin(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  let err = '';
  child.stdout.on('data', (c: Buffer) => out.push(c));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const closed = once(child, 'close') as Promise<[number | null, NodeJS.Signals | null]>;
  return { child, out: () => Buffer.concat(out).toString('utf8'), err: () => err, closed };
}

async function until(test: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!test()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.each([1, 2])('SIGINT, with --jobs %i', (jobs) => {
  it('writes the unfinished last line it had read, then exits 130', async () => {
    const bin = startBin(['--jobs', String(jobs)]);
    const first = '{"password":"hunter2"}\nsecond token=abcdef0123456789\n';
    const half = 'a half-written line from jane.doe@example.com'; // no newline yet
    bin.child.stdin.write(first);
    await until(() => lines(bin.out()).length === 2); // written while the input is still open
    bin.child.stdin.write(half);
    await new Promise((r) => setTimeout(r, 300)); // read by the command, held as the open line
    bin.child.kill('SIGINT');
    const [code] = await bin.closed;
    expect(code).toBe(130);
    expect(bin.out()).toBe('{"password":"[REDACTED]"}\nsecond token=[REDACTED:kv]\na half-written line from [REDACTED:email]\n');
    expect(bin.err()).toContain(`interrupted after ${first.length + half.length} bytes (3 lines), all of them written`);
  });

  it('writes every line of what it had read in a burst, whole and in order', async () => {
    const input = Buffer.from(
      Array.from({ length: 200_000 }, (_, i) => JSON.stringify({ i, msg: `mail jane${i}@example.com`, apiKey: `k-${i}-abcdefghij` })).join(
        '\n',
      ),
    );
    const bin = startBin(['--jobs', String(jobs)]);
    bin.child.stdin.on('error', () => {}); // the command stops reading: the rest of the burst is refused
    bin.child.stdin.write(input);
    await until(() => bin.out().length > 0);
    bin.child.kill('SIGINT');
    const [code] = await bin.closed;
    expect(code).toBe(130);
    const read = Number(/interrupted after (\d+) bytes/.exec(bin.err())?.[1]);
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThan(input.length);
    // Exactly the lines of the bytes it read, the last one (cut by the interruption) ended.
    expect(bin.out()).toBe(reference(input.subarray(0, read), 1 << 20));
  });
});

describe.each([1, 2])('a closed output pipe, with --jobs %i', (jobs) => {
  it('ends the command with 0 and no error, as `hushlog big.log | head` expects', async () => {
    const file = tmp.file(`pipe-${jobs}.log`, '{"password":"hunter2","n":1}\n'.repeat(300_000));
    const r = await runShell(`node ${JSON.stringify(BIN)} --jobs ${jobs} ${JSON.stringify(file)} | head -n 3; echo "status $?" >&2`);
    expect(r.stdout).toBe('{"password":"[REDACTED]","n":1}\n'.repeat(3));
    expect(r.stderr).toBe('status 0\n');
  });

  it('exits 0 when the reader goes away mid-stream, and everything it wrote is whole lines', async () => {
    const file = tmp.file(`reader-${jobs}.log`, Array.from({ length: 300_000 }, (_, i) => `{"i":${i},"password":"x"}`).join('\n') + '\n');
    const bin = spawn(process.execPath, [BIN, '--jobs', String(jobs), file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let got = '';
    let err = '';
    bin.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const closed = once(bin, 'close') as Promise<[number | null]>;
    await new Promise<void>((resolve) =>
      bin.stdout.on('data', (c: Buffer) => {
        got += c.toString();
        if (got.length > 1e6) {
          bin.stdout.destroy();
          resolve();
        }
      }),
    );
    const [code] = await closed;
    expect(code).toBe(0);
    expect(err).toBe('');
    const whole = got.slice(0, got.lastIndexOf('\n') + 1);
    lines(whole).forEach((l, i) => expect(l).toBe(`{"i":${i},"password":"[REDACTED]"}`));
  });
});

describe('--jobs usage', () => {
  it('refuses a jobs count that is not a positive integer, and --jobs with check', async () => {
    for (const bad of ['0', '-1', 'two', '1.5']) {
      const r = await run([`--jobs=${bad}`], '');
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--jobs must be a positive integer/);
    }
    const f = tmp.file('c.log', 'ok\n');
    writeFileSync(f, 'ok\n');
    const r = await run(['check', '--jobs', '2', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--jobs is an option of redaction/);
  });
});
