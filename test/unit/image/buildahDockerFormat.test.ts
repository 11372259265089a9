import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runImage } from '../../../src/cli/image';
import { captureCli } from '../cli/capture';
import { writeListedArchive } from './listedImage';

// buildah 1.28.2 `bud --format docker` built this image: `config.json` is its configuration as
// written, with `Shell`, and `layers.json` lists its layers (the text of each small file, the size
// of /bin/busybox). `/z.txt` is `ash\n`, because the RUN after the SHELL ran under it.
const fixture = join(__dirname, '../../fixtures/images/buildah-docker-format');

describe('buildah docker-format image prediction', () => {
  it('RUN after SHELL runs under it', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'layer-lens-buildah-docker-'));
    try {
      const archive = writeListedArchive(fixture, folder, 'localhost/buildah-docker-format:1');
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
