import { strict as assert } from 'node:assert';
import type { ContextIndex } from '../../../src/core/context/contextIndex';
import { resolveSource, type SourceResolution } from '../../../src/core/context/sources';
import { walkContext } from '../../../src/core/context/walk';
import { makeTree, removeTree } from './tempTree';

function matchedPaths(resolution: SourceResolution): string[] {
  return resolution.matches.map((match) => match.path);
}

describe('resolveSource', () => {
  let root: string;
  let index: ContextIndex;

  before(async () => {
    root = makeTree({
      '.dockerignore': 'secret.txt\n',
      'a.txt': 'a',
      'b.txt': 'b',
      'c.md': 'c',
      'secret.txt': 's',
      'src/app.js': 'app',
      'src/lib/util.js': 'util',
      'docs/x.txt': 'x',
      'tests/x.txt': 'x',
      '[x]1.txt': '1',
      '[x]2.txt': '2',
      'a*b': 'star',
      link: { link: 'src/app.js' },
      'link-chain': { link: 'link' },
      'link-dir': { link: 'src' },
      'link-abs': { link: '/src/app.js' },
      'link-up': { link: '../../src/app.js' },
      'loop-a': { link: 'loop-b' },
      'loop-b': { link: 'loop-a' },
      dangling: { link: 'missing.txt' },
      'to-secret': { link: 'secret.txt' },
    });
    index = await walkContext(root);
  });
  after(() => removeTree(root));

  it('. is the context root', () => {
    const resolution = resolveSource(index, '.');
    assert.deepEqual(matchedPaths(resolution), ['']);
    assert.equal(resolution.matches[0]?.file.type, 'directory');
    assert.equal(resolution.problem, undefined);
  });

  it('directory', () => {
    const resolution = resolveSource(index, 'src/');
    assert.deepEqual(matchedPaths(resolution), ['src']);
    assert.equal(resolution.matches[0]?.file.type, 'directory');
    assert.equal(resolution.matches[0]?.followedLink, undefined);
  });

  it('file', () => {
    const resolution = resolveSource(index, 'src/app.js');
    assert.deepEqual(matchedPaths(resolution), ['src/app.js']);
    assert.equal(resolution.matches[0]?.file.size, 3);
  });

  it('leading / and .. stay inside', () => {
    assert.deepEqual(matchedPaths(resolveSource(index, '/src/app.js')), ['src/app.js']);
    assert.deepEqual(matchedPaths(resolveSource(index, '../../src/app.js')), ['src/app.js']);
    assert.deepEqual(matchedPaths(resolveSource(index, './src/../a.txt')), ['a.txt']);
  });

  it('missing', () => {
    const resolution = resolveSource(index, 'nope/app.js');
    assert.deepEqual(resolution.matches, []);
    assert.match(resolution.problem ?? '', /^The source "nope\/app.js" was not found in the build context /);
    assert.ok(resolution.problem?.includes(root));
  });

  it('excluded by .dockerignore', () => {
    const resolution = resolveSource(index, 'secret.txt');
    assert.deepEqual(resolution.matches, []);
    assert.equal(resolution.problem, `The source "secret.txt" is not in the build context ${root}, because line 1 of ${root}/.dockerignore ("secret.txt") excludes it. Remove or narrow that line, or add the line "!secret.txt" after it.`);
  });

  it('file inside a file', () => {
    assert.deepEqual(resolveSource(index, 'a.txt/x').matches, []);
  });

  it('wildcard matching files', () => {
    const resolution = resolveSource(index, '*.txt');
    assert.deepEqual(matchedPaths(resolution), ['[x]1.txt', '[x]2.txt', 'a.txt', 'b.txt']);
    assert.equal(resolution.problem, undefined);
  });

  it('wildcard matching directories', () => {
    assert.deepEqual(matchedPaths(resolveSource(index, 'src/*')), ['src/app.js', 'src/lib']);
    assert.deepEqual(matchedPaths(resolveSource(index, 'sr?')), ['src']);
    assert.equal(resolveSource(index, 'sr?').matches[0]?.file.type, 'directory');
  });

  it('wildcard in a middle segment', () => {
    assert.deepEqual(matchedPaths(resolveSource(index, '*/x.txt')), ['docs/x.txt', 'tests/x.txt']);
  });

  it('[^a] class', () => {
    assert.deepEqual(matchedPaths(resolveSource(index, '[^a[]*.txt')), ['b.txt']);
  });

  it('class matching a slash', () => {
    // Go's filepath.Match lets a class match `/`, and BuildKit matches whole relative paths.
    assert.deepEqual(matchedPaths(resolveSource(index, 'src[^x]app.js')), ['src/app.js']);
  });

  it('escaped wildcard', () => {
    assert.deepEqual(matchedPaths(resolveSource(index, '\\[x\\]*.txt')), ['[x]1.txt', '[x]2.txt']);
  });

  it('escape without a wildcard is literal', () => {
    // Without an unescaped wildcard BuildKit looks the path up as written, backslash included.
    const resolution = resolveSource(index, 'a\\*b');
    assert.deepEqual(resolution.matches, []);
    assert.match(resolution.problem ?? '', /was not found/);
    assert.deepEqual(matchedPaths(resolveSource(index, 'a[*]b')), ['a*b']);
  });

  it('wildcard matching nothing', () => {
    assert.deepEqual(resolveSource(index, '*.go'), { matches: [] });
    assert.deepEqual(resolveSource(index, 'nope/*.js'), { matches: [] });
  });

  it('malformed wildcard', () => {
    const resolution = resolveSource(index, 'a[');
    assert.deepEqual(resolution.matches, []);
    assert.match(resolution.problem ?? '', /^The source "a\[" is not a valid wildcard pattern/);
  });

  it('symlink source followed', () => {
    const [match] = resolveSource(index, 'link').matches;
    assert.equal(match?.path, 'link');
    assert.equal(match?.file.path, 'src/app.js');
    assert.equal(match?.file.type, 'file');
    assert.equal(match?.followedLink, 'src/app.js');
  });

  it('symlink chain followed', () => {
    assert.equal(resolveSource(index, 'link-chain').matches[0]?.file.path, 'src/app.js');
  });

  it('symlink directory segment', () => {
    const [match] = resolveSource(index, 'link-dir/lib/util.js').matches;
    assert.equal(match?.path, 'link-dir/lib/util.js');
    assert.equal(match?.file.path, 'src/lib/util.js');
  });

  it('absolute and escaping link targets', () => {
    assert.equal(resolveSource(index, 'link-abs').matches[0]?.file.path, 'src/app.js');
    assert.equal(resolveSource(index, 'link-up').matches[0]?.file.path, 'src/app.js');
  });

  it('wildcard matching a symlink', () => {
    const resolution = resolveSource(index, 'link-[ac]*');
    assert.deepEqual(matchedPaths(resolution), ['link-abs', 'link-chain']);
    assert.deepEqual(resolution.matches.map((match) => match.file.path), ['src/app.js', 'src/app.js']);
  });

  it('symlink loop', () => {
    const resolution = resolveSource(index, 'loop-a');
    assert.deepEqual(resolution.matches, []);
    assert.match(resolution.problem ?? '', /loop of symbolic links/);
  });

  it('dangling symlink', () => {
    const resolution = resolveSource(index, 'dangling');
    assert.deepEqual(resolution.matches, []);
    assert.match(resolution.problem ?? '', /\("dangling" -> "missing.txt"\) whose target is not in the build context/);
  });

  it('symlink to an excluded file', () => {
    assert.match(resolveSource(index, 'to-secret').problem ?? '', /whose target is not in the build context/);
  });
});
