/**
 * Formats that no tool on this machine writes, built by `specLayouts.ts` from their
 * specifications: the Engine 25+ `docker save` layout (from the real-layers archive that Engine
 * 20.10 saved) and eStargz layers.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { readImage } from '../../../src/core/image/readImage';
import { stackImage } from '../../../src/core/image/stackImage';
import type { ImageData } from '../../../src/core/image/types';
import { sha256 } from './imageBuilder';
import { dockerOverlayRows, realLayersHistory } from './realBuildersExpected';
import { engine25Archive, ESTARGZ_FOOTER_SIZE, estargzLayer, type EstargzLayer } from './specLayouts';

const legacyArchive = join(__dirname, '../../fixtures/images/real-layers/real-layers.docker-overlay2.tar');

/** Renders a stack layer's entries as `change type size path [-> target] [opaque]`, in path order. */
function rowsOf(image: ImageData, index: number): string[] {
  const { stack } = stackImage(image);
  return stack.layers[index].entries
    .map(({ entry, change }) => {
      const version = entry.op === 'write' ? entry : stack.lookup(entry.path, index - 1)?.entry;
      let row = `${change} ${version?.type ?? '?'} ${version?.size ?? '?'} ${entry.path}`;
      if (entry.op === 'write' && entry.linkTarget !== undefined) row += ` -> ${entry.linkTarget}`;
      if (entry.op === 'write' && entry.opaque) row += ' opaque';
      return { path: entry.path, row };
    })
    .sort((a, b) => (a.path < b.path ? -1 : 1))
    .map((item) => item.row);
}

function assertRealLayers(image: ImageData): void {
  assert.deepEqual(image.problems, []);
  assert.deepEqual(image.steps.map((step) => step.history.emptyLayer), realLayersHistory.emptyLayer);
  for (const [index, rows] of Object.entries(dockerOverlayRows)) {
    assert.deepEqual(rowsOf(image, Number(index)), rows, `history entry ${index}`);
  }
}

describe('Engine 25 save layout', () => {
  let folder: string;
  let legacy: ImageData;
  before(async () => {
    legacy = await readImage({ kind: 'path', path: legacyArchive });
  });
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'layer-lens-engine25-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('classic store archive', async () => {
    const path = join(folder, 'saved.tar');
    writeFileSync(path, engine25Archive(legacyArchive));
    const image = await readImage({ kind: 'path', path });
    const diffIds = legacy.layers.map((layer) => layer.diffId);
    assert.equal(image.format, 'docker-archive');
    assert.equal(image.reference, 'real-layers:docker');
    assert.deepEqual(image.layers.map((layer) => layer.diffId), diffIds);
    assert.deepEqual(image.layers.map((layer) => layer.blobDigest), diffIds);
    assert.deepEqual(image.layers.map((layer) => layer.member), diffIds.map((digest) => `blobs/sha256/${digest.slice(7)}`));
    assert.deepEqual(image.layers.map((layer) => layer.compression), Array(5).fill('none'));
    assertRealLayers(image);
  });

  it('containerd store archive', async () => {
    const path = join(folder, 'saved.tar');
    writeFileSync(path, engine25Archive(legacyArchive, { containerdStore: true }));
    const image = await readImage({ kind: 'path', path });
    assert.deepEqual(image.layers.map((layer) => layer.diffId), legacy.layers.map((layer) => layer.diffId));
    assert.deepEqual(image.layers.map((layer) => layer.compression), Array(5).fill('gzip'));
    for (const layer of image.layers) assert.notEqual(layer.blobDigest, layer.diffId);
    assertRealLayers(image);
  });

  it('engine stream', async () => {
    const archive = engine25Archive(legacyArchive);
    const image = await readImage({ kind: 'stream', stream: Readable.from([archive]), label: 'docker://real-layers:docker' });
    assert.equal(image.source, 'docker://real-layers:docker');
    assertRealLayers(image);
  });

  it('corrupt layer blob', async () => {
    const archive = engine25Archive(legacyArchive);
    const target = `blobs/sha256/${legacy.layers[3].diffId.slice(7)}`;
    // `echo linked` wrote "linked\n" into /app/file.txt; change one byte of it in place.
    const at = archive.indexOf('linked\n');
    assert.ok(at > 0);
    archive[at] = 'L'.charCodeAt(0);
    const path = join(folder, 'saved.tar');
    writeFileSync(path, archive);
    await assert.rejects(readImage({ kind: 'path', path }), (error: Error) => {
      assert.match(error.message, new RegExp(`^${path}: layer ${target} is corrupt: its blob has digest sha256:[0-9a-f]{64}, expected ${legacy.layers[3].diffId}\\.$`));
      return true;
    });
  });
});

