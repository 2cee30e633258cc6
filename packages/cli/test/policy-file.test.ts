/**
 * Policy files through the real `hushlog` bin: user patterns run on the linear-time engine, so a
 * catastrophic pattern cannot hang the command, and what RE2 cannot run exits 2 naming the detector.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, run, tempDir } from './helpers.js';

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  assertBuilt();
  tmp = tempDir();
});
afterAll(() => tmp.cleanup());

describe('a policy file', () => {
  it('is applied with nothing written to stderr', async () => {
    const policy = tmp.file('plain.json', JSON.stringify({ keys: ['ticket'] }));
    const r = await run(['--policy', policy], '{"ticket":"T-1","mail":"jane@example.com"}\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('{"ticket":"[REDACTED]","mail":"[REDACTED:email]"}\n');
    expect(r.stderr).toBe('');
  });
});

describe('user patterns in a policy file', () => {
  it('runs /(a+)+$/ over a hostile line and finishes at once instead of hanging', async () => {
    const policy = tmp.file('evil.json', JSON.stringify({ preset: 'none', customDetectors: [{ name: 'evil', pattern: '(a+)+$' }] }));
    const hostile = `${'a'.repeat(30_000)}!\n`;
    const started = Date.now();
    const r = await run(['--policy', policy], `${hostile}tail aaaa\n`);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${hostile}tail [REDACTED:evil]\n`);
  });

  it('exits 2 for a pattern RE2 cannot run, naming the detector', async () => {
    const policy = tmp.file('peek.json', JSON.stringify({ customDetectors: [{ name: 'peek', pattern: 'key(?=\\d)' }] }));
    const r = await run(['--policy', policy], 'key1\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/peek\.json: customDetectors\[0\]\.pattern \(detector "peek"\) cannot run in linear time/);
    expect(r.stdout).toBe('');
  });
});

describe('export --to otel without a native module', () => {
  it('checks RE2 syntax with the pure-JS port: lookbehinds and backreferences are not RE2', async () => {
    const { isRe2, toRe2 } = await import('../src/otel.js');
    expect(isRe2('(?i)\\bot_\\d{4}\\b')).toBe(true);
    expect(isRe2('(?<!x)y')).toBe(false); // the Collector's Go regexp has no lookbehind
    expect(isRe2('(a)\\1')).toBe(false);
    expect(toRe2(/(?<name>é)\//)).toEqual({ pattern: '(?P<name>é)\\/', loosened: false });
  });

  it('reads the policy through its own properties only', async () => {
    const { exportOtel } = await import('../src/otel.js');
    const clean = exportOtel({});
    const proto = Object.prototype as Record<string, unknown>;
    proto.preset = 'none';
    proto.detectors = { jwt: false };
    try {
      expect(exportOtel({})).toEqual(clean);
    } finally {
      delete proto.preset;
      delete proto.detectors;
    }
  });
});
