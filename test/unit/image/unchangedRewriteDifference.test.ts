import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runImage } from '../../../src/cli/image';
import type { ImageJson } from '../../../src/core/report/imageReport';
import { captureCli } from '../cli/capture';
import { linkArchive } from './linkArchive';

// Docker Engine 20.10's classic builder on vfs storage built this archive from the Dockerfile and
// the files beside it. Its `RUN chmod 755` on line 5 sets the mode start.sh already has, so vfs
// stored no layer for it, while the prediction, which models overlay storage, stores the file again.
const fixture = join(__dirname, '../../fixtures/images/unchanged-chmod');
const archive = join(fixture, 'unchanged-chmod.docker-vfs.tar');
const dockerfile = join(fixture, 'Dockerfile');
const LINE_5 =
  'The built layer differs from the prediction. Only the prediction has 1 path: /usr/local/bin/start, ' +
  'written again unchanged, which overlay storage keeps and vfs storage drops, so the image was likely built on vfs.';

describe('difference of an unchanged rewrite', () => {
  it('linked analysis names vfs', async () => {
    const linked = await linkArchive(archive, dockerfile, readFileSync(dockerfile, 'utf8'));

    assert.deepEqual(linked.image.differences, [{ line: 5, endLine: 5, severity: 'info', message: LINE_5 }]);
  });

  it('image --dockerfile names vfs', async () => {
    const { status, stdout, stderr } = await captureCli(runImage, ['--dockerfile', dockerfile, archive]);

    assert.equal(status, 0);
    assert.equal(stderr, '');
    assert.ok(stdout.endsWith(`Prediction against the image:\n  line 5: ${LINE_5}\n`), stdout);
  });

  it('image --dockerfile --json names vfs', async () => {
    const { stdout } = await captureCli(runImage, ['--json', '--dockerfile', dockerfile, archive]);
    const report = JSON.parse(stdout) as ImageJson;

    assert.deepEqual(report.prediction?.differences, [{ line: 5, endLine: 5, message: LINE_5 }]);
  });
});