describe('eStargz layer', () => {
  let folder: string;
  let layer: EstargzLayer;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'layer-lens-estargz-'));
    layer = estargzLayer([
      { name: 'app/', type: 'dir', mode: 0o755 },
      { name: 'app/cache/', type: 'dir', mode: 0o755 },
      { name: 'app/cache/a.txt', type: 'reg', body: 'cached a\n', mode: 0o644 },
      { name: 'app/empty.txt', type: 'reg', mode: 0o644 },
      { name: 'app/secret.txt', type: 'reg', body: 'top secret\n', mode: 0o600 },
      { name: 'app/soft', type: 'symlink', linkName: 'secret.txt', mode: 0o777 },
    ]);
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  /** Writes an OCI layout whose only layer is the eStargz blob, with its TOC digest annotation. */
  function writeLayout(): void {
    const blobs = join(folder, 'blobs/sha256');
    mkdirSync(blobs, { recursive: true });
    const put = (bytes: Buffer | string) => {
      const digest = sha256(bytes);
      writeFileSync(join(blobs, digest.slice(7)), bytes);
      return { digest, size: Buffer.byteLength(bytes) };
    };
    const config = put(JSON.stringify({
      architecture: 'amd64', os: 'linux',
      rootfs: { type: 'layers', diff_ids: [sha256(layer.tar)] },
      history: [{ created_by: '/bin/sh -c #(nop) COPY dir:0123 in /app/ ' }],
    }));
    const manifest = put(JSON.stringify({
      schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
      layers: [{
        mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...put(layer.blob),
        annotations: { 'containerd.io/snapshot/stargz/toc.digest': sha256(layer.toc) },
      }],
    }));
    writeFileSync(join(folder, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
    writeFileSync(join(folder, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest }] }));
  }

  it('footer names the TOC', () => {
    const footer = layer.blob.subarray(layer.blob.length - ESTARGZ_FOOTER_SIZE);
    assert.equal(footer.subarray(16, 38).toString('ascii'), layer.tocOffset.toString(16).padStart(16, '0') + 'STARGZ');
    const tocMember = gunzipSync(layer.blob.subarray(layer.tocOffset, layer.blob.length - ESTARGZ_FOOTER_SIZE));
    assert.equal(tocMember.subarray(0, 17).toString('ascii'), 'stargz.index.json');
    assert.equal(gunzipSync(layer.blob).length, layer.tar.length);
  });

  it('reads as gzip', async () => {
    writeLayout();
    const image = await readImage({ kind: 'path', path: folder }, { platform: 'linux/amd64' });
    assert.equal(image.format, 'oci-layout');
    assert.deepEqual(image.problems, []);
    assert.equal(image.layers[0].compression, 'gzip');
    assert.equal(image.layers[0].diffId, sha256(layer.tar));
    assert.equal(image.layers[0].blobDigest, sha256(layer.blob));
    // An eStargz-agnostic runtime unpacks the landmark and the TOC as ordinary files.
    assert.deepEqual(rowsOf(image, 0), [
      'added file 1 /.no.prefetch.landmark',
      'added directory 0 /app',
      'added directory 0 /app/cache',
      'added file 9 /app/cache/a.txt',
      'added file 0 /app/empty.txt',
      'added file 11 /app/secret.txt',
      'added symlink 0 /app/soft -> secret.txt',
      `added file ${layer.toc.length} /stargz.index.json`,
    ]);
  });
});
