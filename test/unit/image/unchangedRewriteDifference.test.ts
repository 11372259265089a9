import { strict as assert } from 'node:assert';
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

describe('difference of a rewrite the image lacks', () => {
  // A copy of the fixture's build context gets one more file, which the archive never contained.
  // The prediction copies it on line 2 and sets the mode it already has on line 5.
  const LINE_2 = 'The built layer differs from the prediction. Only the prediction has 1 path: /etc/app/extra.conf.';
  const LINE_5_BOTH = 'The built layer differs from the prediction. Only the prediction has 2 paths: /etc/app/extra.conf, /usr/local/bin/start.';
  let context: string;

  before(() => {
    context = mkdtempSync(join(tmpdir(), 'layer-lens-rewrite-'));
    cpSync(fixture, context, { recursive: true });
    writeFileSync(join(context, 'files/etc/extra.conf'), 'extra=1\n');
    chmodSync(join(context, 'files/etc/extra.conf'), 0o755);
    const text = readFileSync(dockerfile, 'utf8').replace('RUN chmod 755 /usr/local/bin/start', 'RUN chmod 755 /usr/local/bin/start /etc/app/extra.conf');
    writeFileSync(join(context, 'Dockerfile'), text);
  });

  after(() => rmSync(context, { recursive: true, force: true }));

  it('linked analysis names no vfs', async () => {
    const edited = join(context, 'Dockerfile');
    const linked = await linkArchive(join(context, 'unchanged-chmod.docker-vfs.tar'), edited, readFileSync(edited, 'utf8'));

    assert.deepEqual(linked.image.differences, [
      { line: 2, endLine: 2, severity: 'info', message: LINE_2 },
      { line: 5, endLine: 5, severity: 'info', message: LINE_5_BOTH },
    ]);
  });
});
