/**
 * The prefix and suffix trims of variable expansion against a reference that tries every prefix
 * and suffix with a regular expression, the definition the trims follow.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { trimPrefix, trimSuffix } from '../../../src/core/dockerfile/patternTrim';
import { expandWord } from '../../../src/core/dockerfile/words';
import { fuzzParameters, fuzzTimeout } from '../fuzz/settings';

const RUNS = 500;

/** The shell pattern as a regular expression that must match a whole string. */
function wholeMatch(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const close = pattern[i] === '[' ? pattern.indexOf(']', i + 2) : -1;
    if (pattern[i] === '*') source += '.*';
    else if (pattern[i] === '?') source += '.';
    else if (close < 0) source += pattern[i].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    else {
      source += '[' + pattern.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
      i = close;
    }
  }
  return new RegExp('^' + source + '$', 's');
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

const patternPart = fc.constantFrom('*', '?', '[ab]', '[!a]', '[', ']', 'a', 'b', '/', '.', '\\', '😀');
const pattern = fc.array(patternPart, { maxLength: 6 }).map((parts) => parts.join(''));
const value = fc.array(fc.constantFrom('a', 'b', 'c', '/', '.', '[', '\\', '😀', '\n'), { maxLength: 12 }).map((units) => units.join(''));

describe('pattern trims', () => {
  it('agree with trying every prefix and suffix', function () {
    this.timeout(fuzzTimeout(RUNS, 0.01));
    fc.assert(fc.property(value, pattern, fc.boolean(), (text, shellPattern, longest) => {
      assert.equal(trimPrefix(text, shellPattern, longest), referencePrefix(text, shellPattern, longest));
      assert.equal(trimSuffix(text, shellPattern, longest), referenceSuffix(text, shellPattern, longest));
    }), fuzzParameters(RUNS));
  });

  const cases: Array<[string, string]> = [
    ['${V#*/}', 'sub/file.tar.gz'],
    ['${V##*/}', 'file.tar.gz'],
    ['${V%.*}', 'dir/sub/file.tar'],
    ['${V%%.*}', 'dir/sub/file'],
    ['${V#[!d]*}', 'dir/sub/file.tar.gz'],
    ['${V##d*[bs]}', '/file.tar.gz'],
    ['${V%%?}', 'dir/sub/file.tar.g'],
    ['${V#}', 'dir/sub/file.tar.gz'],
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
  });

  it('${V#[z-a]} is an error', () => {
    const expansion = expandWord('${V#[z-a]}', () => 'abc');
    assert.deepEqual(expansion.errors, ['invalid pattern in ${V#[z-a]}: range out of order in character class; fix its bracket expression']);
  });
});
