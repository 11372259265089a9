import { strict as assert } from 'node:assert';
import fs, { mkdtempSync, readFileSync, rmSync, type PathLike } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extract } from 'tar';
import { readImage } from '../../../src/core/image/readImage';
import { readLayerFile, type LayerFile } from '../../../src/core/image/layerFile';
import { isBinary, renderLayerFile } from '../../../src/core/image/layerFileText';
import { readMembers } from './specLayouts';

const fixtures = join(__dirname, '../../fixtures/images');
const realLayers = join(fixtures, 'real-layers');
const recreate = { kind: 'path' as const, path: join(fixtures, '16-rm-rf-recreate.docker-overlay2.tar') };

// Image layers of real-layers: 0 busybox, 1 COPY app/, 2 RUN chmod, 3 RUN ln, 4 RUN rm.
const archives = ['real-layers.docker-overlay2.tar', 'real-layers.buildah.oci.tar', 'real-layers.buildah.docker.tar', 'real-layers.zstd.oci.tar'];

function bytesOf(file: LayerFile): Buffer {
  assert.equal(file.kind, 'file');
  return file.kind === 'file' ? file.bytes : Buffer.alloc(0);
}

describe('readLayerFile', () => {
  for (const archive of archives) {
    const source = { kind: 'path' as const, path: join(realLayers, archive) };

    it(`copied file in ${archive}`, async () => {
      const file = await readLayerFile(source, 1, '/app/secret.txt');
      assert.deepEqual(bytesOf(file), readFileSync(join(realLayers, 'app/secret.txt')));
    });

    it(`hard link in ${archive}`, async () => {
      const file = await readLayerFile(source, 3, '/app/hard.txt');
      assert.deepEqual(bytesOf(file), Buffer.from('linked\n'));
      assert.equal(file.kind === 'file' ? file.entryPath : '', '/app/file.txt');
    });

    it(`symlink in ${archive}`, async () => {
      assert.deepEqual(await readLayerFile(source, 3, '/app/soft'), { kind: 'symlink', target: 'file.txt' });
    });

    it(`whiteout in ${archive}`, async () => {
      await assert.rejects(readLayerFile(source, 4, '/app/old.txt'), /layer 4 .*this layer deletes \/app\/old\.txt/);
    });
  }

  it('shadowed version from a lower layer', async () => {
    assert.deepEqual(bytesOf(await readLayerFile(recreate, 1, '/data/a.txt')), Buffer.from('a\n'));
    assert.deepEqual(bytesOf(await readLayerFile(recreate, 2, 'data/a.txt')), Buffer.from('again\n'));
  });

  it('layer by diff ID', async () => {
    const diffId = 'sha256:0ce5c76131597b270258ed9d6917c664f482ac64f2a1356f2a889d25c525a918';
    assert.deepEqual(bytesOf(await readLayerFile(recreate, diffId, '/data/a.txt')), Buffer.from('again\n'));
  });

  it('OCI layout folder', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'layer-file-'));
    try {
      await extract({ file: join(realLayers, 'real-layers.buildah.oci.tar'), cwd: folder });
      const file = await readLayerFile({ kind: 'path', path: folder }, 3, '/app/hard.txt');
      assert.deepEqual(bytesOf(file), Buffer.from('linked\n'));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('missing source', async () => {
    const missing = join(fixtures, 'no-such-layout');
    await assert.rejects(readLayerFile({ kind: 'path', path: missing }, 0, '/a'), /no-such-layout cannot be read/);
  });

  it('missing path', async () => {
    await assert.rejects(readLayerFile(recreate, 2, '/data/none.txt'), /layer 2 \(sha256:0ce5c761.*\) does not contain \/data\/none\.txt; a lower layer may provide it\./);
  });

  it('directory', async () => {
    await assert.rejects(readLayerFile(recreate, 1, '/data'), /\/data is a directory, not a file\./);
  });

  it('too large for the limit', async () => {
    await assert.rejects(readLayerFile(recreate, 1, '/data/b.txt', { maxBytes: 1000 }), /\/data\/b\.txt is 1020 bytes, more than the 1000-byte limit/);
    assert.equal(bytesOf(await readLayerFile(recreate, 1, '/data/b.txt', { maxBytes: 1020 })).length, 1020);
  });

  it('no such layer', async () => {
    await assert.rejects(readLayerFile(recreate, 4, '/data/a.txt'), /has no layer 4: it has 4 layers\./);
    await assert.rejects(readLayerFile(recreate, 'sha256:00', '/data/a.txt'), /has no layer sha256:00: it has 4 layers, and none with that diff ID\./);
  });

  it('engine image', async () => {
    await assert.rejects(readLayerFile({ kind: 'engine', name: 'busybox' }, 0, '/bin/sh'), /save the image with `docker save/);
  });

  it('cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(readLayerFile(recreate, 1, '/data/a.txt', { signal: controller.signal }), { name: 'AbortError' });
  });

  it('plain archive read at the layer offset', async () => {
    const path = join(realLayers, 'real-layers.docker-overlay2.tar');
    const member = (await readImage({ kind: 'path', path })).layers[4].member;
    const size = (readMembers(path).get(member) as Buffer).length;
    const opened: Array<{ start?: number; end?: number }> = [];
    const original = fs.createReadStream;
    fs.createReadStream = ((file: PathLike, options?: { start?: number; end?: number }) => {
      if (file === path) opened.push({ start: options?.start, end: options?.end });
      return original(file, options);
    }) as typeof fs.createReadStream;
    try {
      await assert.rejects(readLayerFile({ kind: 'path', path }, 4, '/app/old.txt'), /this layer deletes/);
    } finally {
      fs.createReadStream = original;
    }
    assert.equal(opened.length, 1);
    assert.ok((opened[0].start ?? 0) > 0, `read from ${opened[0].start}`);
    assert.equal((opened[0].end ?? 0) - (opened[0].start ?? 0) + 1, size);
  });
});

describe('renderLayerFile', () => {
  it('text file', () => {
    assert.equal(renderLayerFile({ kind: 'file', bytes: Buffer.from('hi\n'), entryPath: '/a' }, '/a'), 'hi\n');
  });

  it('symlink', () => {
    assert.equal(renderLayerFile({ kind: 'symlink', target: 'busybox' }, '/bin/sh'), '/bin/sh is a symbolic link to busybox\n');
  });

  it('binary file from a layer', async () => {
    const file = await readLayerFile({ kind: 'path', path: join(realLayers, 'real-layers.docker-overlay2.tar') }, 0, '/bin/busybox');
    assert.ok(isBinary(bytesOf(file)));
    const lines = renderLayerFile(file, '/bin/busybox').split('\n');
    assert.equal(lines[0], '/bin/busybox is a binary file of 1982256 bytes. Its first 256 bytes:');
    assert.equal(lines[2], '00000000  7f 45 4c 46 02 01 01 03  00 00 00 00 00 00 00 00  |.ELF............|');
    assert.equal(lines.length, 2 + 16 + 1);
  });

  it('invalid UTF-8', () => {
    assert.ok(isBinary(Buffer.from([0x61, 0xff, 0x62])));
    assert.ok(!isBinary(Buffer.from('grüße\n')));
  });
});
