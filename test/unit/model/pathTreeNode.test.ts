import * as assert from 'node:assert/strict';
import { PathTree, type PathNode } from '../../../src/core/model/pathTree';
import { pathSegments } from '../../../src/core/model/paths';

/** Lists the names from the root down to `node`, the root left out. */
function namesTo(node: PathNode): string[] {
  const names: string[] = [];
  for (let current: PathNode | undefined = node; current?.parent; current = current.parent) names.unshift(current.name);
  return names;
}

describe('PathTree.node', () => {
  for (const path of ['/', '/a', '/a/b/c', '/a/', '/a//b', '', 'a/b', '/usr/lib/x.so']) {
    it(`segments of ${JSON.stringify(path)}`, () => {
      const tree = new PathTree();
      assert.equal(tree.node(path), path === '/' ? tree.root : undefined);
      const created = tree.node(path, true);
      assert.deepEqual(namesTo(created), pathSegments(path));
      assert.equal(tree.node(path), created);
    });
  }
});
