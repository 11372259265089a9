/** `--image` by image ID and by name with or without `:latest`, alike in every kind of source. */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runImage } from '../../../src/cli/image';
import { readImage } from '../../../src/core/image/readImage';
import { buildTar } from '../archive/tarBuilder';
import { captureCli } from '../cli/capture';
import { sha256 } from './imageBuilder';
import { contentsWithSharedIdPrefix, multiImageArchive, multiImageLayoutMembers, testImage, writeLayoutFolder } from './multiImage';

const REF_NAME = 'org.opencontainers.image.ref.name';
const CONTAINERD_NAME = 'io.containerd.image.name';
const multiPlatform = join(__dirname, '../../fixtures/images/multi-platform/multi-platform.oci.tar');

/** Returns the config digest of the image that `image` chooses in `path`. */
async function chosenId(path: string, image: string, platform?: string): Promise<string | null> {
  return (await readImage({ kind: 'path', path }, { image, platform })).configDigest;
}

const hex = (digest: string, digits = 64) => digest.slice('sha256:'.length, 'sha256:'.length + digits);

describe('--image by ID and name in every source', () => {
  let scratch: string;
  let archivePath: string;
  let archiveIds: string[];
  let folderPath: string;
  let ociTarPath: string;
  let layoutIds: string[];

  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'layer-lens-image-id-'));
    const archive = multiImageArchive([{ tags: ['web:1'], content: 'web' }, { tags: ['db:latest'], content: 'db' }]);
    archiveIds = archive.configDigests;
    archivePath = join(scratch, 'docker.tar');
    writeFileSync(archivePath, archive.archive);
    // A bare name, a name with a tag, and a tag alone beside the full containerd name, as
    // Docker Engine 25+ `docker save` writes its index entries (see specLayouts.ts).
    const layout = multiImageLayoutMembers([
      { content: 'myapp', annotations: { [REF_NAME]: 'myapp' } },
      { content: 'other', annotations: { [REF_NAME]: 'other:2' } },
      { content: 'web', annotations: { [REF_NAME]: '3.1', [CONTAINERD_NAME]: 'docker.io/library/web:3.1' } },
    ]);
    layoutIds = layout.configDigests;
    folderPath = join(scratch, 'layout');
    writeLayoutFolder(folderPath, layout.members);
    ociTarPath = join(scratch, 'layout.tar');
    writeFileSync(ociTarPath, buildTar(layout.members));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('OCI layout folder by short ID', async () => {
    assert.equal(await chosenId(folderPath, hex(layoutIds[1], 12)), layoutIds[1]);
    assert.equal(await chosenId(folderPath, hex(layoutIds[2], 4)), layoutIds[2]);
  });

  it('OCI layout folder by full ID', async () => {
    assert.equal(await chosenId(folderPath, layoutIds[1]), layoutIds[1]);
    assert.equal(await chosenId(folderPath, hex(layoutIds[1])), layoutIds[1]);
    assert.equal(await chosenId(folderPath, `sha256:${hex(layoutIds[1], 8)}`), layoutIds[1]);
  });

  it('OCI ID chosen image keeps its ref name', async () => {
    const image = await readImage({ kind: 'path', path: folderPath }, { image: hex(layoutIds[0], 12) });
    assert.equal(image.reference, 'myapp');
  });

  it('oci-archive by short ID', async () => {
    assert.equal(await chosenId(ociTarPath, hex(layoutIds[0], 12)), layoutIds[0]);
  });

  it('docker-archive by 4 and 11 digits', async () => {
    assert.equal(await chosenId(archivePath, hex(archiveIds[1], 4)), archiveIds[1]);
    assert.equal(await chosenId(archivePath, hex(archiveIds[1], 11)), archiveIds[1]);
    assert.equal(await chosenId(archivePath, `sha256:${hex(archiveIds[1], 6)}`), archiveIds[1]);
  });

  it('3 digits are a name, not an ID', async () => {
    const three = hex(layoutIds[0], 3);
    await assert.rejects(chosenId(folderPath, three), { message: `${folderPath} has no image named ${three}:latest (a name without a tag means :latest); it contains myapp, other:2, 3.1.` });
    await assert.rejects(chosenId(archivePath, hex(archiveIds[0], 3)), /has no image named/);
  });

  it('OCI ref name with and without latest', async () => {
    assert.equal(await chosenId(folderPath, 'myapp:latest'), layoutIds[0]);
    assert.equal(await chosenId(folderPath, 'myapp'), layoutIds[0]);
    assert.equal(await chosenId(folderPath, 'docker.io/library/myapp'), layoutIds[0]);
    assert.equal(await chosenId(folderPath, 'other:2'), layoutIds[1]);
    await assert.rejects(chosenId(folderPath, 'other'), { message: `${folderPath} has no image named other:latest (a name without a tag means :latest); it contains myapp, other:2, 3.1.` });
  });

  it('OCI tag-only ref name and containerd name', async () => {
    assert.equal(await chosenId(folderPath, '3.1'), layoutIds[2]);
    assert.equal(await chosenId(folderPath, 'web:3.1'), layoutIds[2]);
    assert.equal(await chosenId(folderPath, 'docker.io/library/web:3.1'), layoutIds[2]);
  });

  it('docker-archive name forms', async () => {
    assert.equal(await chosenId(archivePath, 'db'), archiveIds[1]);
    assert.equal(await chosenId(archivePath, 'docker.io/library/db:latest'), archiveIds[1]);
    assert.equal(await chosenId(archivePath, 'web:1'), archiveIds[0]);
  });

  it('unknown ID names both lookups', async () => {
    const absent = ['0000', '1111'].find((digits) => !layoutIds.some((id) => hex(id).startsWith(digits))) as string;
    await assert.rejects(chosenId(ociTarPath, absent), { message: `${ociTarPath} has no image named ${absent}:latest (a name without a tag means :latest) and none whose ID starts with ${absent}; it contains myapp, other:2, 3.1.` });
    const full = `sha256:${'0'.repeat(64)}`;
    await assert.rejects(chosenId(archivePath, full), { message: `${archivePath} has no image with ID ${full}; it contains web:1, db:latest.` });
  });

  it('name wins over an ID prefix', async () => {
    const digits = hex(archiveIds[0], 12);
    const path = join(scratch, 'hex-tag.tar');
    const built = multiImageArchive([{ tags: ['first:1'], content: 'web' }, { tags: [digits], content: 'tagged' }]);
    writeFileSync(path, built.archive);
    assert.equal(await chosenId(path, digits), built.configDigests[1]);
  });

  it('one image under two names is no ambiguity', async () => {
    const { members, configDigests } = multiImageLayoutMembers([
      { content: 'same', annotations: { [REF_NAME]: 'myapp' } },
      { content: 'same', annotations: { [REF_NAME]: 'other' } },
    ]);
    const path = join(scratch, 'two-names');
    writeLayoutFolder(path, members);
    const image = await readImage({ kind: 'path', path }, { image: hex(configDigests[0], 12) });
    assert.equal(image.configDigest, configDigests[0]);
    assert.equal(image.reference, 'myapp');
  });

  it('ID skips a manifest never saved', async () => {
    const { members, configDigests } = multiImageLayoutMembers([
      { content: 'saved', annotations: { [REF_NAME]: 'saved' } },
      { content: 'absent', annotations: { [REF_NAME]: 'absent' } },
    ]);
    const index = JSON.parse(members.find((member) => member.name === 'index.json')?.body as string) as { manifests: Array<{ digest: string }> };
    const absentManifest = `blobs/sha256/${hex(index.manifests[1].digest)}`;
    const path = join(scratch, 'partial');
    writeLayoutFolder(path, members.filter((member) => member.name !== absentManifest));
    assert.equal(await chosenId(path, hex(configDigests[0], 12)), configDigests[0]);
  });

  it('multi-platform image by ID of one platform', async () => {
    const arm = (await readImage({ kind: 'path', path: multiPlatform }, { platform: 'linux/arm64/v8' })).configDigest as string;
    const image = await readImage({ kind: 'path', path: multiPlatform }, { image: hex(arm, 12), platform: 'linux/amd64' });
    assert.equal(image.configDigest, arm);
    assert.equal(image.platform, 'linux/arm64/v8');
    assert.deepEqual(image.problems, [`${multiPlatform}: the image is for linux/arm64/v8, not linux/amd64; the image ID given to --image chose it.`]);
  });
});

