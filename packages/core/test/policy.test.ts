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
