/** The sources of wasted bytes that `layer-lens image` reports in its text and its JSON. */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runImage } from '../../../src/cli/image';
import type { ImageJson } from '../../../src/core/report/imageReport';
import { captureCli } from '../cli/capture';
import { dockerArchive, plainLayer } from './imageBuilder';

const images = join(__dirname, '../../fixtures/images');
// Built by real-layers/make.sh with Docker's classic builder on overlay2. Line 2 (layer 1) copies
// secret.txt (11 B), cache/a.txt (9 B), cache/b.txt (10 B) and old.txt (4 B) into /app. Line 4
// (layer 3) chmods secret.txt, and line 6 (layer 5) deletes old.txt and makes /app/cache opaque.
const realLayers = join(images, 'real-layers/real-layers.docker-overlay2.tar');
const realLayersDockerfile = join(images, 'real-layers/Dockerfile');

/** Runs `layer-lens image` and returns the text from the `Wasted:` line up to the prediction section. */
async function wasteText(argv: string[]): Promise<string[]> {
  const { status, stdout } = await captureCli(runImage, argv);
  assert.equal(status, 0);
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith('Wasted:'));
  const end = lines.findIndex((line) => line.startsWith('Prediction against the image:'));
  return lines.slice(start, end === -1 ? lines.length - 1 : end);
}

