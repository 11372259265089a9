import * as assert from 'node:assert/strict';
import { PathNode, PathTree } from '../../../src/core/model/pathTree';
import { pathSegments } from '../../../src/core/model/paths';
import { heapBytesPerItem } from '../heapUse';

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

describe('PathNode links', () => {
  it('children and whiteouts of one node', () => {
    const tree = new PathTree();
    const folder = tree.node('/etc', true);
    folder.addWhiteout(1);
    const file = tree.node('/etc/passwd', true);
    folder.addWhiteout(3);
    assert.deepEqual([...folder.children.keys()], ['passwd']);
    assert.equal(folder.children.get('passwd'), file);
    assert.deepEqual(folder.whiteouts, [1, 3]);

    folder.dropWhiteoutsFrom(2);
    assert.deepEqual(folder.whiteouts, [1]);
    folder.dropWhiteoutsFrom(0);
    assert.deepEqual(folder.whiteouts, []);
    assert.equal(tree.node('/etc/passwd'), file);

    tree.node('/etc/group', true);
    folder.addWhiteout(4);
    assert.deepEqual([...folder.children.keys()], ['passwd', 'group']);
    assert.deepEqual(folder.whiteouts, [4]);
    assert.equal(file.children.size, 0);
    assert.deepEqual(file.whiteouts, []);
  });

  // An image of 200,000 files keeps a node per path for as long as it is shown. The children and
  // whiteouts share one field. With a field each, a node took 64 bytes.
  it('holds 56 bytes a node', () => {
    const count = 200000;
    const parent = new PathTree().root;
    const perNode = heapBytesPerItem(count, () => Array.from({ length: count }, () => new PathNode('name', parent)));
    // Each node also takes a slot of 8 bytes in the array that keeps it.
    assert.ok(perNode - 8 < 60, `a node holds ${Math.round(perNode - 8)} bytes`);
  });
});
