import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runImage } from '../../../src/cli/image';
import { buildTar, type TestEntry } from '../archive/tarBuilder';
import { captureCli } from '../cli/capture';
import { sha256 } from './imageBuilder';

// buildah 1.28.2 `bud --format docker` built this image: `config.json` is its configuration as
// written, with `Shell`, and `layers.json` lists its layers (the text of each small file, the size
// of /bin/busybox). `/z.txt` is `ash\n`, because the RUN after the SHELL ran under it.
const fixture = join(__dirname, '../../fixtures/images/buildah-docker-format');

interface ListedEntry {
  name: string;
  type: 'file' | 'folder' | 'symlink';
  mode: string;
  uid?: number;
  gid?: number;
  text?: string;
  size?: number;
  target?: string;
}

const tarTypes = { file: '0', folder: '5', symlink: '2' } as const;

function tarEntry(listed: ListedEntry): TestEntry {
  const entry: TestEntry = { name: listed.name, type: tarTypes[listed.type], mode: parseInt(listed.mode, 8), uid: listed.uid, gid: listed.gid };
  if (listed.text !== undefined) entry.body = listed.text;
  // Only the size of the base's busybox binary matters to the comparison, not its bytes.
  if (listed.size !== undefined) entry.body = Buffer.alloc(listed.size);
  if (listed.target !== undefined) entry.linkname = listed.target;
  return entry;
}

/** Writes the image as a docker-archive, with the real configuration, into `folder`. */
function writeArchive(folder: string): string {
  const listed = JSON.parse(readFileSync(join(fixture, 'layers.json'), 'utf8')) as ListedEntry[][];
  const layers = listed.map((entries) => buildTar(entries.map(tarEntry)));
  // The rebuilt tars differ from buildah's in their bytes, so the diff IDs become their digests.
  const config = JSON.parse(readFileSync(join(fixture, 'config.json'), 'utf8')) as { rootfs: { diff_ids: string[] } };
  config.rootfs.diff_ids = layers.map(sha256);
  const paths = layers.map((_, index) => `l${index}/layer.tar`);
  const manifest = JSON.stringify([{ Config: 'config.json', RepoTags: ['localhost/buildah-docker-format:1'], Layers: paths }]);
  const archive = join(folder, 'image.tar');
  writeFileSync(archive, buildTar([
    { name: 'config.json', body: JSON.stringify(config) },
    ...layers.map((tar, index) => ({ name: paths[index], body: tar })),
    { name: 'manifest.json', body: manifest },
  ]));
  return archive;
}

describe('buildah docker-format image prediction', () => {
  it('RUN after SHELL runs under it', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'layer-lens-buildah-docker-'));
    try {
      const archive = writeArchive(folder);
      const { status, stdout, stderr } = await captureCli(runImage, ['--dockerfile', join(fixture, 'Dockerfile'), archive]);
      assert.equal(status, 0, stderr);
      assert.equal(stderr, '');
      assert.ok(!stdout.includes('/z.txt is'), stdout);
      assert.ok(stdout.endsWith('Prediction against the image: the prediction agrees on every mapped line (6 lines).\n'), stdout);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
