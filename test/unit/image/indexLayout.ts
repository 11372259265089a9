/** Writes small OCI layouts of one image, with the platform of the index entry and that of the config set apart. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTar } from '../archive/tarBuilder';
import { sha256 } from './imageBuilder';

const layerTar = buildTar([{ name: 'app.txt', body: 'app\n' }]);

/**
 * Writes an OCI layout (from the OCI image layout specification) into `root`: an `index.json`
 * whose one entry, named `test:index`, lists a manifest for `listed`, and a config for `config`.
 */
export function writeIndexLayout(root: string, listed: { architecture: string; variant?: string }, config: { architecture: string; variant?: string }): void {
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
