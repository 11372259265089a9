/**
 * The pattern operations of variable expansion against references that try every prefix, suffix,
 * or start and end with a regular expression: the definitions the operations follow.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { replacePattern, trimPrefix, trimSuffix } from '../../../src/core/dockerfile/shellPattern';
import { expandWord } from '../../../src/core/dockerfile/words';
import { fuzzParameters, fuzzTimeout } from '../fuzz/settings';

const RUNS = 500;

/** The pattern as a regular expression that must match a whole string: `*` and `?` are wildcards. */
function wholeMatch(pattern: string): RegExp {
  const source = pattern.split('').map(charSource).join('');
  return new RegExp('^' + source + '$', 's');
}

/** Returns the regular expression source of one pattern character. */
function charSource(char: string): string {
  if (char === '*') return '.*';
  if (char === '?') return '.';
  return char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function referencePrefix(value: string, pattern: string, longest: boolean): string {
  const regex = wholeMatch(pattern);
  const lengths = [...Array(value.length + 1).keys()];
  if (longest) lengths.reverse();
  const length = lengths.find((candidate) => regex.test(value.slice(0, candidate)));
  return length === undefined ? value : value.slice(length);
}

function referenceSuffix(value: string, pattern: string, longest: boolean): string {
  const regex = wholeMatch(pattern);
  const starts = [...Array(value.length + 1).keys()];
  if (!longest) starts.reverse();
  const start = starts.find((candidate) => regex.test(value.slice(candidate)));
  return start === undefined ? value : value.slice(0, start);
}

/**
 * Replaces the leftmost longest whole matches, found by trying every start and every end. An
 * empty match right after a match is skipped, as Go's `ReplaceAllString` does.
 */
function referenceReplace(value: string, pattern: string, replacement: string, all: boolean): string {
  const regex = wholeMatch(pattern);
  const matchFrom = (from: number): [number, number] | undefined => {
    for (let start = from; start <= value.length; start++) {
      for (let end = value.length; end >= start; end--) if (regex.test(value.slice(start, end))) return [start, end];
    }
    return undefined;
  };
  let result = '';
  let copied = 0;
  let lastEnd = -1;
  for (let from = 0; from <= value.length; ) {
    const match = matchFrom(from);
    if (!match) break;
    from = match[1] === match[0] ? match[1] + 1 : match[1];
    if (match[0] === match[1] && match[0] === lastEnd) continue;
    result += value.slice(copied, match[0]) + replacement;
    copied = lastEnd = match[1];
    if (!all) break;
  }
  return result + value.slice(copied);
}

const patternPart = fc.constantFrom('*', '?', '[ab]', '[!a]', '[', ']', 'a', 'b', '/', '.', '\\', '😀');
const pattern = fc.array(patternPart, { maxLength: 6 }).map((parts) => parts.join(''));
const value = fc.array(fc.constantFrom('a', 'b', 'c', '/', '.', '[', '\\', '😀', '\n'), { maxLength: 12 }).map((units) => units.join(''));

describe('shell patterns', () => {
  it('trims match every-prefix reference', function () {
    this.timeout(fuzzTimeout(RUNS, 0.01));
    fc.assert(fc.property(value, pattern, fc.boolean(), (text, shellPattern, longest) => {
      assert.equal(trimPrefix(text, shellPattern, longest), referencePrefix(text, shellPattern, longest));
      assert.equal(trimSuffix(text, shellPattern, longest), referenceSuffix(text, shellPattern, longest));
    }), fuzzParameters(RUNS));
  });

  it('replacements match every-span reference', function () {
    this.timeout(fuzzTimeout(RUNS, 0.01));
    fc.assert(fc.property(value, pattern, fc.boolean(), (text, shellPattern, all) => {
      assert.equal(replacePattern(text, shellPattern, '<>', all), referenceReplace(text, shellPattern, '<>', all));
    }), fuzzParameters(RUNS));
  });

  const cases: Array<[string, string]> = [
    ['${V#*/}', 'sub/file.tar.gz'],
    ['${V##*/}', 'file.tar.gz'],
    ['${V%.*}', 'dir/sub/file.tar'],
    ['${V%%.*}', 'dir/sub/file'],
    ['${V##d*b}', '/file.tar.gz'],
    ['${V%%?}', 'dir/sub/file.tar.g'],
    ['${V#}', 'dir/sub/file.tar.gz'],
    ['${V/sub/x}', 'dir/x/file.tar.gz'],
    ['${V//\\//-}', 'dir-sub-file.tar.gz'],
    ['${V/*\\//}', 'file.tar.gz'],
    ['${V//?/.}', '...................'],
    ['${V//*/x}', 'x'],
    ['${V/[ab]/_}', 'dir/sub/file.tar.gz'],
  ];
  for (const [word, expected] of cases) {
    it(`${word} -> ${expected}`, () => {
      assert.equal(expandWord(word, () => 'dir/sub/file.tar.gz').value, expected);
    });
  }

  it('${V##*b} on 200,000 characters', () => {
    const long = 'a'.repeat(100_000) + 'b' + 'a'.repeat(99_999);
    assert.equal(expandWord('${V##*b}', () => long).value, 'a'.repeat(99_999));
    assert.equal(expandWord('${V%%b*}', () => long).value, 'a'.repeat(100_000));
    assert.equal(expandWord('${V//*b/x}', () => long).value, 'x' + 'a'.repeat(99_999));
    assert.equal(expandWord('${V//*c/x}', () => long).value, long);
  });

  it('${V#[d]*} brackets are plain', () => {
    assert.equal(expandWord('${V#[d]*}', () => 'dir/x').value, 'dir/x');
    assert.equal(expandWord('${V#[d]*}', () => '[d]/x').value, '/x');
    assert.deepEqual(expandWord('${V#[z-a]}', () => 'abc').errors, []);
  });
});