describe('image text waste sources', () => {
  it('real image names layers and paths', async () => {
    assert.deepEqual(await wasteText([realLayers]), [
      'Wasted: 34 B; efficiency >99.9%',
      'Layers that hide the wasted bytes, most first:',
      '  layer 5 (RUN rm /app/old.txt && rm -rf /app/cache && mkdir /app/cach…): hides 23 B in 3 files that layer 1 wrote',
      '  layer 3 (RUN chmod 600 /app/secret.txt): hides 11 B in 1 file that layer 1 wrote',
      'Largest wasted paths:',
      '      19 B  /app/cache/ (2 files)  written by layer 1, deleted by layer 5',
      '      11 B  /app/secret.txt  written by layer 1, shadowed by layer 3',
      '       4 B  /app/old.txt  written by layer 1, deleted by layer 5',
    ]);
  });

  it('--dockerfile names lines', async () => {
    assert.deepEqual(await wasteText(['--dockerfile', realLayersDockerfile, realLayers]), [
      'Wasted: 34 B; efficiency >99.9%',
      "The Dockerfile's own steps wrote 56 B, of which 34 B is wasted (ratio 0.6071).",
      'Layers that hide the wasted bytes, most first:',
      '  layer 5 (line 6, RUN rm /app/old.txt && rm -rf /app/cache && mkdir /app/cach…): hides 23 B in 3 files that layer 1 (line 2) wrote',
      '  layer 3 (line 4, RUN chmod 600 /app/secret.txt): hides 11 B in 1 file that layer 1 (line 2) wrote',
      'Largest wasted paths:',
      '      19 B  /app/cache/ (2 files)  written by line 2, deleted by line 6',
      '      11 B  /app/secret.txt  written by line 2, shadowed by line 4',
      '       4 B  /app/old.txt  written by line 2, deleted by line 6',
    ]);
  });

  it('opaque folder counts as one path', async () => {
    // Line 3 of case 16 runs `rm -rf /data && mkdir /data` over the 4 files line 2 wrote in /data.
    const lines = await wasteText([join(images, '16-rm-rf-recreate.docker-overlay2.tar')]);
    assert.equal(lines[4], 'Largest wasted paths:');
    assert.equal(lines[5], '    1.0 kB  /data/ (4 files)  written by layer 1, deleted by layer 2');
  });

  it('image without waste adds nothing', async () => {
    assert.deepEqual(await wasteText([join(images, 'busybox-local-2.tar')]), ['Wasted: 0 B; efficiency 100.0%']);
  });

  it('long lists end with counts', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'layer-lens-waste-'));
    try {
      // Layer 0 writes /f1 to /f12 with i bytes each, and layers 1 to 6 each delete two of them.
      const files = Array.from({ length: 12 }, (_, index) => ({ name: `f${index + 1}`, body: 'x'.repeat(index + 1) }));
      const deletions = Array.from({ length: 6 }, (_, index) => plainLayer([{ name: `.wh.f${2 * index + 1}` }, { name: `.wh.f${2 * index + 2}` }]));
      const archive = join(folder, 'image.tar');
      writeFileSync(archive, dockerArchive([plainLayer(files), ...deletions]));
      const lines = await wasteText([archive]);
      assert.equal(lines[2], '  layer 6 (RUN step 6): hides 23 B in 2 files that layer 0 wrote');
      assert.equal(lines[6], '  layer 2 (RUN step 2): hides 7 B in 2 files that layer 0 wrote');
      assert.equal(lines[7], '  … and 1 more layer');
      assert.equal(lines[9], '      12 B  /f12  written by layer 0, deleted by layer 6');
      assert.equal(lines[18], '       3 B  /f3  written by layer 0, deleted by layer 2');
      assert.equal(lines[19], '  … and 2 more wasted paths');
      assert.equal(lines.length, 20);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('image text hiding layer labels', () => {
  // Docker 20.10's classic builder records a COPY --chown with no space between the owner and the
  // source digest. This text is entry 3 of the real build in history/27-copy-chown.docker.json.
  const chownEntry = '/bin/sh -c #(nop) COPY --chown=app:nogroupfile:64efaa9e331490334f1e16dbb522e5d11a6c1d5d04aaf3687b72a2813dd145a1 in /srv/named.conf ';
  const plainEntry = '/bin/sh -c #(nop) COPY file:64efaa9e331490334f1e16dbb522e5d11a6c1d5d04aaf3687b72a2813dd145a1 in /srv/named.conf ';
  const dockerfile = 'FROM busybox-local:2\nCOPY server.conf /srv/named.conf\nCOPY --chown=app:nogroup server.conf /srv/named.conf\n';
  let folder: string;
  let archive: string;

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'layer-lens-labels-'));
    archive = join(folder, 'image.tar');
    // Lines 2 and 3 write the same 10-byte file, so the chown copy (layer 2) hides line 2's bytes.
    const base = plainLayer([{ name: 'srv/', type: '5' }]);
    const copy = plainLayer([{ name: 'srv/named.conf', body: 'listen 53\n' }]);
    const chown = plainLayer([{ name: 'srv/named.conf', body: 'listen 53\n', uid: 100, gid: 65534 }]);
    const history = [{ created_by: '', comment: 'Imported from -' }, { created_by: plainEntry }, { created_by: chownEntry }];
    writeFileSync(archive, dockerArchive([base, copy, chown], { history }));
    writeFileSync(join(folder, 'server.conf'), 'listen 53\n');
  });

  after(() => rmSync(folder, { recursive: true, force: true }));

  it('--dockerfile quotes the line', async () => {
    writeFileSync(join(folder, 'Dockerfile'), dockerfile);
    const lines = await wasteText(['--dockerfile', join(folder, 'Dockerfile'), archive]);
    assert.equal(lines[3], '  layer 2 (line 3, COPY --chown=app:nogroup server.conf /srv/named.conf): hides 10 B in 1 file that layer 1 (line 2) wrote');
  });

  it('history label keeps destination', async () => {
    const lines = await wasteText([archive]);
    assert.equal(lines[2], '  layer 2 (COPY --chown=app:nogroupfile:64efaa9e… in /srv/named.conf): hides 10 B in 1 file that layer 1 wrote');
  });

  it('edited line keeps history label', async () => {
    // The layer was built from the line as it read before the edit, so the line's text would misname it.
    writeFileSync(join(folder, 'edited.Dockerfile'), dockerfile.replace('--chown=app:nogroup', '--chown=root'));
    const lines = await wasteText(['--dockerfile', join(folder, 'edited.Dockerfile'), archive]);
    assert.equal(lines[3], '  layer 2 (line 3, COPY --chown=app:nogroupfile:64efaa9e… in /srv/named.conf): hides 10 B in 1 file that layer 1 (line 2) wrote');
  });
});

describe('image JSON wasteSources', () => {
  it('real image lists hiding layers and paths', async () => {
    const { stdout } = await captureCli(runImage, ['--json', realLayers]);
    const report = JSON.parse(stdout) as ImageJson;
    assert.equal(report.wasted, 34);
    assert.deepEqual(report.wasteSources.hidingLayers, [
      { layer: 5, bytes: 23, files: 3, writtenBy: [{ layer: 1, bytes: 23, files: 3 }] },
      { layer: 3, bytes: 11, files: 1, writtenBy: [{ layer: 1, bytes: 11, files: 1 }] },
    ]);
    assert.deepEqual(report.wasteSources.largestPaths[0], { path: '/app/cache', folder: true, files: 2, bytes: 19, writtenBy: [1], hiddenBy: [5], kind: 'deleted' });
    assert.deepEqual(report.wasteSources.largestPaths[1], { path: '/app/secret.txt', folder: false, files: 1, bytes: 11, writtenBy: [1], hiddenBy: [3], kind: 'shadowed' });
    assert.equal(report.wasteSources.pathCount, 3);
  });
});
