import { copyFileSync, linkSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RE2JS } from 're2js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, assertBuilt, lines, parseYamlSubset, run, runShell, tempDir } from './helpers.js';

/** An RE2 pattern as the Collector would compile it (re2js is a port of RE2). */
class RE2 {
  private readonly re: RE2JS;
  constructor(pattern: string) {
    this.re = RE2JS.compile(pattern);
  }
  test(s: string): boolean {
    return this.re.test(s);
  }
}

// Every secret planted in the leaky log. None may ever reach stdout or stderr.
const SECRETS = [
  'hunter2',
  'jane.doe@example.com',
  'sk_live_51HxyzABCDEF0123456789',
  'eyJzdWIiOiIxMjM0NTY3ODkwIn0',
  'abcdef0123456789',
  '4111 1111 1111 1111',
  'AKIAIOSFODNN7EXAMPL2',
  's3cr3t-pa55',
  'tr0ub4dor',
];

const LEAKY = [
  JSON.stringify({
    level: 30,
    msg: 'user jane.doe@example.com paid with 4111 1111 1111 1111',
    req: {
      method: 'POST',
      url: '/api/v1/orders?id=42',
      headers: {
        authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc123def456',
        cookie: 'session=abcdef0123456789',
        'x-api-key': 'sk_live_51HxyzABCDEF0123456789',
      },
    },
    user: { id: 42, password: 'hunter2' },
  }),
  '2024-05-01T10:00:00Z ERROR connect postgres://app:s3cr3t-pa55@db.internal:5432/shop failed',
  'plain text line with nothing to hide',
  '[worker 3] aws key AKIAIOSFODNN7EXAMPL2 rotated',
  '',
  '{"level":40,"msg":"login","password":"tr0ub4dor","user":{"name":"Jane"}}',
  // A JSON line cut short, as at the end of a log that is still being written.
  '{"level":50,"msg":"crash","user":{"password":"hunter2","email":"jane.doe@exa',
].join('\n');

const CLEAN =
  [
    JSON.stringify({ level: 30, msg: 'order shipped', orderId: 'ord_8f3a2c', durationMs: 42 }),
    'GET /health 200 3ms',
    '{"level":30,"msg":"cache warm","entries":1200}',
  ].join('\n') + '\n';

function expectNoSecret(text: string): void {
  for (const s of SECRETS) expect(text, `leaked ${s}`).not.toContain(s);
}

let tmp: ReturnType<typeof tempDir>;
let leaky: string;
let clean: string;

beforeAll(() => {
  assertBuilt();
  tmp = tempDir();
  leaky = tmp.file('leaky.log', LEAKY); // no final newline: the last line is truncated
  clean = tmp.file('clean.log', CLEAN);
});
afterAll(() => tmp.cleanup());

