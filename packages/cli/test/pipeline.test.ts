// The library functions behind the command, in-process: the streams, the policy file reader and
// the RE2 conversion. (The line pipeline itself is core's, tested in packages/core/test/line.)
import { Readable, Writable } from 'node:stream';
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import * as cli from '../src/index.js';
import { keyPattern, toRe2, withoutLookarounds } from '../src/otel.js';
import { jsonErrorOffset, parsePolicyText, policyFromJson } from '../src/policy-file.js';

/** An RE2 pattern as the Collector would compile it (re2js is a port of RE2). */
const re2 = (pattern: string) => RE2JS.compile(pattern);

describe('the streams', () => {
  it('redactStream redacts NDJSON and text lines, one output line per input line, and counts them', async () => {
    const chunks: string[] = [];
    const out = new Writable({
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk.toString());
        done();
      },
    });
    const input = Readable.from([Buffer.from('{"password":"hunter2","n":1}\nmail jane.doe@example.com\n{"ha'), Buffer.from('lf":')]);
    const stats = await cli.redactStream(input, out);
    expect(chunks.join('')).toBe('{"password":"[REDACTED]","n":1}\nmail [REDACTED:email]\n{"half":\n');
    expect(stats).toMatchObject({ lines: 3, unterminated: 1, changed: 2, interrupted: false });
  });

  it('redactStream honours backpressure and writes everything in order', async () => {
    const chunks: string[] = [];
    const slow = new Writable({
      highWaterMark: 16,
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk.toString());
        setImmediate(done);
      },
    });
    const input = Readable.from(Array.from({ length: 200 }, (_, i) => Buffer.from(`{"i":${i},"token":"t${i}"}\n`)));
    const stats = await cli.redactStream(input, slow);
    const out = chunks.join('').split('\n');
    expect(stats.lines).toBe(200);
    expect(out[199]).toBe('{"i":199,"token":"[REDACTED]"}');
    expect(out.join('')).not.toMatch(/"t\d+"/);
  });

  it('auditStream reports findings per rule with file, line and path', async () => {
    const report = await cli.auditStream([
      { name: 'a.log', open: () => Readable.from([Buffer.from('clean\n{"user":{"password":"x"}}\n')]) },
      { name: 'b.log', open: () => Readable.from([Buffer.from('{"password":"y"}')]) },
    ]);
    expect(report.clean).toBe(false);
    expect(report.rules).toEqual([
      {
        rule: 'key:password',
        count: 2,
        more: 0,
        paths: [
          { path: 'user.password', count: 1 },
          { path: 'password', count: 1 },
        ],
        locations: [
          { file: 'a.log', line: 2, path: 'user.password' },
          { file: 'b.log', line: 1, path: 'password' },
        ],
      },
    ]);
    expect(report.files.map((f) => [f.file, f.lines, f.findings])).toEqual([
      ['a.log', 2, 1],
      ['b.log', 1, 1],
    ]);
  });
});

describe('policy files', () => {
  it('turns string patterns into RegExps and hands the rest to the core', () => {
    const policy = parsePolicyText('{"$schema":"x","keys":["*_code"],"customDetectors":[{"name":"t","pattern":"ot_\\\\d+","flags":"i"}]}');
    expect(policy.customDetectors?.[0]?.pattern).toEqual(/ot_\d+/i);
    expect(policy).not.toHaveProperty('$schema');
  });

  it('names the line and column of a JSON syntax error', () => {
    expect(() => parsePolicyText('{\n  "keys": [\n    "a",\n  ]\n}')).toThrow(/line 4, column 3/);
    expect(jsonErrorOffset('{"a": [1, 2}')).toBe(11);
    expect(jsonErrorOffset('{"a": "b"}')).toBe(-1);
  });
});