describe('--image ambiguous ID prefix', () => {
  let scratch: string;
  let contents: [string, string];
  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'layer-lens-image-ambiguous-'));
    contents = contentsWithSharedIdPrefix(4);
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('docker-archive lists the matches', async () => {
    const { archive, configDigests } = multiImageArchive([{ tags: ['a:1'], content: contents[0] }, { tags: [], content: contents[1] }]);
    const path = join(scratch, 'two.tar');
    writeFileSync(path, archive);
    const digits = hex(configDigests[0], 4);
    const expected = `${path}: the image ID prefix ${digits} matches 2 images: ${configDigests[0]} (a:1), ${configDigests[1]}. Give more digits of the ID.`;
    await assert.rejects(chosenId(path, digits), { message: expected });
    assert.equal(await chosenId(path, hex(configDigests[1], 12)), configDigests[1]);
  });

  it('OCI layout lists the matches', async () => {
    const { members, configDigests } = multiImageLayoutMembers([
      { content: contents[0], annotations: { [REF_NAME]: 'x:1' } },
      { content: contents[1], annotations: { [REF_NAME]: 'y:1' } },
    ]);
    const path = join(scratch, 'layout');
    writeLayoutFolder(path, members);
    const digits = hex(configDigests[0], 4);
    const expected = `${path}: the image ID prefix ${digits} matches 2 images: ${configDigests[0]} (x:1), ${configDigests[1]} (y:1). Give more digits of the ID.`;
    await assert.rejects(chosenId(path, `sha256:${digits}`), { message: expected });
  });

  it('CLI exits 1 on an ambiguous ID', async () => {
    const { members } = multiImageLayoutMembers([
      { content: contents[0], annotations: { [REF_NAME]: 'x:1' } },
      { content: contents[1], annotations: { [REF_NAME]: 'y:1' } },
    ]);
    const path = join(scratch, 'cli.tar');
    writeFileSync(path, buildTar(members));
    const digits = hex(sha256(testImage(contents[0]).config), 4);
    const result = await captureCli(runImage, ['--image', digits, path]);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /matches 2 images: .*\(x:1\), .*\(y:1\)\. Give more digits of the ID\./);
  });
});
