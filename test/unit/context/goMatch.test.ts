import { strict as assert } from 'node:assert';
import { BadPatternError, goPathMatch, hasWildcard } from '../../../src/core/context/goMatch';

/** [pattern, name, expected]: expected is the match result or 'bad' for ErrBadPattern. */
type Case = [string, string, boolean | 'bad'];

// The cases follow the pattern grammar in the documentation of Go's path/filepath.Match.
const cases: Case[] = [
  // Literals and stars.
  ['main.go', 'main.go', true],
  ['main.go', 'main.g', false],
  ['*', 'Dockerfile', true],
  ['*', '', true],
  ['*', 'src/app', false],
  ['*.js', 'app.js', true],
  ['*.js', 'app.jsx', false],
  ['s*', 's', true],
  ['s*', 'src', true],
  ['s*', 'src/app', false],
  ['s*/app', 'src/app', true],
  ['s*/app', 's/x/app', false],
  ['**', 'src', true],
  ['**', 'src/app', false],
  ['**/app', 'x/app', true],
  ['**/app', 'x/y/app', false],
  ['p*q*r*s*/t', 'pxqxrxs/t', true],
  ['p*q*r*s*/t', 'pxqxrxsxxx/t', true],
  ['p*q*r*s*/t', 'pxqxrxs/xxx/t', false],
  ['p*q*r*s*/t', 'pxqxrxsxxx/ttt', false],
  ['m*n?o*z', 'mnxnnxpnxqnxozzz', true],
  ['m*n?o*z', 'mnxnnxpnxqnxozzy', false],
  ['*z', 'zzz', true],
  // `?` takes one character, never a `/`.
  ['a?c', 'abc', true],
  ['a?c', 'ac', false],
  ['a?c', 'a/c', false],
  ['x?y', 'x☺y', true],
  ['x???y', 'x☺y', false],
  // Classes.
  ['v[1]', 'v1', true],
  ['v[0-3]', 'v2', true],
  ['v[4-6]', 'v2', false],
  ['v[^2]', 'v2', false],
  ['v[^0-3]', 'v2', false],
  ['v[^4-6]', 'v2', true],
  ['v[^4-6]', 'v', false],
  ['x[^x]y', 'x☺y', true],
  ['x[^x][^x][^x]y', 'x☺y', false],
  ['[a-ω]*', 'λ', true],
  ['*[a-ω]', 'A', false],
  // Only `^` negates: `!` is a member of the class.
  ['v[!2]', 'v2', true],
  ['v[!2]', 'v!', true],
  ['v[!2]', 'v3', false],
  // Unlike `*` and `?`, a class matches a `/`.
  ['a[^x]b', 'a/b', true],
  // Escapes.
  ['a\\*b', 'a*b', true],
  ['a\\*b', 'axb', false],
  ['a\\?b', 'a?b', true],
  ['\\[x]', '[x]', true],
  ['[\\]x]', ']', true],
  ['[\\-]', '-', true],
  ['[y\\-]', 'y', true],
  ['[y\\-]', '-', true],
  ['[y\\-]', 'z', false],
  ['[\\-y]', '-', true],
  ['[\\-y]', 'b', false],
  // Malformed patterns.
  ['[]x]', ']', 'bad'],
  ['[-]', '-', 'bad'],
  ['[y-]', 'y', 'bad'],
  ['[-y]', 'y', 'bad'],
  ['\\', 'x', 'bad'],
  ['[a-b-c]', 'a', 'bad'],
  ['[', 'x', 'bad'],
  ['[^', 'x', 'bad'],
  ['[^bc', 'x', 'bad'],
  ['a[', 'a', 'bad'],
  ['a[', 'ab', 'bad'],
  // The bad part comes after the name already failed to match.
  ['a[', 'x', 'bad'],
  ['a/b[', 'x', 'bad'],
  ['a*[', 'xyz', 'bad'],
  ['x*\\', 'y', 'bad'],
];

describe('goPathMatch', () => {
  for (const [pattern, name, expected] of cases) {
    it(`"${pattern}" against "${name}"`, () => {
      if (expected === 'bad') {
        assert.throws(() => goPathMatch(pattern, name), BadPatternError);
      } else {
        assert.equal(goPathMatch(pattern, name), expected);
      }
    });
  }

  it('star splitting a multi-byte character', () => {
    // Go's star skips bytes: after one byte of "€" two continuation bytes are left, each a rune.
    assert.equal(goPathMatch('*??', '€'), true);
    assert.equal(goPathMatch('??', '€'), false);
  });

  it('error names the pattern', () => {
    assert.throws(() => goPathMatch('a[', 'a'), /syntax error in pattern "a\["/);
  });
});

describe('hasWildcard', () => {
  const wildcardCases: [string, boolean][] = [
    ['src/app.js', false],
    ['*.js', true],
    ['file?.txt', true],
    ['v[12]', true],
    ['a\\*b', false],
    ['a\\[b]', false],
    ['a\\\\*', true],
    ['a]b', false],
  ];
  for (const [pattern, expected] of wildcardCases) {
    it(`"${pattern}"`, () => {
      assert.equal(hasWildcard(pattern), expected);
    });
  }
});