describe('hushlog (redact)', () => {
  it('redacts a leaky log of JSON lines, text lines and a truncated JSON line, with one output line per input line', async () => {
    const r = await run([leaky]);
    expect(r.code).toBe(0);
    expectNoSecret(r.stdout);
    expectNoSecret(r.stderr);
    const out = lines(r.stdout);
    expect(out).toHaveLength(LEAKY.split('\n').length);
    expect(JSON.parse(out[0]!)).toMatchObject({
      msg: 'user [REDACTED:email] paid with [REDACTED:card]',
      req: { headers: { authorization: 'Bearer [REDACTED]', cookie: 'session=[REDACTED]', 'x-api-key': '[REDACTED]' } },
      user: { id: 42, password: '[REDACTED]' },
    });
    expect(out[2]).toBe('plain text line with nothing to hide');
    expect(out[4]).toBe('');
    expect(r.stderr).toContain('1 last line without a final newline');
  });

  it('reads stdin when no file is given, and "-" names stdin too', async () => {
    for (const args of [[], ['-']]) {
      const r = await run(args, LEAKY + '\n');
      expect(r.code).toBe(0);
      expectNoSecret(r.stdout);
      expect(lines(r.stdout)).toHaveLength(LEAKY.split('\n').length);
      expect(r.stderr).toBe(''); // nothing odd about this input, and no progress bar on a pipe
    }
  });

  it('writes to -o FILE and leaves stdout empty', async () => {
    const target = tmp.path('out.log');
    const r = await run(['-o', target, leaky]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const written = readFileSync(target, 'utf8');
    expectNoSecret(written);
    expect(lines(written)).toHaveLength(LEAKY.split('\n').length);
  });

  it('refuses an -o that is also an input, before writing anything', async () => {
    const r = await run(['-o', leaky, leaky]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/also an input/);
    expect(readFileSync(leaky, 'utf8')).toBe(LEAKY);
  });

  it('refuses an -o that is a hard link to an input, and leaves the input whole', async () => {
    const input = tmp.file('linked.log', LEAKY);
    const link = tmp.path('linked-too.log');
    linkSync(input, link);
    const r = await run([input, '-o', link]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the output .*linked-too\.log is also an input \(.*linked\.log\): it would be overwritten/);
    expect(readFileSync(input, 'utf8')).toBe(LEAKY);
  });

  it('refuses an -o that is the file on stdin, and leaves it whole', async () => {
    const input = tmp.file('stdin-in.log', LEAKY);
    const r = await runShell(`node ${JSON.stringify(BIN)} -o ${JSON.stringify(input)} < ${JSON.stringify(input)}`);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the output .*stdin-in\.log is also the input on stdin/);
    expect(readFileSync(input, 'utf8')).toBe(LEAKY);
  });

  it('refuses to append its output to its own input through stdout, which would never end', async () => {
    const input = tmp.file('append.log', LEAKY);
    const r = await runShell(`node ${JSON.stringify(BIN)} ${JSON.stringify(input)} >> ${JSON.stringify(input)}`);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the output stdout is also an input/);
    expect(readFileSync(input, 'utf8')).toBe(LEAKY);
  });

  it('still writes to /dev/null when stdin is /dev/null (only regular files are compared)', async () => {
    const r = await runShell(`node ${JSON.stringify(BIN)} -o /dev/null < /dev/null`);
    expect(r.code).toBe(0);
  });

  it('keeps the lines of several files apart and in order, and keeps CRLF endings', async () => {
    const a = tmp.file('a.log', 'first {"password":"hunter2"}\r\nsecond'); // unterminated last line
    const b = tmp.file('b.log', '{"token":"abcdef0123456789"}\r\n');
    const r = await run([a, b]);
    expect(r.code).toBe(0);
    // The first line is text (the in-string key=value rule), the third JSON (the key rule).
    expect(r.stdout).toBe('first {"password":"[REDACTED:kv]"}\r\nsecond\n{"token":"[REDACTED]"}\r\n');
  });

  it('says which file cannot be read, with exit code 2', async () => {
    const r = await run([tmp.path('missing.log')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read .*missing\.log: ENOENT/);
  });
});

