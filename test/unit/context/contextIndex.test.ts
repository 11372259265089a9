import { strict as assert } from 'node:assert';
import { ContextIndex, compareNames, normalizeContextPath } from '../../../src/core/context/contextIndex';
import type { ContextFile } from '../../../src/core/context/types';

function entry(path: string, type: ContextFile['type'] = 'file'): ContextFile {
  return { path, type, size: 0, mode: 0o644, uid: 0, gid: 0 };
}

describe('ContextIndex', () => {
  function sampleIndex(): ContextIndex {
    const index = new ContextIndex('/ctx');
    // Out of order on purpose: a walk adds a recreated directory after its contents.
    for (const path of ['b/y', 'b/x/2', 'b/x', 'b/x/1', 'a', 'b', 'c']) {
      index.add(entry(path, path === 'b' || path === 'b/x' ? 'directory' : 'file'));
    }
    index.add(entry('', 'directory'));
    return index;
  }

  it('children in name order', () => {
    const index = sampleIndex();
    assert.deepEqual(index.children('').map((file) => file.path), ['a', 'b', 'c']);
    assert.deepEqual(index.children('b').map((file) => file.path), ['b/x', 'b/y']);
    assert.deepEqual(index.children('./b/').map((file) => file.path), ['b/x', 'b/y']);
    assert.deepEqual(index.children('a'), []);
    assert.deepEqual(index.children('missing'), []);
  });

  it('descendants depth first', () => {
    const index = sampleIndex();
    assert.deepEqual(index.descendants('.').map((file) => file.path), ['a', 'b', 'b/x', 'b/x/1', 'b/x/2', 'b/y', 'c']);
    assert.deepEqual(index.descendants('b').map((file) => file.path), ['b/x', 'b/x/1', 'b/x/2', 'b/y']);
  });

  it('get and size', () => {
    const index = sampleIndex();
    assert.equal(index.size, 8);
    assert.equal(index.get('')?.type, 'directory');
    assert.equal(index.get('.')?.type, 'directory');
    assert.equal(index.get('b/x/1')?.path, 'b/x/1');
    assert.equal(index.get('/b//x/./1')?.path, 'b/x/1');
    assert.equal(index.get('b/z'), undefined);
  });

  it('adding a path again replaces it', () => {
    const index = sampleIndex();
    index.add({ ...entry('a'), size: 7 });
    assert.equal(index.size, 8);
    assert.equal(index.get('a')?.size, 7);
    assert.deepEqual(index.children('').map((file) => file.path), ['a', 'b', 'c']);
  });

  it('children in code point order, added in any order', () => {
    // Names that share a prefix, one that is a prefix of another, and U+FF21 against an astral
    // character, which UTF-16 order would put first. Adds alternate between two folders.
    const names = ['\u{1F600}', 'ab', 'a', '\uFF21', 'abc', 'B', 'a.b', 'b'];
    const index = new ContextIndex('/ctx');
    for (const name of names) {
      index.add(entry(`x/${name}`));
      index.add(entry(`y/y/${name}`));
      index.add(entry(name));
    }
    const expected = [...names].sort(compareNames);
    assert.deepEqual(expected, ['B', 'a', 'a.b', 'ab', 'abc', 'b', '\uFF21', '\u{1F600}']);
    assert.deepEqual(index.children('x').map((file) => file.path), expected.map((name) => `x/${name}`));
    assert.deepEqual(index.children('y/y').map((file) => file.path), expected.map((name) => `y/y/${name}`));
    assert.deepEqual(index.children('').map((file) => file.path), expected);
  });

  it('holds 100,000 entries', () => {
    const index = new ContextIndex('/ctx');
    index.add(entry('', 'directory'));
    for (let d = 0; d < 100; d++) {
      index.add(entry(`d${d}`, 'directory'));
      for (let f = 0; f < 1000; f++) index.add(entry(`d${d}/f${f}`));
    }
    assert.equal(index.size, 100_101);
    assert.equal(index.children('d7').length, 1000);
    assert.equal(index.descendants('').length, 100_100);
  });
});

describe('normalizeContextPath', () => {
  const cases: [string, string][] = [
    ['', ''],
    ['.', ''],
    ['/', ''],
    ['./', ''],
    ['a/b', 'a/b'],
    ['./a/b/', 'a/b'],
    ['/a//b', 'a/b'],
    ['a/./b', 'a/b'],
    ['a/../b', 'b'],
    ['../../a', 'a'],
    ['..a/b.', '..a/b.'],
  ];
  for (const [input, expected] of cases) {
    it(`"${input}"`, () => {
      assert.equal(normalizeContextPath(input), expected);
    });
  }
});

describe('compareNames', () => {
  it('code point order', () => {
    const names = ['b', 'a', '\u{1F600}', '\uFF21', 'ab', 'B'];
    assert.deepEqual([...names].sort(compareNames), ['B', 'a', 'ab', 'b', '\uFF21', '\u{1F600}']);
  });
});
