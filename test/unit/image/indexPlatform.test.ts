/** An OCI index entry whose platform the image config contradicts is reported by every reader of the image. */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { readImage } from '../../../src/core/image/readImage';
import { buildTar } from '../archive/tarBuilder';
import { captureCli } from '../cli/capture';
import { makeContext, removeContexts } from '../predict/helpers';
import { sha256 } from './imageBuilder';

const layerTar = buildTar([{ name: 'app.txt', body: 'app\n' }]);

/**
 * Writes an OCI layout (from the OCI image layout specification) into `root`: an `index.json`
 * whose one entry, named `test:index`, lists a manifest for `listed`, and a config for `config`.
 */
function writeLayout(root: string, listed: { architecture: string; variant?: string }, config: { architecture: string; variant?: string }): void {
  const blobs = join(root, 'blobs', 'sha256');
  mkdirSync(blobs, { recursive: true });
  const put = (bytes: Buffer | string) => {
    const digest = sha256(bytes);
    writeFileSync(join(blobs, digest.slice('sha256:'.length)), bytes);
    return { digest, size: Buffer.byteLength(bytes) };
  };
  const configBlob = put(JSON.stringify({
    os: 'linux',
    ...config,
    rootfs: { type: 'layers', diff_ids: [sha256(layerTar)] },
    history: [{ created_by: 'COPY app.txt /app.txt # buildkit' }],
  }));
  const manifest = put(JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...configBlob },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', ...put(layerTar) }],
  }));
  writeFileSync(join(root, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  writeFileSync(join(root, 'index.json'), JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [{
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      ...manifest,
      platform: { os: 'linux', ...listed },
      annotations: { 'org.opencontainers.image.ref.name': 'test:index' },
    }],
  }));
}

describe('index platform against config', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'layer-lens-index-platform-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  after(removeContexts);

  const warning = (source: string) =>
    `${source}: the index lists the image for linux/arm64, but its config is for linux/amd64, so its layers may hold linux/amd64 files. The image is reported as linux/arm64, as the index lists it.`;

  it('readImage names both platforms', async () => {
    writeLayout(root, { architecture: 'arm64' }, { architecture: 'amd64' });
    const image = await readImage({ kind: 'path', path: root }, { platform: 'linux/arm64' });
    assert.equal(image.platform, 'linux/arm64');
    assert.deepEqual(image.problems, [warning(root)]);
  });

  it('image command reports it', async () => {
    writeLayout(root, { architecture: 'arm64' }, { architecture: 'amd64' });
    const result = await captureCli(main, ['image', '--platform', 'linux/arm64', root]);
    assert.equal(result.status, 0, result.stderr);
    assert.ok(result.stdout.includes(`Problem: ${warning(root)}\n`), result.stdout);
  });

  it('explain --base-image warns on stderr', async () => {
    writeLayout(root, { architecture: 'arm64' }, { architecture: 'amd64' });
    const dockerfile = join(makeContext({ Dockerfile: 'FROM test:index\nRUN true\n' }), 'Dockerfile');
    const result = await captureCli(main, ['explain', '--platform', 'linux/arm64', '--base-image', `test:index=${root}`, dockerfile]);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, `layer-lens explain: warning: --base-image test:index=${root}: ${warning(root)}\n`);
  });

  it('variant on one side agrees', async () => {
    writeLayout(root, { architecture: 'arm64', variant: 'v8' }, { architecture: 'arm64' });
    const image = await readImage({ kind: 'path', path: root }, { platform: 'linux/arm64' });
    assert.deepEqual(image.problems, []);
  });

  it('other variants disagree', async () => {
    writeLayout(root, { architecture: 'arm', variant: 'v7' }, { architecture: 'arm', variant: 'v6' });
    const image = await readImage({ kind: 'path', path: root }, { platform: 'linux/arm/v7' });
    assert.equal(image.problems.length, 1);
    assert.match(image.problems[0], /the index lists the image for linux\/arm\/v7, but its config is for linux\/arm\/v6/);
  });
});
