import * as assert from 'node:assert/strict';
import { formatShare } from '../../../src/core/report/format';

describe('formatShare', () => {
  const cases: Array<[number, string]> = [
    [0, '0.0%'],
    [74 / 832, '8.9%'],
    [1 / 100_000, '<0.1%'],
    [2500 / 2502, '99.9%'],
    [99_999 / 100_000, '>99.9%'],
    [1, '100.0%'],
  ];
  for (const [share, expected] of cases) {
    it(`${share} -> ${expected}`, () => {
      assert.equal(formatShare(share), expected);
    });
  }
});
