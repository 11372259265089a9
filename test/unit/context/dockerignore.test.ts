import { strict as assert } from 'node:assert';
import { IgnoreMatcher, parseDockerignore } from '../../../src/core/context/dockerignore';

function matcherFor(text: string): IgnoreMatcher {
  return new IgnoreMatcher(parseDockerignore(text));
}

/** Returns the paths of `paths` that the ignore text excludes. */
function excluded(text: string, paths: string[]): string[] {
  const matcher = matcherFor(text);
  return paths.filter((path) => matcher.isExcluded(path));
}

describe('parseDockerignore', () => {
  it('comments and blank lines', () => {
    const patterns = parseDockerignore('# comment\n\n  \n*.log\n #x\n');
    assert.deepEqual(patterns.map((p) => p.pattern), ['*.log', '#x']);
    assert.deepEqual(patterns.map((p) => p.line), [4, 5]);
  });

  it('cleans patterns', () => {
    const text = '/docs\nbuild/\n./a/./b\nc/../d\n  spaced  \n! keep\n/\n';
    const patterns = parseDockerignore(text);
    assert.deepEqual(patterns.map((p) => p.pattern), ['docs', 'build', 'a/b', 'd', 'spaced', 'keep', '/']);
    assert.deepEqual(patterns.map((p) => p.negated), [false, false, false, false, false, true, false]);
  });

  it('byte order mark and CRLF', () => {
    const patterns = parseDockerignore('\uFEFF# comment\r\nnode_modules\r\n!node_modules/keep\r\n');
    assert.deepEqual(patterns.map((p) => p.pattern), ['node_modules', 'node_modules/keep']);
  });

  it('invalid lines are marked', () => {
    const patterns = parseDockerignore('ok\na[\n!\n');
    assert.equal(patterns.length, 3);
    assert.equal(patterns[0]?.invalid, undefined);
    assert.match(patterns[1]?.invalid ?? '', /"a\[" is not a valid pattern/);
    assert.equal(patterns[1]?.line, 2);
    assert.match(patterns[2]?.invalid ?? '', /needs a pattern after the "!"/);
  });
});

describe('IgnoreMatcher.isExcluded', () => {
  it('last matching line wins', () => {
    const paths = ['a.log', 'keep.log', 'b.txt'];
    assert.deepEqual(excluded('*.log\n!keep.log', paths), ['a.log']);
    assert.deepEqual(excluded('!keep.log\n*.log', paths), ['a.log', 'keep.log']);
  });

  it('! pattern is anchored at the root', () => {
    assert.deepEqual(excluded('**/*.log\n!keep.log', ['keep.log', 'sub/keep.log']), ['sub/keep.log']);
  });

  it('* stays in one segment', () => {
    assert.deepEqual(excluded('*.md', ['README.md', 'docs/guide.md']), ['README.md']);
    assert.deepEqual(excluded('*/*.md', ['README.md', 'docs/guide.md', 'a/b/c.md']), ['docs/guide.md']);
  });

  it('? stays in one segment', () => {
    assert.deepEqual(excluded('a?c', ['abc', 'a/c', 'abbc']), ['abc']);
  });

  it('** spans segments', () => {
    const paths = ['a.tmp', 'x/a.tmp', 'x/y/a.tmp', 'x/a.txt'];
    assert.deepEqual(excluded('**/*.tmp', paths), ['a.tmp', 'x/a.tmp', 'x/y/a.tmp']);
  });

  it('** in the middle', () => {
    const paths = ['src/a.test.js', 'src/a/b/c.test.js', 'lib/a.test.js', 'src/a.js'];
    assert.deepEqual(excluded('src/**/*.test.js', paths), ['src/a.test.js', 'src/a/b/c.test.js']);
  });

  it('**/tmp matches top-level tmp', () => {
    const paths = ['tmp', 'tmp/x', 'a/tmp', 'a/b/tmp/c', 'atmp', 'tmpx'];
    assert.deepEqual(excluded('**/tmp', paths), ['tmp', 'tmp/x', 'a/tmp', 'a/b/tmp/c']);
  });

  it('trailing ** matches contents', () => {
    assert.deepEqual(excluded('cache/**', ['cache', 'cache/a', 'cache/a/b', 'cached']), ['cache/a', 'cache/a/b']);
  });

  it('parent directory match', () => {
    assert.deepEqual(excluded('build', ['build', 'build/out/app', 'builder', 'src/build']), ['build', 'build/out/app']);
  });

  it('build/ equals build', () => {
    const paths = ['build', 'build/out/app', 'builder'];
    assert.deepEqual(excluded('build/', paths), excluded('build', paths));
  });

  it('leading / is dropped', () => {
    assert.deepEqual(excluded('/docs', ['docs', 'docs/a.txt', 'src/docs']), ['docs', 'docs/a.txt']);
  });

  it('root is never excluded', () => {
    const matcher = matcherFor('*\n**');
    assert.equal(matcher.isExcluded(''), false);
    assert.equal(matcher.isExcluded('.'), false);
    assert.equal(matcher.isExcluded('a'), true);
  });

  it('classes and escapes', () => {
    const paths = ['v1', 'v2', 'v!', 'a*b', 'axb'];
    assert.deepEqual(excluded('v[^1]', paths), ['v2', 'v!']);
    assert.deepEqual(excluded('a\\*b', paths), ['a*b']);
  });

  it('regexp characters are literal', () => {
    assert.deepEqual(excluded('a.b+(c)', ['a.b+(c)', 'axb+(c)', 'a.bb(c)']), ['a.b+(c)']);
    assert.deepEqual(excluded('*.b$', ['x.b$', 'x.b']), ['x.b$']);
  });

  it('invalid line is skipped', () => {
    assert.deepEqual(excluded('a[\n*.log', ['a[', 'x.log']), ['x.log']);
  });

  it('allowlist with re-included subtree', () => {
    const text = '*\n!src\nsrc/**/*.test.js\n!src/keep/**/*.test.js\n/docs\n!Dockerfile';
    const paths = [
      'Dockerfile', 'README.md', 'docs', 'docs/readme.txt', 'src', 'src/app.js',
      'src/a/a.test.js', 'src/keep/x/k.test.js', 'src/keep/x/k.js',
    ];
    assert.deepEqual(excluded(text, paths), ['README.md', 'docs', 'docs/readme.txt', 'src/a/a.test.js']);
  });
});

