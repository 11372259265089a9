/** `image --dockerfile` names a folder that only one side adds once, with the count of the paths under it. */
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runImage } from '../../../src/cli/image';
import { captureCli } from '../cli/capture';

// Docker Engine's classic builder built this archive from the Dockerfile and the app/ folder
// beside it. Line 2 is `COPY app/ /app/`, and app/ contains cache/a.txt and cache/b.txt.
const fixture = join(__dirname, '../../fixtures/images/real-layers');
const archive = join(fixture, 'real-layers.docker-overlay2.tar');

describe('folder only one side adds', () => {
  let folder: string;

  before(() => {
    // The context lacks app/cache/, which the image has, and contains app/extra/ and three files the image lacks.
    folder = mkdtempSync(join(tmpdir(), 'layer-lens-folder-difference-'));
    cpSync(join(fixture, 'Dockerfile'), join(folder, 'Dockerfile'));
    cpSync(join(fixture, 'app'), join(folder, 'app'), { recursive: true });
    rmSync(join(folder, 'app/cache'), { recursive: true });
    mkdirSync(join(folder, 'app/extra/sub'), { recursive: true });
    writeFileSync(join(folder, 'app/extra/x'), 'x\n');
    writeFileSync(join(folder, 'app/extra/sub/y'), 'y\n');
    for (const name of ['p1', 'p2', 'p3']) writeFileSync(join(folder, 'app', name), `${name}\n`);
  });

  after(() => rmSync(folder, { recursive: true, force: true }));

  it('named once with its count', async () => {
    const { status, stdout, stderr } = await captureCli(runImage, ['--dockerfile', join(folder, 'Dockerfile'), archive]);
    assert.equal(status, 0, stderr);
    const line = stdout.split('\n').find((text) => text.startsWith('  line 2: '));
    assert.equal(
      line,
      '  line 2: The built layer differs from the prediction. ' +
        'Only the image has 3 paths: /app/cache/ (and 2 paths under it). ' +
        'Only the prediction has 7 paths: /app/extra/ (and 3 paths under it), /app/p1, /app/p2 and 1 more.',
    );
  });
});
