import { describe, expect, it } from 'vitest';
import { isPlainValue } from '../../src/scope/plain-value.js';

describe('the plain-value filter of request scopes', () => {
  it('treats words, numbers and booleans as settings', () => {
    for (const value of [
      'english',
      'dark_mode',
      'en-US',
      'Europe/Berlin',
      'accepted',
      'true',
      'FALSE',
      'Light Theme',
      '1700000000000',
      '-1.5',
    ])
      expect(isPlainValue(value), value).toBe(true);
  });

  it('treats tokens, mixed-case letter runs and signed values as secrets', () => {
    for (const value of [
      '9fK2mQ7xLp4Rz8Tw',
      'aBcDeFgHiJkL',
      's%3Aabc.def',
      'eyJhbGciOiJIUzI1NiJ9',
      'abc123def456',
      '1.2.3.4',
      'GA1.1.123.456',
    ])
      expect(isPlainValue(value), value).toBe(false);
  });
});
