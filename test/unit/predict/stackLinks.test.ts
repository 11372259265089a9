import * as assert from 'node:assert/strict';
import type { WriteEntry } from '../../../src/core/model/layer';
import { LayerStack } from '../../../src/core/model/stack';
import { StackLinks } from '../../../src/core/predict/stackLinks';

function dir(path: string): WriteEntry {
  return { op: 'write', path, type: 'directory', size: 0, mode: 0o755, uid: 0, gid: 0, certainty: 'exact' };
}

function link(path: string, linkTarget: string): WriteEntry {
  return { op: 'write', path, type: 'symlink', size: 0, mode: 0o777, uid: 0, gid: 0, certainty: 'exact', linkTarget };
}

function linksOf(...entries: WriteEntry[]): StackLinks {
  const stack = new LayerStack();
  stack.push({ entries, certainty: 'exact' });
  return new StackLinks(stack);
}

describe('StackLinks.resolveParents', () => {
  it('files of a plain folder keep their paths', () => {
    const links = linksOf(dir('/app'), dir('/app/src'));
    const paths = ['/app/src/a.ts', '/app/src/b.ts', '/app/c.ts', '/app/src/d.ts', '/e'];
    assert.deepEqual(paths.map((path) => links.resolveParents(path)), paths);
  });

  it('files of a linked folder after a plain one', () => {
    const links = linksOf(dir('/app'), dir('/real'), link('/app/lib', '../real'));
    assert.equal(links.resolveParents('/app/a'), '/app/a');
    assert.equal(links.resolveParents('/app/lib/b'), '/real/b');
    assert.equal(links.resolveParents('/app/lib/c'), '/real/c');
    assert.equal(links.resolveParents('/app/d'), '/app/d');
  });

  it('dot names and trailing slashes are normalised', () => {
    const links = linksOf(dir('/app'));
    assert.equal(links.resolveParents('/app/x'), '/app/x');
    assert.equal(links.resolveParents('/app/.'), '/app');
    assert.equal(links.resolveParents('/app/..'), '/');
    assert.equal(links.resolveParents('/app/'), '/app');
    assert.equal(links.resolveParents('/app/.x'), '/app/.x');
    assert.equal(links.resolveParents('/app/..x'), '/app/..x');
  });

  it('a symlink loop stays as it is', () => {
    const links = linksOf(link('/a', '/b'), link('/b', '/a'));
    assert.equal(links.resolveParents('/a/f'), '/a/f');
    assert.equal(links.resolveParents('/a/g'), '/a/g');
  });
});
