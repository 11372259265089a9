/** Tests of the packed layer tar write: digests kept in shared blocks and raw names rebuilt. */
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { TarLayerShared, TarWrite } from '../../../src/core/image/tarWrite';

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
    write.placeIn({
      get path() {
        reads++;
        return '/a/b';
      },
    });
    assert.equal(write.path, '/a/b');
    assert.deepEqual(write.origin, { kind: 'layer-tar', name: './a/b' });
    assert.equal(reads, 2);
  });
});
