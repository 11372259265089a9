import * as assert from 'node:assert/strict';
import { describeSpec, isImageSpec, isInsideFolders, parseImageSpec } from '../../../src/extension/image/imageSpec';

describe('parseImageSpec', () => {
  it('engine name', () => {
    assert.deepEqual(parseImageSpec('docker://busybox:latest'), { kind: 'engine', name: 'busybox:latest' });
  });

  it('absolute path is normalised', () => {
    assert.deepEqual(parseImageSpec('/tmp/images/../app.tar'), { kind: 'path', path: '/tmp/app.tar' });
  });

  it('relative path is rejected', () => {
    assert.deepEqual(parseImageSpec('app.tar'), { error: 'The image path app.tar is relative: pass an absolute path.' });
  });

  it('empty engine name is rejected', () => {
    assert.deepEqual(parseImageSpec('docker://'), { error: 'docker:// names no image: write docker://NAME, such as docker://busybox:latest.' });
  });

  it('non-string is rejected', () => {
    assert.ok('error' in (parseImageSpec(42) as object));
    assert.ok('error' in (parseImageSpec('  ') as object));
  });
});

describe('isImageSpec', () => {
  it('stored values', () => {
    assert.equal(isImageSpec({ kind: 'path', path: '/a.tar' }), true);
    assert.equal(isImageSpec({ kind: 'engine', name: 'x' }), true);
    assert.equal(isImageSpec({ kind: 'path', path: 'a.tar' }), false);
    assert.equal(isImageSpec({ kind: 'engine', name: '' }), false);
    assert.equal(isImageSpec('docker://x'), false);
    assert.equal(isImageSpec(null), false);
  });
});

describe('describeSpec', () => {
  it('path and engine', () => {
    assert.equal(describeSpec({ kind: 'path', path: '/a.tar' }), '/a.tar');
    assert.equal(describeSpec({ kind: 'engine', name: 'app:1' }), 'docker://app:1');
  });
});

describe('isInsideFolders', () => {
  it('inside, equal and outside', () => {
    assert.equal(isInsideFolders('/work/app/image.tar', ['/work/app']), true);
    assert.equal(isInsideFolders('/work/app', ['/work/app']), true);
    assert.equal(isInsideFolders('/work/application/image.tar', ['/work/app']), false);
    assert.equal(isInsideFolders('/tmp/image.tar', ['/work/app', '/work/other']), false);
    assert.equal(isInsideFolders('/tmp/image.tar', []), false);
  });
});
