import * as assert from 'node:assert/strict';
import { PathTree, type NodeId } from '../../../src/core/model/pathTree';
import { pathSegments } from '../../../src/core/model/paths';
import { heapBytesPerItem } from '../heapUse';
import { fileEntry } from './stackHelpers';

/** Lists the names from the root down to `node`, the root left out. */
function namesTo(tree: PathTree, node: NodeId): string[] {
  const names: string[] = [];
  for (let current = node; tree.parent(current) !== undefined; current = tree.parent(current) as NodeId) names.unshift(tree.name(current));
  return names;
}

describe('PathTree.node', () => {
  for (const path of ['/', '/a', '/a/b/c', '/a/', '/a//b', '', 'a/b', '/usr/lib/x.so']) {
    it(`segments of ${JSON.stringify(path)}`, () => {
      const tree = new PathTree();
      assert.equal(tree.node(path), path === '/' ? tree.root : undefined);
      const created = tree.node(path, true);
      assert.deepEqual(namesTo(tree, created), pathSegments(path));
      assert.equal(tree.node(path), created);
    });
  }
});

describe('PathTree links', () => {
  it('children and whiteouts of one node', () => {
    const tree = new PathTree();
    const folder = tree.node('/etc', true);
    tree.addWhiteout(folder, 1);
    const file = tree.node('/etc/passwd', true);
    tree.addWhiteout(folder, 3);
    assert.deepEqual(tree.children(folder), [file]);
    assert.equal(tree.name(file), 'passwd');
    assert.deepEqual(tree.whiteouts(folder), [1, 3]);

    tree.dropWhiteoutsFrom(folder, 2);
    assert.deepEqual(tree.whiteouts(folder), [1]);
    tree.dropWhiteoutsFrom(folder, 0);
    assert.deepEqual(tree.whiteouts(folder), []);
    assert.equal(tree.node('/etc/passwd'), file);

    const group = tree.node('/etc/group', true);
    tree.addWhiteout(folder, 4);
    assert.deepEqual(new Set(tree.children(folder)), new Set([file, group]));
    assert.deepEqual(tree.whiteouts(folder), [4]);
    assert.equal(tree.hasChildren(file), false);
    assert.deepEqual(tree.whiteouts(file), []);
  });

  it('names of every kind of character', () => {
    const names = ['f0.dat', 'caf\u00e9', '\u6587\u4ef6', 'party-\u{1f389}', 'broken-\ud800', 'tab\there\u0000nul', '\u00ff\u0100'];
    const tree = new PathTree();
    const nodes = names.map((name) => tree.node(`/d/${name}`, true));
    // A name that differs only past Latin-1 is another node.
    tree.node('/d/\u00ff\u0101', true);
    for (const [index, name] of names.entries()) {
      assert.equal(tree.name(nodes[index]), name);
      assert.equal(tree.node(`/d/${name}`), nodes[index]);
      assert.equal(tree.path(nodes[index]), `/d/${name}`);
    }
    assert.equal(tree.children(tree.node('/d') as NodeId).length, names.length + 1);
  });

  it('compares names as strings compare', () => {
    const names = ['b', 'a', 'ab', 'a\u00ff', 'a\u0100', '\u6587', 'B', '', 'a\ud800', '\u{1f389}', 'aa'];
    const tree = new PathTree();
    const nodes = names.map((name) => tree.node(`/d/${name}`, true));
    const byTree = [...nodes].sort((a, b) => tree.compareNames(a, b)).map((node) => tree.name(node));
    assert.deepEqual(byTree, [...names].sort());
  });

  it('finds every node after the columns grow', () => {
    const tree = new PathTree();
    // More nodes than one chunk of versions and than the first columns.
    const count = 20000;
    const nodes = Array.from({ length: count }, (_, index) => tree.node(`/a${index % 7}/f${index}`, true));
    for (const [index, node] of nodes.entries()) tree.addVersion(node, { layer: index, entry: fileEntry(`/f${index}`, 1) });
    for (let index = 0; index < count; index++) {
      const node = tree.node(`/a${index % 7}/f${index}`);
      assert.equal(node, nodes[index]);
      assert.equal(tree.path(nodes[index]), `/a${index % 7}/f${index}`);
      assert.deepEqual(tree.versions(nodes[index]).map((version) => version.layer), [index]);
    }
    assert.equal(tree.node('/a0/f1'), undefined);
  });

  // An image of 200,000 files keeps a node per path for as long as it is shown. As an object with
  // a child map and a name string, a node took about 120 bytes of heap on the bench image. Here a
  // node takes about 51 bytes, of which up to half is room that the doubling columns keep free.
  it('holds 56 bytes a node with its name', () => {
    const count = 200000;
    const tree = new PathTree();
    const perNode = heapBytesPerItem(
      count,
      () => {
        for (let index = 0; index < count; index++) tree.node(`/usr/share/f${index % 1000}/n${index}.dat`, true);
        return tree;
      },
      { arrayBuffers: true },
    );
    assert.ok(perNode < 56, `a node holds ${Math.round(perNode)} bytes`);
  });
});
