/** `layer-lens image` on a file that is not a tar archive: what it is not, and what to pass instead. */
import { strict as assert } from 'node:assert';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { writeTar } from '../../fixtures/hostile/tarWriter';
import { captureCli } from './capture';

const SOURCES = 'Pass a docker save archive, an OCI archive or layout folder, or docker://NAME.';

/** Returns a docker save archive of one image whose only layer member contains `layer`. */
function dockerArchive(layer: Buffer): Buffer {
  const diffId = `sha256:${createHash('sha256').update(layer).digest('hex')}`;
  const config = JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [diffId] }, history: [{ created_by: 'step' }] });
  const manifest = JSON.stringify([{ Config: 'config.json', RepoTags: ['broken/image:1'], Layers: ['l0/layer.tar'] }]);
  return writeTar([
    { name: 'config.json', body: config },
    { name: 'l0/layer.tar', body: layer },
    { name: 'manifest.json', body: manifest },
  ]);
}

describe('image on a file that is not a tar', () => {
  let folder: string;

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'layer-lens-not-tar-'));
  });

  after(() => rmSync(folder, { recursive: true, force: true }));

  async function imageError(name: string, bytes: Buffer): Promise<string> {
    const path = join(folder, name);
    writeFileSync(path, bytes);
    const result = await captureCli(main, ['image', path]);
    assert.equal(result.status, 1, result.stderr);
    assert.equal(result.stdout, '');
    return result.stderr;
  }

  it('random bytes', async () => {
    const bytes = randomBytes(20_000);
    // A base-256 number field must start with 0x80 or 0xff, so node-tar rejects this first header.
    bytes[100] = 0x81;
    const path = join(folder, 'random.tar');
    const stderr = await imageError('random.tar', bytes);
    assert.equal(stderr, `layer-lens image: ${path} is not a tar archive: its first header is invalid. ${SOURCES}\n`);
  });

  it('text file', async () => {
    const path = join(folder, 'notes.tar');
    const stderr = await imageError('notes.tar', Buffer.alloc(4096, 'a'));
    assert.equal(stderr, `layer-lens image: ${path} is not a tar archive. ${SOURCES}\n`);
  });

  it('layer member that is not a tar', async () => {
    // The archive is the right kind of file, so naming other kinds of source would mislead.
    const path = join(folder, 'broken-layer.tar');
    const stderr = await imageError('broken-layer.tar', dockerArchive(Buffer.alloc(4096, 'a')));
    assert.equal(stderr, `layer-lens image: ${path}: l0/layer.tar is corrupt: its data is not a tar archive. Save or export the image again.\n`);
  });

  it('layer with a damaged header', async () => {
    const layer = writeTar([{ name: 'a.txt', body: 'a' }, { name: 'b.txt', body: 'b' }]);
    // The second header starts at byte 1024; a changed name byte no longer matches its checksum.
    layer[1024] ^= 0x20;
    const path = join(folder, 'damaged-layer.tar');
    const stderr = await imageError('damaged-layer.tar', dockerArchive(layer));
    assert.equal(stderr, `layer-lens image: ${path}: l0/layer.tar is corrupt: its tar data is invalid after the member "a.txt" ` +
      '(a tar header checksum does not match). Save or export the image again.\n');
  });

  it('explain --base-image of a text file', async () => {
    const path = join(folder, 'package.json');
    writeFileSync(path, '{ "name": "app" }\n'.repeat(100));
    const dockerfile = join(folder, 'Dockerfile');
    writeFileSync(dockerfile, 'FROM app:1\n');
    const result = await captureCli(main, ['explain', '--base-image', `app:1=${path}`, dockerfile]);
    assert.equal(result.status, 1);
    assert.equal(result.stderr, `layer-lens explain: --base-image app:1=${path} cannot be read: ${path} is not a tar archive. ${SOURCES}\n`);
  });
});

describe('image on a tar or folder that is not an image', () => {
  let folder: string;

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'layer-lens-not-image-'));
  });

  after(() => rmSync(folder, { recursive: true, force: true }));

  it('tar names the OCI archive', async () => {
    const path = join(folder, 'notes.tar');
    writeFileSync(path, writeTar([{ name: 'notes.txt', body: 'not an image\n' }]));
    const result = await captureCli(main, ['image', path]);
    assert.equal(result.status, 1);
    assert.equal(result.stderr, `layer-lens image: ${path} is neither a docker-archive (no manifest.json) nor an OCI archive (no index.json). ${SOURCES}\n`);
  });

  it('folder names the OCI layout', async () => {
    const path = join(folder, 'empty-layout');
    mkdirSync(path);
    const result = await captureCli(main, ['image', path]);
    assert.equal(result.status, 1);
    assert.equal(result.stderr, `layer-lens image: ${path} is a folder without index.json, so it is not an OCI layout. ${SOURCES}\n`);
  });
});