describe('hushlog check', () => {
  it('exits 1 on a leaky log and reports rules, lines and paths without ever printing a secret', async () => {
    const r = await run(['check', leaky]);
    expect(r.code).toBe(1);
    expectNoSecret(r.stdout);
    expectNoSecret(r.stderr);
    expect(r.stdout).toMatch(/findings? on 5 lines of 7/);
    expect(r.stdout).toContain('header:authorization');
    expect(r.stdout).toContain(`${leaky}:1  req.headers.authorization`);
    expect(r.stdout).toContain(`${leaky}:6  password`);
    expect(r.stdout).toMatch(/detector:userinfo\s+1 finding\n\s+\S+leaky\.log:2\s+\(text\)/);
    expect(r.stdout).toContain('detector:aws-access-key-id');
  });

  it('exits 0 on a clean log', async () => {
    const r = await run(['check', clean]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/no findings in 3 lines/);
    expect(r.stderr).toBe('');
  });

  it('finds nothing in its own output, so "redact, then prove the log clean" passes in CI', async () => {
    const redacted = await run([leaky]);
    expect(redacted.code).toBe(0);
    expect(redacted.stdout).toContain('[REDACTED]');
    const r = await run(['check'], redacted.stdout);
    expect(r.stdout).toMatch(/no findings in \d+ lines/);
    expect(r.code).toBe(0);
    const again = await run([], redacted.stdout);
    expect(again.stdout).toBe(redacted.stdout);
  });

  it('reads stdin in check mode too', async () => {
    expect((await run(['check'], CLEAN)).code).toBe(0);
    const r = await run(['check'], LEAKY);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('<stdin>:1  user.password');
  });

  it('writes a JSON report with --format json: per rule a count, line numbers and paths, no values', async () => {
    const r = await run(['check', '--format', 'json', leaky]);
    expect(r.code).toBe(1);
    expectNoSecret(r.stdout);
    const report = JSON.parse(r.stdout) as {
      version: number;
      clean: boolean;
      findings: number;
      rules: { rule: string; count: number; locations: { file: string; line: number; path: string }[] }[];
      stats: { lines: number; unterminated: number };
    };
    expect(report.version).toBe(1);
    expect(report.clean).toBe(false);
    expect(report.stats).toMatchObject({ lines: 7, unterminated: 1 });
    expect(report.findings).toBe(report.rules.reduce((n, x) => n + x.count, 0));
    const password = report.rules.find((x) => x.rule === 'key:password')!;
    expect(password.locations).toEqual([
      { file: leaky, line: 1, path: 'user.password' },
      { file: leaky, line: 6, path: 'password' },
    ]);
    const clean = JSON.parse((await run(['check', '--format', 'json', clean_()])).stdout) as { clean: boolean; findings: number };
    expect(clean).toMatchObject({ clean: true, findings: 0 });
  });

  it('redacts the paths it shows, since an object key can itself be personal data', async () => {
    const f = tmp.file('keys.log', '{"users":{"jane.doe@example.com":{"password":"x"}}}\n');
    const r = await run(['check', f]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('jane.doe');
    expect(r.stdout).toContain('[REDACTED:email]');
  });

  it('caps the locations listed per rule with --max-locations, keeping the exact count', async () => {
    const f = tmp.file('many.log', '{"password":"x"}\n'.repeat(30));
    const r = await run(['check', '--max-locations', '5', f]);
    expect(r.stdout).toContain('key:password  30 findings');
    expect(r.stdout).toContain('… and 25 more locations');
  });
});

function clean_(): string {
  return clean;
}

describe('policies and options', () => {
  it('rejects a bad --policy with a clear error naming the field, and exit code 2', async () => {
    const cases: [string, RegExp][] = [
      ['{ "keys": ["a"],\n  "censor": }', /not valid JSON at line 2, column 13/],
      ['{ "keyz": ["a"] }', /keyz is not a policy field/],
      ['{ "paths": ["a..b"] }', /paths\[0\] is not a valid path/],
      ['{ "customDetectors": [{ "name": "x", "pattern": "(" }] }', /customDetectors\[0\]\.pattern is not a valid regular expression/],
      [
        '{ "customDetectors": [{ "name": "x", "pattern": "a", "validate": "f" }] }',
        /customDetectors\[0\]\.validate cannot be written in JSON/,
      ],
      ['{ "keys": [{ "regex": "a" }] }', /keys\[0\] must be a string/],
      ['{ "censor": { "type": "hmac", "key": "short" } }', /censor\.key/],
      ['{ "detectors": { "nope": false } }', /detectors\.nope is not a built-in detector/],
      ['[]', /must be a JSON object/],
    ];
    for (const [text, message] of cases) {
      const policy = tmp.file('bad.json', text);
      const r = await run(['--policy', policy, clean]);
      expect(r.code, text).toBe(2);
      expect(r.stderr, text).toMatch(message);
      expect(r.stderr, text).toContain('bad.json');
      expect(r.stdout).toBe('');
    }
    const missing = await run(['check', '--policy', tmp.path('nope.json'), clean]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json: cannot read the policy file \(ENOENT\)/);
  });

  it('applies a JSON policy with keys, paths, a custom detector and a censor', async () => {
    const policy = tmp.file(
      'policy.json',
      JSON.stringify({
        $schema: '../policy.schema.json',
        keys: ['*_code'],
        paths: ['order.note'],
        customDetectors: [{ name: 'order-token', pattern: '\\bot_[a-z0-9]{8}\\b', flags: 'i', keywords: ['ot_'] }],
        detectors: { card: { censor: { type: 'mask', keepLast: 4 } } },
      }),
    );
    const input = '{"promo_code":"SPRING","order":{"note":"leave at door","id":1},"msg":"token OT_ab12cd34 card 4111 1111 1111 1111"}\n';
    const r = await run(['--policy', policy], input);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      promo_code: '[REDACTED]',
      order: { note: '[REDACTED]', id: 1 },
      msg: 'token [REDACTED:order-token] card ***************1111',
    });
  });

  it('--preset none redacts only what the policy lists', async () => {
    const policy = tmp.file('paths.json', '{ "paths": ["user.password"] }');
    const r = await run(['--policy', policy, '--preset', 'none'], '{"user":{"password":"hunter2","email":"jane.doe@example.com"}}\n');
    expect(JSON.parse(r.stdout)).toEqual({ user: { password: '[REDACTED]', email: 'jane.doe@example.com' } });
    expect((await run(['--preset', 'nope'], '')).stderr).toMatch(/--preset must be default or none/);
  });

  it('prints help with examples, and rejects unknown options with exit code 2', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage:/);
    expect(help.stdout).toMatch(/Examples:\n\s+hushlog app\.log/);
    expect(help.stdout).toContain('hushlog check');
    const bad = await run(['--frobnicate']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Unknown option '--frobnicate'.*\n.*--help/);
    expect((await run(['--format', 'json'], '')).code).toBe(2);
  });
});

