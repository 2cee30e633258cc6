import { createRedactor } from '@hushlog/core';
import { describe, expect, it } from 'vitest';
import { formatReport, loadCorpus, scoreCorpus } from './quality-report.js';

describe('quality on the labelled development corpus', () => {
  const report = scoreCorpus(loadCorpus(), createRedactor());
  console.log(formatReport(report));

  it('hides at least 99 % of the planted secrets (recall)', () => {
    expect(report.recall).toBeGreaterThanOrEqual(0.99);
  });

  it('keeps at least 99.5 % of the clean values (keep)', () => {
    expect(report.keep).toBeGreaterThanOrEqual(0.995);
  });
});
