import { createRedactor } from '@hushlog/core';
import { describe, expect, it } from 'vitest';
import { formatReport, formatTotals, isFlagged, loadCorpus, scoreCorpus } from './quality-report.js';

describe('quality of the default policy on the labelled development corpora', () => {
  const redactor = createRedactor();
  const dev = scoreCorpus(loadCorpus('dev'), redactor);
  const v2rows = loadCorpus('dev-v2');
  const v2 = scoreCorpus(
    v2rows.filter((r) => !isFlagged(r)),
    redactor,
  );
  const flagged = scoreCorpus(v2rows.filter(isFlagged), redactor);
  console.log(
    [
      formatReport('dev.jsonl', dev),
      formatReport('dev-v2.jsonl, rows not flagged', v2),
      formatTotals('dev-v2.jsonl, v2:flag-* rows', flagged),
    ].join('\n'),
  );

  it('hides at least 99.9 % of the planted secrets of dev.jsonl', () => {
    expect(dev.recall).toBeGreaterThanOrEqual(0.999);
  });

  it('keeps every clean value of dev.jsonl', () => {
    expect(dev.keep).toBe(1);
  });

  it('hides at least 99 % of the secrets in the realistic dev-v2 rows', () => {
    expect(v2.recall).toBeGreaterThanOrEqual(0.99);
  });

  it('keeps at least 99.8 % of the clean values in the realistic dev-v2 rows', () => {
    expect(v2.keep).toBeGreaterThanOrEqual(0.998);
  });
});
