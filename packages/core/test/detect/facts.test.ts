/** The lazy facts of long text agree with the exact one-pass facts of short text. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SHORT_TEXT, TOKEN_RUN, TOKEN_RUN_LENGTH, profileOf } from '../../src/detect/facts.js';

const TOKEN_RUN_PATTERN = new RegExp(`[\\w-]{${TOKEN_RUN_LENGTH}}`);

describe('the token-run fact of a long text', () => {
  it('is true exactly when the text holds a run of token characters long enough, wherever it lies', () => {
    const piece = fc.oneof(fc.stringMatching(/^[\w-]{0,20}$/), fc.constantFrom(' ', '.', '/', ':', '=', 'é', '\n', '+'));
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 120 }), fc.nat(), (pieces, pad) => {
        // padded past SHORT_TEXT with separators, so the lazy path decides and the padding adds no run
        const text = pieces.join('') + ' .'.repeat(SHORT_TEXT + (pad % 7));
        expect(profileOf(text).has(TOKEN_RUN)).toBe(TOKEN_RUN_PATTERN.test(text));
      }),
      { numRuns: 3000, seed: 20261202 },
    );
  });

  it('finds a run at the very start and at the very end of a long text', () => {
    const run = 'a'.repeat(TOKEN_RUN_LENGTH);
    const filler = ' x'.repeat(SHORT_TEXT);
    expect(profileOf(run + filler).has(TOKEN_RUN)).toBe(true);
    expect(profileOf(filler + run).has(TOKEN_RUN)).toBe(true);
    expect(profileOf(`${filler} ${run.slice(1)}`).has(TOKEN_RUN)).toBe(false);
  });
});
