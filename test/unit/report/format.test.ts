import * as assert from 'node:assert/strict';
import { compareNamesNaturally, describeRemovedPaths, firstSentence, formatShare, formatShareAtMost } from '../../../src/core/report/format';

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

describe('formatShareAtMost', () => {
  const cases: Array<[number, string]> = [
    [74 / 832, 'at most 8.9%'],
    [1 / 100_000, 'under 0.1%'],
    [99_999 / 100_000, 'under 100%'],
  ];
  for (const [share, expected] of cases) {
    it(`${share} -> ${expected}`, () => {
      assert.equal(formatShareAtMost(share), expected);
    });
  }
});

describe('firstSentence', () => {
  const cases: Array<[string, string]> = [
    ['Unknown instruction "RUNN". Fix it.', 'Unknown instruction "RUNN".'],
    ['/app/.env is kept. "x" follows', '/app/.env is kept.'],
    ['No full stop', 'No full stop.'],
    ['Version 1.2 of a.txt is kept. Then more.', 'Version 1.2 of a.txt is kept.'],
  ];
  for (const [message, expected] of cases) {
    it(`${message} -> ${expected}`, () => {
      assert.equal(firstSentence(message), expected);
    });
  }
});

describe('describeRemovedPaths', () => {
  const cases: Array<[number, number, number, string]> = [
    [1, 1, 0, '1 path'],
    [3, 3, 0, '3 paths'],
    [1, 2, 0, '1 path and 1 path below it'],
    [1, 1011, 0, '1 path and 1,010 paths below it'],
    [2, 3, 0, '2 paths and 1 path below them'],
    [1, 1, 1, '1 path and hides 1 lower path'],
    [2, 2, 5, '2 paths and hides 5 lower paths'],
    [1, 3, 1, '1 path and 2 paths below it, and hides 1 lower path'],
  ];
  for (const [whiteouts, removedByWhiteouts, hiddenByWrites, expected] of cases) {
    it(`${whiteouts} removing ${removedByWhiteouts}, ${hiddenByWrites} hidden -> ${expected}`, () => {
      assert.equal(describeRemovedPaths({ whiteouts, removedByWhiteouts, hiddenByWrites }), expected);
    });
  }
});

describe('compareNamesNaturally', () => {
  it('digit runs as numbers', () => {
    assert.deepEqual(['f10', 'f1', 'f2', 'f0', 'f11'].sort(compareNamesNaturally), ['f0', 'f1', 'f2', 'f10', 'f11']);
  });

  it('letters before case', () => {
    assert.deepEqual(['b', 'B', 'a', 'A'].sort(compareNamesNaturally), ['a', 'A', 'b', 'B']);
  });

  it('equal collation keeps a total order', () => {
    // "é" precomposed and decomposed collate equal, so code units decide.
    assert.equal(Math.sign(compareNamesNaturally('\u00e9', 'e\u0301')), 1);
    assert.equal(Math.sign(compareNamesNaturally('e\u0301', '\u00e9')), -1);
    assert.equal(compareNamesNaturally('x', 'x'), 0);
  });
});
