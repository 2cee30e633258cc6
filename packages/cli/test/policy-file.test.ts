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