describe('bad input', () => {
  it('processes invalid UTF-8 and binary lines and counts them, without dropping a line', async () => {
    const input = Buffer.concat([
      Buffer.from('{"password":"hunter2"}\n'),
      Buffer.from([0x62, 0x61, 0x64, 0x20, 0xc3, 0x28, 0xff, 0xfe, 0x20]),
      Buffer.from('jane.doe@example.com\n'),
      Buffer.from([0x00, 0x01, 0x02, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), // a PNG header, with a newline inside
      Buffer.from('\x00\x00 token=abcdef0123456789\n'),
      Buffer.from([0xe2, 0x82]), // truncated multi-byte sequence at the very end
    ]);
    const f = tmp.file('binary.log', input);
    const r = await run([f]);
    expect(r.code).toBe(0);
    expectNoSecret(r.stdout);
    const out = lines(r.stdout);
    expect(out).toHaveLength(6); // the PNG header holds a newline of its own
    expect(out[0]).toBe('{"password":"[REDACTED]"}');
    expect(out[1]).toBe('bad \uFFFD(\uFFFD\uFFFD [REDACTED:email]');
    expect(r.stderr).toMatch(
      /6 lines processed; bad input: 3 lines with invalid UTF-8 .*2 lines with binary NUL bytes.*1 last line without a final newline/,
    );
    const check = await run(['check', '--format', 'json', f]);
    expect(JSON.parse(check.stdout).stats).toMatchObject({ lines: 6, invalidUtf8: 3, binary: 2, unterminated: 1 });
  });

  it('keeps the head of an over-long line, censors the rest without holding it, and counts it', async () => {
    const secretTail = ' password=hunter2 '.repeat(10);
    const long = 'start ' + 'x '.repeat(1.5 * 1024 * 1024) + secretTail;
    const input = `before jane.doe@example.com\n${long}\n{"after":true}\n`;
    const r = await run(['-'], input);
    expect(r.code).toBe(0);
    expectNoSecret(r.stdout);
    const out = lines(r.stdout);
    expect(out).toHaveLength(3);
    expect(out[1]).toMatch(/^start (?:x )+\[LineTooLong: rest of a 3145914-byte line censored\]$/);
    expect(out[1]!.length).toBeLessThanOrEqual(1024 * 1024 + 100);
    expect(out[2]).toBe('{"after":true}');
    expect(r.stderr).toMatch(/1 line over the maximum length/);
  });

  it('redacts the head of an over-long line before cutting it, so no secret is left in part', async () => {
    const line = `{"msg":"${'word '.repeat(300)}mail jane.doe@example.com ${'word '.repeat(300)}4111 1111 1111 1111 and more text after the limit"}`;
    const cut = line.indexOf('4111') + 10; // the limit falls inside the card number
    const r = await run(['--max-line-length', String(cut)], `${line}\nnext\n`);
    const out = lines(r.stdout);
    expect(out).toEqual([
      expect.stringMatching(/^\{"msg":"word .*mail \[REDACTED:email\] word .*word \[LineTooLong: rest of a \d+-byte line censored\]$/),
      'next',
    ]);
    expect(out[0]).not.toContain('4111');
    expect(out[0]).not.toMatch(/1111|jane/);
    const check = await run(['check', '--max-line-length', String(cut)], `${line}\n`);
    expect(check.code).toBe(1); // the tail was never scanned: not proven clean
    expect(check.stdout).toMatch(/not scanned whole\s+1 line/);
  });

  it('handles deeply nested and huge JSON lines and counts them', async () => {
    const deep = '['.repeat(50_000) + '"jane.doe@example.com"' + ']'.repeat(50_000);
    const wide = JSON.stringify({ items: Array.from({ length: 150_000 }, (_, i) => i), password: 'hunter2' });
    const f = tmp.file('deep.log', `${deep}\n${wide}\n{"ok":1}\n`);
    const r = await run([f]);
    expect(r.code).toBe(0);
    expectNoSecret(r.stdout);
    const out = lines(r.stdout);
    expect(out).toHaveLength(3);
    expect(out[0]).toContain('[MaxDepth]');
    expect(out[2]).toBe('{"ok":1}');
    expect(r.stderr).toMatch(/2 JSON lines past a depth, size or node limit/);
    const check = await run(['check', '--format', 'json', f]);
    expect(check.code).toBe(1);
    const report = JSON.parse(check.stdout) as { unscanned: { count: number; lines: { line: number; reason: string }[] } };
    expect(report.unscanned.count).toBe(2);
    expect(report.unscanned.lines.map((l) => l.line)).toEqual([1, 2]);
  });
});

describe('hushlog export --to otel', () => {
  it('writes YAML that parses, with key patterns and RE2-compiled value patterns', async () => {
    const r = await run(['export', '--to', 'otel']);
    expect(r.code).toBe(0);
    const config = parseYamlSubset(r.stdout) as {
      processors: Record<string, { allow_all_keys: boolean; blocked_key_patterns: string[]; blocked_values: string[]; summary: string }>;
    };
    const processor = config.processors['redaction/hushlog']!;
    expect(processor.allow_all_keys).toBe(true);
    expect(processor.summary).toBe('info');
    expect(processor.blocked_key_patterns.length).toBeGreaterThan(50);
    expect(processor.blocked_values.length).toBeGreaterThan(10);
    for (const p of [...processor.blocked_key_patterns, ...processor.blocked_values]) expect(() => new RE2(p), p).not.toThrow();

    const key = (name: string) => processor.blocked_key_patterns.some((p) => new RE2(p).test(name));
    for (const k of [
      'password',
      'user.password',
      'http.request.header.x-api-key',
      'apiKey',
      'API_KEY',
      'authToken',
      'http.request.header.cookie',
    ])
      expect(key(k), k).toBe(true);
    for (const k of ['tokenCount', 'passwordResetRequired', 'user.name', 'http.method', 'cookieConsent']) expect(key(k), k).toBe(false);

    const value = (text: string) => processor.blocked_values.some((p) => new RE2(p).test(text));
    expect(value('key AKIAIOSFODNN7EXAMPL2 here')).toBe(true);
    expect(value('sk_live_51HxyzABCDEF0123456789')).toBe(true);
    expect(value('hello world')).toBe(false);
  });

  it('lists what it cannot export (validators, Luhn, in-string rules) in a comment', async () => {
    const r = await run(['export', '--to', 'otel']);
    const comments = r.stdout.split('\n').filter((l) => l.startsWith('#'));
    expect(comments.join('\n')).toMatch(/Not exported/);
    expect(comments.join('\n')).toMatch(/detector card: needs its validator \(Luhn/);
    expect(comments.join('\n')).toMatch(/detector iban: .*mod-97/);
    expect(comments.join('\n')).toMatch(/kv: /);
  });

  it('exports a policy file: its keys, custom detectors and what it turns off', async () => {
    const policy = tmp.file(
      'otel.json',
      JSON.stringify({
        keys: ['sessionKey'],
        paths: ['req.body.card'],
        detectors: { stripe: false },
        customDetectors: [{ name: 'order-token', pattern: '(?<![\\w])ot_[a-z0-9]{24}\\b' }],
      }),
    );
    const target = tmp.path('otel.yaml');
    const r = await run(['export', '--to', 'otel', '--policy', policy, '-o', target]);
    expect(r.code).toBe(0);
    const yaml = readFileSync(target, 'utf8');
    const processor = (
      parseYamlSubset(yaml) as { processors: Record<string, { blocked_key_patterns: string[]; blocked_values: string[] }> }
    ).processors['redaction/hushlog']!;
    expect(processor.blocked_key_patterns.some((p) => new RE2(p).test('session_key'))).toBe(true);
    expect(processor.blocked_values).toContain('\\bot_[a-z0-9]{24}\\b');
    expect(yaml).toMatch(/# order-token/);
    expect(yaml).not.toMatch(/# stripe\n/);
    expect(yaml).toMatch(/path req\.body\.card: /);
  });

  it('needs a known target', async () => {
    expect((await run(['export'])).stderr).toMatch(/--to otel/);
    expect((await run(['export', '--to', 'datadog'])).code).toBe(2);
  });
});

describe('the installed command', () => {
  it('is the committed bin file that npm links, and it starts the built command', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      bin: Record<string, string>;
      files: string[];
    };
    expect(pkg.bin).toEqual({ hushlog: './bin/hushlog.js' });
    expect(pkg.files).toContain('bin');
    const root = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
    expect(root.scripts.prepare).toBe('npm run build'); // npm install builds a fresh clone, so the bin has something to start
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^hushlog: keep secrets/);
  });

  it('says how to build it when the build is missing, instead of a module-not-found stack', async () => {
    const pkg = join(tmp.dir, 'unbuilt');
    mkdirSync(join(pkg, 'bin'), { recursive: true });
    copyFileSync(BIN, join(pkg, 'bin', 'hushlog.js'));
    const r = await runShell(`node ${JSON.stringify(join(pkg, 'bin', 'hushlog.js'))} --help`);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('hushlog: the command is not built yet: run `npm run build` (npm install does it on a clone)\n');
  });
});
