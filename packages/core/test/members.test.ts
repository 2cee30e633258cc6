import { describe, expect, it } from 'vitest';
import { createRedactor, type Policy } from '../src/index.js';

const r = createRedactor();

/** The JSON text `stringifyMembers` stands for: its members between braces. */
function asObject(members: string): string {
  return members === '' ? '{}' : `{${members.slice(1)}}`;
}

describe('stringifyMembers', () => {
  it('writes the members of the redacted JSON object, each after a comma', () => {
    const value = { user: 'ann', password: 'hunter2', nested: { token: 'abc', ok: 1 } };
    const members = r.stringifyMembers(value);
    expect(members).toBe(',"user":"ann","password":"[REDACTED]","nested":{"token":"[REDACTED]","ok":1}');
    expect(asObject(members!)).toBe(r.stringify(value));
  });

  it('writes nothing for an object with no members, or none left', () => {
    expect(r.stringifyMembers({})).toBe('');
    expect(createRedactor({ censor: { type: 'remove' } }).stringifyMembers({ password: 'hunter2' })).toBe('');
  });

  it('returns null for what is not written as an object, so the caller writes it another way', () => {
    expect(r.stringifyMembers([1, 2])).toBeNull();
    expect(r.stringifyMembers('text')).toBeNull();
    expect(r.stringifyMembers(42)).toBeNull();
    expect(r.stringifyMembers(null)).toBeNull();
    expect(r.stringifyMembers(new Map([['a', 1]]))).toBeNull();
    expect(r.stringifyMembers({ toJSON: () => ({ token: 'abc' }) })).toBeNull();
  });

  it('writes an Error as stringify does: its fields as members', () => {
    const err = new Error('db at postgres://app:s3cret@db:5432/x failed');
    const members = r.stringifyMembers(err);
    expect(members).not.toBeNull();
    expect(members).not.toContain('s3cret');
    expect(asObject(members!)).toBe(r.stringify(err));
  });

  it('scrubs an echo written before the key that censors it, as stringify does', () => {
    const value = { msg: 'signed in as jane.doe@example.com', user: { email: 'jane.doe@example.com' } };
    const structural = createRedactor({ detectors: { email: false } } as Policy);
    const members = structural.stringifyMembers(value);
    expect(members).not.toContain('jane.doe');
    expect(asObject(members!)).toBe(structural.stringify(value));
  });

  it('carries echoes into and out of the call, as stringify does', () => {
    const echoes = ['s3cr3t-value-42'];
    const members = r.stringifyMembers({ note: 'retry with s3cr3t-value-42', apiKey: 'k-9f8e7d6c5b4a' }, echoes);
    expect(members).not.toContain('s3cr3t-value-42');
    expect(echoes).toContain('k-9f8e7d6c5b4a');
  });

  it('writes the truncation marker of a cut object as a member', () => {
    const tight = createRedactor({ limits: { maxNodes: 2 } });
    const value = { a: 1, b: 2, c: 3 };
    const members = tight.stringifyMembers(value);
    expect(members).toContain('"b":2,');
    expect(asObject(members!)).toBe(tight.stringify(value));
  });

  it('writes the members of a paths-only policy as stringify does', () => {
    const paths = createRedactor({ preset: 'none', paths: ['req.headers.authorization'] });
    const value = { req: { headers: { authorization: 'Bearer abc', host: 'x' } }, n: 1 };
    expect(paths.stringifyMembers(value)).toBe(',"req":{"headers":{"authorization":"[REDACTED]","host":"x"}},"n":1');
  });
});
