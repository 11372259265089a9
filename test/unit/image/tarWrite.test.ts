/** Tests of the packed layer tar write: digests kept in shared blocks and raw names rebuilt. */
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { TarLayerShared, TarWrite } from '../../../src/core/image/tarWrite';
import { makeLayer } from '../../../src/core/model/layer';
import { LayerStack } from '../../../src/core/model/stack';
import { heapBytesPerItem } from '../heapUse';

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function fileWrite(shared: TarLayerShared, path: string, rawName = path.slice(1)): TarWrite {
  return new TarWrite(shared, path, 'file', 1, 0o644, 0, 0, rawName);
}

describe('TarWrite', () => {
  it('keeps digests across block boundaries', () => {
    const shared = new TarLayerShared();
    const writes = Array.from({ length: 5000 }, (_, index) => fileWrite(shared, `/f${index}`));
    // Digests arrive in another order than the writes were made, as bodies finish hashing.
    for (let index = writes.length - 1; index >= 0; index -= 2) writes[index].setDigest(sha256(`body ${index}`));
    for (const [index, write] of writes.entries()) {
      const expected = index % 2 === 1 ? sha256(`body ${index}`).toString('hex') : undefined;
      assert.equal(write.digest, expected, write.path);
    }
  });

  it('replaces a digest set twice', () => {
    const write = fileWrite(new TarLayerShared(), '/f');
    write.setDigest(sha256('first'));
    write.setDigest(sha256('second'));
    assert.equal(write.digest, sha256('second').toString('hex'));
  });

  it('keeps sizes, owners and link targets', () => {
    const shared = new TarLayerShared();
    const big = new TarWrite(shared, '/big', 'file', 2 ** 40 + 3, 0o600, 1000, 1001, 'big');
    const empty = new TarWrite(shared, '/empty', 'file', 0, 0o644, null, null, 'empty');
    const link = new TarWrite(shared, '/link', 'symlink', 0, 0o777, 1000, 1001, 'link');
    link.linkTarget = 'big';
    assert.deepEqual([big.size, big.uid, big.gid, big.mode, big.linkTarget], [2 ** 40 + 3, 1000, 1001, 0o600, undefined]);
    assert.deepEqual([empty.size, empty.uid, empty.gid, empty.digest], [0, null, null, undefined]);
    assert.deepEqual([link.size, link.uid, link.gid, link.type, link.linkTarget], [0, 1000, 1001, 'symlink', 'big']);

    // A digest set on an empty file takes a slot that keeps its size at 0.
    empty.setDigest(sha256(''));
    assert.deepEqual([empty.size, empty.digest], [0, sha256('').toString('hex')]);
    link.linkTarget = undefined;
    assert.equal(link.linkTarget, undefined);
  });

  it('rebuilds raw member names', () => {
    const shared = new TarLayerShared();
    const cases: Array<[string, string]> = [
      ['/etc/passwd', 'etc/passwd'],
      ['/etc/passwd', './etc/passwd'],
      ['/etc', 'etc/'],
      ['/etc', './etc/'],
      ['/etc/passwd', 'etc//passwd'],
      ['/etc/passwd', '/etc/passwd'],
    ];
    for (const [path, rawName] of cases) {
      const write = fileWrite(shared, path, rawName);
      assert.deepEqual(write.origin, { kind: 'layer-tar', name: rawName });
    }
  });

  it('reads its path from the placed node', () => {
    const write = fileWrite(new TarLayerShared(), '/a/b', './a/b');
    let reads = 0;
    const tree = {
      path(node: number) {
        reads++;
        return node === 7 ? '/a/b' : '/elsewhere';
      },
    };
    write.placeIn(tree, 7);
    assert.equal(write.path, '/a/b');
    assert.deepEqual(write.origin, { kind: 'layer-tar', name: './a/b' });
    assert.equal(reads, 2);
  });

  it('keeps the tree that placed its layer first', () => {
    const shared = new TarLayerShared();
    const first = fileWrite(shared, '/a/b');
    const second = fileWrite(shared, '/a/c');
    const firstTree = { path: (node: number) => (node === 1 ? '/a/b' : '/a/c') };
    // Another tree numbers its nodes otherwise, so its node 1 is another path.
    const otherTree = { path: (node: number) => (node === 1 ? '/other' : '/a/c') };
    first.placeIn(firstTree, 1);
    second.placeIn(otherTree, 1);
    assert.equal(first.path, '/a/b');
    assert.equal(second.path, '/a/c');
  });

  it('is its own classified entry when a stack that owns it adds it', () => {
    const shared = new TarLayerShared();
    const below = fileWrite(shared, '/kept');
    const added = new TarWrite(shared, '/etc', 'directory', 0, 0o755, 0, 0, 'etc/');
    const modified = fileWrite(shared, '/kept');
    const stack = new LayerStack({ placeWrites: true });
    stack.push(makeLayer([below]));
    const [etc, kept] = stack.push(makeLayer([added, modified])).entries;
    assert.equal(etc, added);
    assert.deepEqual([etc.entry, etc.change, etc.layer], [added, 'added', 1]);
    assert.equal(etc.entry.type, 'directory');
    assert.equal(etc.entry.mode, 0o755);
    // A modified path keeps an object of its own, which records the layer it shadows.
    assert.notEqual(kept, modified);
    assert.deepEqual([kept.change, kept.layer, kept.lowerLayer], ['modified', 1, 0]);
    assert.equal(stack.lookup('/etc'), added);
  });

  it('added above stack layer 126', () => {
    const shared = new TarLayerShared();
    const stack = new LayerStack({ placeWrites: true });
    for (let index = 0; index < 127; index++) stack.push(makeLayer([]));
    const write = fileWrite(shared, '/f');
    const [classified] = stack.push(makeLayer([write])).entries;
    // The write has no room for layer 127, so the stack makes an object of its own.
    assert.notEqual(classified, write);
    assert.deepEqual([classified.entry, classified.change, classified.layer], [write, 'added', 127]);
    assert.equal(write.layer, -1);
  });

  it('opaque flag and digest of one kind', () => {
    const shared = new TarLayerShared();
    const first = new TarWrite(shared, '/a', 'directory', 0, 0o755, 0, 0, 'a/');
    const second = new TarWrite(shared, '/b', 'directory', 0, 0o755, 0, 0, 'b/');
    first.opaque = true;
    assert.deepEqual([first.opaque, second.opaque], [true, undefined]);
    first.opaque = false;
    assert.equal(first.opaque, undefined);
    assert.deepEqual([first.type, first.mode, first.origin], ['directory', 0o755, { kind: 'layer-tar', name: 'a/' }]);

    const file = fileWrite(shared, '/c');
    const other = fileWrite(shared, '/d');
    file.setDigest(sha256('c'));
    assert.deepEqual([file.digest, other.digest], [sha256('c').toString('hex'), undefined]);
    assert.deepEqual([file.size, file.mode, file.uid, file.gid], [1, 0o644, 0, 0]);
  });

  it('leaves the writes alone in a stack that does not own them', () => {
    const write = fileWrite(new TarLayerShared(), '/f');
    const [classified] = new LayerStack().push(makeLayer([write])).entries;
    assert.notEqual(classified, write);
    assert.equal(write.layer, -1);
    assert.deepEqual([classified.entry, classified.change, classified.layer], [write, 'added', 0]);
  });

  // An image of 200,000 files keeps a write per path for as long as it is shown. With its kind
  // shared and its size beside its digest, a write takes 48 bytes. With fields of its own, it
  // took 88.
  it('holds 48 bytes a write', () => {
    const count = 200000;
    const shared = new TarLayerShared();
    // One path string for every write, so that only the writes count.
    const perWrite = heapBytesPerItem(count, () => Array.from({ length: count }, () => fileWrite(shared, '/f')));
    // Each write also takes a slot of 8 bytes in the array that keeps it.
    assert.ok(perWrite - 8 < 52, `a write holds ${Math.round(perWrite - 8)} bytes`);
  });
});