describe('IgnoreMatcher.mayReincludeBelow', () => {
  it('no ! lines', () => {
    assert.equal(matcherFor('build').mayReincludeBelow('build'), false);
  });

  it('! line inside the directory', () => {
    const matcher = matcherFor('vendor\n!vendor/keep/a.txt');
    assert.equal(matcher.mayReincludeBelow('vendor'), true);
    assert.equal(matcher.mayReincludeBelow('vendor/keep'), true);
    assert.equal(matcher.mayReincludeBelow('vendor/other'), false);
    assert.equal(matcher.mayReincludeBelow('docs'), false);
  });

  it('! line for a top-level name', () => {
    const matcher = matcherFor('*\n!*.md');
    assert.equal(matcher.mayReincludeBelow('docs'), false);
  });

  it('! line with wildcards', () => {
    const matcher = matcherFor('*\n!src/*/keep');
    assert.equal(matcher.mayReincludeBelow('src'), true);
    assert.equal(matcher.mayReincludeBelow('src/a'), true);
    assert.equal(matcher.mayReincludeBelow('lib'), false);
    assert.equal(matcher.mayReincludeBelow('src/a/keep'), false);
  });

  it('! line with ** or a class', () => {
    assert.equal(matcherFor('*\n!**/*.md').mayReincludeBelow('a/b'), true);
    assert.equal(matcherFor('*\n![ab]/x').mayReincludeBelow('c'), true);
  });
});

describe('IgnoreMatcher.excludingPattern', () => {
  /** Returns `line: pattern` of the line that excludes `path`, or `none`. */
  function excludingLine(text: string, path: string): string {
    const pattern = matcherFor(text).excludingPattern(path);
    return pattern === undefined ? 'none' : `${pattern.line}: ${pattern.pattern}`;
  }

  it('names the last matching line', () => {
    assert.equal(excludingLine('*.txt\n# logs\nsecret.txt\n', 'secret.txt'), '3: secret.txt');
  });

  it('folder line excludes its contents', () => {
    assert.equal(excludingLine('docs\n', 'docs/guide/intro.md'), '1: docs');
  });

  it('re-included path has none', () => {
    assert.equal(excludingLine('*.log\n!keep.log\n', 'keep.log'), 'none');
  });

  it('later line excludes again', () => {
    assert.equal(excludingLine('*.log\n!keep.log\nkeep*\n', 'keep.log'), '3: keep*');
  });

  it('unmatched path and root have none', () => {
    assert.equal(excludingLine('*.log\n', 'src/app.js'), 'none');
    assert.equal(excludingLine('*\n', ''), 'none');
  });
});
