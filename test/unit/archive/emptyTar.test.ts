import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { readTarEntries } from '../../../src/core/archive/tarEntries';
import { readImage } from '../../../src/core/image/readImage';
import { dockerArchive, plainLayer } from '../image/imageBuilder';

/** Reads `chunks` as one tar and returns the names of its entries. */
async function namesIn(chunks: Buffer[]): Promise<string[]> {
  const names: string[] = [];
  await readTarEntries(Readable.from(chunks), (entry) => {
    names.push(entry.path);
    entry.resume();
  }, { label: 'layer.tar' });
  return names;
}

// What Go's archive/tar writes for an archive without entries: the two zero blocks that end a
// tar. Docker and buildah store such a layer for a step that changed nothing.
const emptyLayer = Buffer.alloc(1024);

describe('tar without entries', () => {
  it('zero blocks read as empty', async () => {
    assert.deepEqual(await namesIn([emptyLayer]), []);
  });

  it('zero bytes read as empty', async () => {
    assert.deepEqual(await namesIn([Buffer.alloc(0)]), []);
  });

  it('zero blocks split across chunks', async () => {
    assert.deepEqual(await namesIn([Buffer.alloc(512), Buffer.alloc(300), Buffer.alloc(212)]), []);
  });

  it('zeros then other bytes rejected', async () => {
    const input = Buffer.concat([Buffer.alloc(1024), Buffer.from('not a header'), Buffer.alloc(500)]);
    await assert.rejects(namesIn([input]), /layer\.tar is not a tar archive/);
  });

  it('garbage header named invalid', async () => {
    const header = Buffer.alloc(512, 0x41);
    // A size field in base-256 form (high bit set) whose value overflows.
    header[124] = 0xff;
    await assert.rejects(namesIn([header, Buffer.alloc(1024)]), /layer\.tar is not a tar archive/);
  });

  it('image with an empty layer reads', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'layer-lens-empty-layer-'));
    try {
      const path = join(folder, 'image.tar');
      const files = plainLayer([{ name: 'app/', type: '5' }, { name: 'app/a.txt', body: 'a\n' }]);
      writeFileSync(path, dockerArchive([files, { blob: emptyLayer, tar: emptyLayer }]));
      const image = await readImage({ kind: 'path', path });
      assert.equal(image.layers.length, 2);
      assert.deepEqual(image.layers[1].layer.entries, []);
      assert.equal(image.layers[1].tarBytes, 1024);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