describe('export helpers', () => {
  it('writes key patterns that match what hushlog matches, on the last segment of a dotted key', () => {
    const p = re2(keyPattern('apikey'));
    for (const k of ['apikey', 'api_key', 'API-KEY', 'x-api-key', 'xApiKey', 'http.request.header.x-api-key'])
      expect(p.test(k), k).toBe(true);
    for (const k of ['apikeys', 'myapikey', 'apikey.count']) expect(p.test(k), k).toBe(false);
    const suffix = re2(keyPattern('*token'));
    expect(suffix.test('auth_token')).toBe(true);
    expect(suffix.test('tokenCount')).toBe(false);
  });

  it('turns lookarounds into \\b only where that is exact or looser, and drops the others', () => {
    expect(withoutLookarounds('(?<![\\w])ab[A-Za-z0-9]{4}(?![\\w])').source).toBe('\\bab[A-Za-z0-9]{4}\\b');
    expect(withoutLookarounds('(?<![A-Za-z0-9])AKIA[A-Z]{4}').source).toBe('AKIA[A-Z]{4}'); // \b would refuse _AKIA…
    expect(withoutLookarounds('x[\\w-]{2,}(?![\\w-])').source).toBe('x[\\w-]{2,}'); // may end on "-"
    expect(withoutLookarounds('a(?=b)[(?!]').source).toBe('a[(?!]');
  });

  it('converts a JS RegExp to RE2 syntax with inline flags, or gives up on back-references', () => {
    expect(toRe2(/\bot_\d{4}\b/i)).toEqual({ pattern: '(?i)\\bot_\\d{4}\\b', loosened: false });
    expect(toRe2(/(a)\1/)).toBeNull();
  });
});

describe('progress bar', () => {
  function fakeIo(isTTY: boolean) {
    const err: string[] = [];
    const out: string[] = [];
    const sink = (into: string[]) =>
      Object.assign(
        new Writable({
          write(chunk: Buffer, _enc, done) {
            into.push(chunk.toString());
            done();
          },
        }),
        { isTTY, columns: 100 },
      );
    return { io: { stdin: Readable.from([]), stdout: sink(out), stderr: sink(err) }, err, out };
  }

  it('is drawn on stderr while files are read when stderr is a TTY, then erased', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'hushlog-progress-'));
    try {
      const file = join(dir, 'a.log');
      writeFileSync(file, '{"password":"hunter2"}\n'.repeat(1000));
      const tty = fakeIo(true);
      expect(await cli.main([file], tty.io)).toBe(0);
      const drawn = tty.err.join('');
      expect(drawn).toMatch(/\rhushlog \[#+-*\] +\d+% {2}[\d.]+ MB \/ [\d.]+ MB {2}\S+ lines\/s {2}\d+ lines changed/);
      expect(drawn.endsWith('\r\x1b[K')).toBe(true);
      expect(tty.out.join('')).not.toContain('hunter2');

      const pipe = fakeIo(false);
      expect(await cli.main([file], pipe.io)).toBe(0);
      expect(pipe.err.join('')).toBe('');
      const noBar = fakeIo(true);
      await cli.main(['--no-progress', 'check', file], noBar.io);
      expect(noBar.err.join('')).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('policy.schema.json', () => {
  it('is exported, and stays in step with the core: its fields and detector names are the ones the core accepts', async () => {
    const { readFileSync } = await import('node:fs');
    const { BUILTIN_DETECTORS } = await import('@hushlog/core');
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      exports: Record<string, unknown>;
      files: string[];
    };
    expect(pkg.exports['./policy.schema.json']).toBe('./policy.schema.json');
    expect(pkg.files).toContain('policy.schema.json');
    const schema = JSON.parse(readFileSync(new URL('../policy.schema.json', import.meta.url), 'utf8')) as {
      properties: Record<string, { propertyNames?: { enum: string[] } }>;
    };
    const names = schema.properties.detectors!.propertyNames!.enum;
    expect(new Set(names)).toEqual(new Set([...BUILTIN_DETECTORS.map((d) => d.name), 'kv', 'query']));
    // One policy that uses every field of the schema is accepted as a whole.
    const everything = {
      $schema: 'x',
      preset: 'default',
      paths: ['a.b'],
      keys: ['k*'],
      headers: ['x-h'],
      allow: ['ok', 'a.c'],
      censor: { type: 'replace', text: '***' },
      label: '<{rule}>',
      detectors: Object.fromEntries(names.map((n) => [n, true])),
      customDetectors: [{ name: 'c', pattern: 'c_\\d+', flags: 'i', keywords: ['c_'], censor: '[C]' }],
      limits: { maxDepth: 10, maxNodes: 100, maxStringLength: 1000 },
    };
    expect(Object.keys(everything).sort()).toEqual(Object.keys(schema.properties).sort());
    expect(() => policyFromJson(everything)).not.toThrow();
  });
});

describe('the public API', () => {
  it('holds what a program embedding the command needs, and no internals', () => {
    expect(Object.keys(cli).sort()).toEqual([
      'ExitCode',
      'PolicyFileError',
      'auditStream',
      'exportOtel',
      'loadPolicyFile',
      'main',
      'redactStream',
    ]);
  });
});
