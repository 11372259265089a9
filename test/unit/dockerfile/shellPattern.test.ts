/**
 * The pattern operations of variable expansion against references that try every prefix, suffix,
 * or start and end with a regular expression: the definitions the operations follow.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { PatternError, replacePattern, trimPrefix, trimSuffix } from '../../../src/core/dockerfile/shellPattern';
import { expandWord } from '../../../src/core/dockerfile/words';
import { fuzzParameters, fuzzTimeout } from '../fuzz/settings';

const RUNS = 500;

/**
 * The pattern as a regular expression that must match a whole string: `*` and `?` are wildcards,
 * and a backslash makes `*`, `?`, `\\`, `}` or `/` plain. Throws for any other backslash.
 */
function wholeMatch(pattern: string): RegExp {
  const pieces = pattern.match(/\\[\s\S]?|[\s\S]/g) ?? [];
  return new RegExp('^' + pieces.map(pieceSource).join('') + '$', 's');
}

/** Returns the regular expression source of one character or one backslash escape. */
function pieceSource(piece: string): string {
  if (piece === '*') return '.*';
  if (piece === '?') return '.';
  if (piece.startsWith('\\') && !/^\\[*?\\}/]$/.test(piece)) throw new PatternError(piece);
  return piece.slice(-1).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Asserts that `act` returns what `reference` returns, or throws a `PatternError` where `reference` does. */
function assertSame(act: () => string, reference: () => string): void {
  let expected: string;
  try {
    expected = reference();
  } catch (error) {
    assert.ok(error instanceof PatternError);
    assert.throws(act, PatternError);
    return;
  }
  assert.equal(act(), expected);
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

const patternPart = fc.constantFrom('*', '?', '[ab]', '[!a]', '[', ']', 'a', 'b', '/', '.', '\\', '\\*', '\\?', '\\\\', '\\/', '😀');
const pattern = fc.array(patternPart, { maxLength: 6 }).map((parts) => parts.join(''));
const value = fc.array(fc.constantFrom('a', 'b', 'c', '/', '.', '[', '\\', '*', '?', '😀', '\n'), { maxLength: 12 }).map((units) => units.join(''));

describe('shell patterns', () => {
  it('trims match every-prefix reference', function () {
    this.timeout(fuzzTimeout(RUNS, 0.01));
    fc.assert(fc.property(value, pattern, fc.boolean(), (text, shellPattern, longest) => {
      assertSame(() => trimPrefix(text, shellPattern, longest), () => referencePrefix(text, shellPattern, longest));
      assertSame(() => trimSuffix(text, shellPattern, longest), () => referenceSuffix(text, shellPattern, longest));
    }), fuzzParameters(RUNS));
  });

  it('replacements match every-span reference', function () {
    this.timeout(fuzzTimeout(RUNS, 0.01));
    fc.assert(fc.property(value, pattern, fc.boolean(), (text, shellPattern, all) => {
      assertSame(() => replacePattern(text, shellPattern, '<>', all), () => referenceReplace(text, shellPattern, '<>', all));
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
    ['${V/$EMPTY/x}', 'xdir/sub/file.tar.gz'],
    ['${V//\\//\\/}', 'dir\\/sub\\/file.tar.gz'],
  ];
  const caseVariables = (name: string): string | undefined => {
    if (name === 'V') return 'dir/sub/file.tar.gz';
    return name === 'EMPTY' ? '' : undefined;
  };
  for (const [word, expected] of cases) {
    it(`${word} -> ${expected}`, () => {
      assert.equal(expandWord(word, caseVariables).value, expected);
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

  it('${V%%\\**} escaped star is plain', () => {
    assert.equal(expandWord('${V%%\\**}', () => 'xx**').value, 'xx');
    assert.equal(expandWord('${V#?\\?}', () => '???y').value, '?y');
    assert.equal(expandWord('${V#$N}', (name) => (name === 'V' ? 'a*/b' : '?\\*/')).value, 'b');
  });

  it('${V#a\\b} invalid escape is an error', () => {
    assert.deepEqual(expandWord('${V#a\\b}', () => 'ab').errors, ['invalid pattern in ${V#a\\b}: invalid escape \\b, only \\*, \\?, \\\\, \\} and \\/ are escapes']);
  });

  it('${V/a} without the second slash is an error', () => {
    assert.deepEqual(expandWord('${V/a}', () => 'ab').errors, ['invalid pattern in ${V/a}: missing / after the pattern, write ${V/PATTERN/TEXT}']);
  });
});
