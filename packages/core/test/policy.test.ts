import { describe, expect, it } from 'vitest';
import { createRedactor, PolicyError, type Policy } from '../src/index.js';

function errorOf(policy: unknown): PolicyError {
  try {
    createRedactor(policy as Policy);
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyError);
    return e as PolicyError;
  }
  throw new Error('expected createRedactor to throw');
}

describe('policy validation', () => {
  it('accepts an omitted policy and an empty one', () => {
    expect(() => createRedactor()).not.toThrow();
    expect(() => createRedactor({})).not.toThrow();
  });

  it('names an unknown field, so a typo like `path` is caught at setup', () => {
    const e = errorOf({ path: ['a.b'] });
    expect(e.field).toBe('path');
    expect(e.message).toMatch(/path is not a policy field/);
  });

  it('names the bad preset', () => {
    expect(errorOf({ preset: 'strict' }).field).toBe('preset');
  });

  it('names the index of a malformed path', () => {
    const e = errorOf({ paths: ['a.b', 'a..b'] });
    expect(e.field).toBe('paths[1]');
    expect(e.message).toContain('a..b');
    expect(errorOf({ paths: ['a["x'] }).field).toBe('paths[0]');
    expect(errorOf({ paths: ['a[x]'] }).field).toBe('paths[0]');
  });

  it('names a key that is neither a name nor a RegExp', () => {
    expect(errorOf({ keys: ['ok', 42] }).field).toBe('keys[1]');
  });

  it('refuses unkeyed or weakly keyed hashing', () => {
    expect(errorOf({ censor: { type: 'hmac' } }).field).toBe('censor.key');
    expect(errorOf({ censor: { type: 'hmac', key: 'short' } }).field).toBe('censor.key');
  });

  it('names a bad censor type and bad mask options', () => {
    expect(errorOf({ censor: { type: 'sha256' } }).field).toBe('censor.type');
    expect(errorOf({ censor: { type: 'mask', keepLast: -1 } }).field).toBe('censor.keepLast');
    expect(errorOf({ censor: 42 }).field).toBe('censor');
  });

  it('names a bad limit', () => {
    expect(errorOf({ limits: { maxDepth: 0 } }).field).toBe('limits.maxDepth');
    expect(errorOf({ limits: { maxNode: 5 } }).field).toBe('limits.maxNode');
  });

  it('names an unknown detector', () => {
    expect(errorOf({ detectors: { nope: false } }).field).toBe('detectors.nope');
  });

  it('names a custom detector without a RegExp pattern', () => {
    expect(errorOf({ customDetectors: [{ name: 'x', pattern: 'abc' }] }).field).toBe('customDetectors[0].pattern');
  });
});

describe('redactor.policy: the policy as compiled', () => {
  it('holds the defaults merged in, names normalised and limits filled in, frozen', () => {
    const { policy } = createRedactor({
      keys: ['Session-Key', '*_secret'],
      headers: ['X-Tenant-Secret'],
      paths: ['a.b'],
      allow: ['meta.count', 'tokenizer'],
    });
    expect(policy.preset).toBe('default');
    expect(policy.keys).toEqual(expect.arrayContaining(['password', 'sessionkey', '*secret']));
    expect(policy.headers).toEqual(expect.arrayContaining(['authorization', 'apikey', 'tenantsecret']));
    expect(policy.queryKeys).toContain('sig');
    expect(policy.paths).toEqual(['a.b']);
    expect(policy.allowPaths).toEqual(['meta.count']);
    expect(policy.allowKeys).toEqual(['tokenizer']);
    expect(policy.limits).toEqual({ maxDepth: 64, maxNodes: 100_000, maxStringLength: 1_048_576 });
    expect(policy.censor).toEqual({ type: 'text', text: '[REDACTED]' });
    expect(policy.rules).toEqual({ kv: true, query: true });
    expect(policy.detectors.find((d) => d.name === 'card')).toMatchObject({ builtin: true, validated: true });
    expect(Object.isFrozen(policy) && Object.isFrozen(policy.keys) && Object.isFrozen(policy.detectors[0])).toBe(true);
  });

  it('describes a paths-only policy and its censor', () => {
    const { policy } = createRedactor({ preset: 'none', paths: ['user.password'], censor: { type: 'remove' } });
    expect(policy).toMatchObject({ preset: 'none', keys: [], headers: [], detectors: [], pathsOnly: true, censor: { type: 'remove' } });
    expect(createRedactor({ censor: { type: 'mask' } }).policy.censor).toEqual({ type: 'mask', keepLast: 4, char: '*' });
  });
});
