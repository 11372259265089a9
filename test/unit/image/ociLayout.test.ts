import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { readImage } from '../../../src/core/image/readImage';
import { buildTar } from '../archive/tarBuilder';
import { sha256 } from './imageBuilder';

const zstdBlob = readFileSync(join(__dirname, '../../fixtures/images/zstd-layer.tar.zst'));
/** The tar inside the zstd blob, kept beside it so the diff ID is computed independently. */
const zstdDiffId = sha256(readFileSync(join(__dirname, '../../fixtures/images/zstd-layer.tar')));
const gzipTar = buildTar([{ name: 'g', type: '5' }, { name: 'g/gzip.txt', body: 'gzip layer\n' }]);

/** Writes an OCI layout (from the OCI image layout specification) into `root`. */
function writeLayout(root: string, options: { corrupt?: boolean } = {}): Record<string, string> {
  const blobs = join(root, 'blobs/sha256');
  mkdirSync(blobs, { recursive: true });
  const put = (bytes: Buffer | string) => {
    const digest = sha256(bytes);
    writeFileSync(join(blobs, digest.slice(7)), bytes);
    return { digest, size: Buffer.byteLength(bytes) };
  };
  const gzipBlob = gzipSync(gzipTar);
  const image = (arch: string, variant?: string) => {
    const config = put(JSON.stringify({
      architecture: arch, os: 'linux', ...(variant ? { variant } : {}),
      rootfs: { type: 'layers', diff_ids: [sha256(gzipTar), zstdDiffId] },
      history: [{ created_by: 'ADD gzip' }, { created_by: 'ENV A=1', empty_layer: true }, { created_by: 'ADD zstd' }],
    }));
    const manifest = put(JSON.stringify({
      schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
      layers: [
        { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...put(gzipBlob) },
        { mediaType: 'application/vnd.oci.image.layer.v1.tar+zstd', ...put(zstdBlob) },
      ],
    }));
    return { mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest, platform: { os: 'linux', architecture: arch, ...(variant ? { variant } : {}) } };
  };
  const amd64 = image('amd64');
  const arm64 = image('arm64', 'v8');
  const nested = put(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [amd64, arm64] }));
  writeFileSync(join(root, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  writeFileSync(join(root, 'index.json'), JSON.stringify({
    schemaVersion: 2,
    manifests: [{ mediaType: 'application/vnd.oci.image.index.v1+json', ...nested, annotations: { 'org.opencontainers.image.ref.name': 'test:multi' } }],
  }));
  if (options.corrupt) writeFileSync(join(blobs, sha256(gzipBlob).slice(7)), gzipSync(buildTar([{ name: 'evil', body: 'x' }])));
  return { gzipBlob: sha256(gzipBlob) };
}

describe('readImage OCI layout', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'layer-lens-oci-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('nested multi-platform index', async () => {
    writeLayout(root);
    const image = await readImage({ kind: 'path', path: root }, { platform: 'linux/amd64' });
    assert.equal(image.format, 'oci-layout');
    assert.equal(image.platform, 'linux/amd64');
    assert.deepEqual(image.platforms, ['linux/amd64', 'linux/arm64/v8']);
    assert.deepEqual(image.layers.map((layer) => layer.compression), ['gzip', 'zstd']);
    assert.deepEqual(image.steps.map((step) => step.layer), [0, null, 1]);
    assert.deepEqual(image.layers.map((layer) => layer.layer.entries.map((entry) => entry.path)), [['/g', '/g/gzip.txt'], ['/z', '/z/zstd.txt']]);
  });

  it('platform without variant', async () => {
    writeLayout(root);
    const image = await readImage({ kind: 'path', path: root }, { platform: 'linux/arm64' });
    assert.equal(image.platform, 'linux/arm64/v8');
  });

  it('missing platform lists others', async () => {
    writeLayout(root);
    await assert.rejects(readImage({ kind: 'path', path: root }, { platform: 'linux/s390x' }), {
      message: `${root} has no image for linux/s390x; it has linux/amd64, linux/arm64/v8. Choose one with --platform.`,
    });
  });

  it('corrupt blob is named', async () => {
    const { gzipBlob } = writeLayout(root, { corrupt: true });
    await assert.rejects(readImage({ kind: 'path', path: root }, { platform: 'linux/amd64' }), (error: Error) => {
      assert.match(error.message, new RegExp(`^${root}: layer blobs/sha256/${gzipBlob.slice(7)} is corrupt: its blob has digest sha256:[0-9a-f]{64}, expected ${gzipBlob}\\.$`));
      return true;
    });
  });

  it('oci-archive stream', async () => {
    writeLayout(root);
    const files = ['oci-layout', 'index.json', ...readdirSync(join(root, 'blobs/sha256')).map((name) => `blobs/sha256/${name}`)];
    const archive = buildTar(files.map((name) => ({ name, body: readFileSync(join(root, name)) })));
    const image = await readImage({ kind: 'stream', stream: Readable.from([archive]), label: 'oci.tar' }, { platform: 'linux/arm64/v8' });
    assert.equal(image.format, 'oci-archive');
    assert.equal(image.reference, 'test:multi');
    assert.equal(image.platform, 'linux/arm64/v8');
    assert.deepEqual(image.layers.map((layer) => layer.layer.entries.length), [2, 2]);
  });
});
