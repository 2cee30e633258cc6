/**
 * runWithSecrets: what it accepts, and one set of scopes per process whichever build (ESM or CJS)
 * opens or reads them. The dual-format cases run the built packages in a real child process.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRedactor, runWithSecrets } from '../../src/index.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const SECRET = 'supersecretvalue';
const r = createRedactor();

function runFixture(name: string, ...args: string[]): string {
  return execFileSync(process.execPath, [join(FIXTURES, name), ...args], { encoding: 'utf8', timeout: 20_000 });
}

describe('runWithSecrets input', () => {
  it('protects a single string as one secret, not character by character', () => {
    const out = runWithSecrets(SECRET, () => r.redactString(`token was ${SECRET} here`));
    expect(out).toBe('token was [REDACTED:known-secret] here');
  });

  it('takes any iterable of strings: an array, a Set, a generator', () => {
    const other = 'anotherOpaqueValue42';
    function* gen() {
      yield SECRET;
      yield other;
    }
    for (const values of [[SECRET, other], new Set([SECRET, other]), gen()]) {
      const out = runWithSecrets(values, () => r.redactString(`${SECRET} and ${other}`));
      expect(out).toBe('[REDACTED:known-secret] and [REDACTED:known-secret]');
    }
  });

  it('ignores null, undefined, numbers, objects and the non-string elements of a list', () => {
    for (const values of [null, undefined, 42, { value: SECRET }, true] as unknown[]) {
      expect(runWithSecrets(values as Iterable<string>, () => r.redactString(`plain ${SECRET}`))).toBe(`plain ${SECRET}`);
    }
    const mixed = [null, 7, undefined, { x: 1 }, ['nested'], SECRET] as unknown[];
    expect(runWithSecrets(mixed, () => r.redactString(`plain ${SECRET}`))).toBe('plain [REDACTED:known-secret]');
  });

  it('keeps the values an iterable gave before it threw, and still runs fn', () => {
    function* failing() {
      yield SECRET;
      throw new Error('iterator broke');
    }
    expect(runWithSecrets(failing(), () => r.redactString(`got ${SECRET}`))).toBe('got [REDACTED:known-secret]');
  });

  it('passes an error thrown by fn through unchanged', () => {
    const boom = new RangeError('handler failed');
    let caught: unknown;
    try {
      runWithSecrets(SECRET, () => {
        throw boom;
      });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBe(boom);
  });

  it('returns what fn returns, including a promise that keeps the scope', async () => {
    const out = await runWithSecrets(SECRET, async () => {
      await new Promise((res) => setTimeout(res, 1));
      return r.redactString(`later ${SECRET}`);
    });
    expect(out).toBe('later [REDACTED:known-secret]');
  });
});

describe('scopes shared by the ESM and CJS builds', () => {
  it.each(['esm-first', 'cjs-first'])('scrubs a scoped secret whichever format opened the scope (%s)', (order) => {
    const result = JSON.parse(runFixture('dual-format.mjs', order)) as Record<string, unknown>;
    expect(result.distinctCopies).toBe(true);
    expect(result.esmScopeCjsRedactor).toBe('value [REDACTED:known-secret] seen');
    expect(result.cjsScopeEsmRedactor).toBe('value [REDACTED:known-secret] seen');
    expect(result.esmScopeCjsPino).toContain('data requested with key [REDACTED:known-secret]');
    expect(result.esmScopeCjsPino).not.toContain('opaqueScopedValue');
    expect(result.outsideScope).toBe('value opaqueScopedValue-7f3a9c21e4 seen');
  });

  it('refuses to load next to a copy that keeps scopes in an incompatible form', () => {
    const out = runFixture('incompatible-copy.mjs');
    expect(out).toMatch(/^refused: @hushlog\/core: another copy of hushlog .*protocol 999, this copy speaks 1/);
  });
});
