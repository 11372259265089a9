import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runImage } from '../../../src/cli/image';
import type { ImageJson } from '../../../src/core/report/imageReport';
import type { TestEntry } from '../archive/tarBuilder';
import { captureCli } from '../cli/capture';
import { dockerArchive, plainLayer } from './imageBuilder';

// The programs a RUN starts, as a BusyBox image lays them out: a stand-in for the binary and its applet links.
const programs: TestEntry[] = [
  { name: 'bin/', type: '5', mode: 0o755 },
  { name: 'bin/busybox', body: '#!/bin/busybox\n', mode: 0o755 },
  { name: 'bin/sh', type: '2', linkname: 'busybox' },
];

// A base layer tar that lists srv/deep/f without srv/ or srv/deep/, as an imported root filesystem
// may. buildah 1.28.2 and Docker Engine 20.10 both make the two folders when they apply it, and a
// RUN that writes /srv/deep/g records srv/, srv/deep/ and srv/deep/g in its layer, as below.
const base = plainLayer([...programs, { name: 'srv/deep/f', body: 'deep\n', mode: 0o644 }]);
const run = plainLayer([
  { name: 'srv/', type: '5', mode: 0o755 },
  { name: 'srv/deep/', type: '5', mode: 0o755 },
  { name: 'srv/deep/g', body: 'x\n', mode: 0o644 },
]);
const history = [{ created_by: '/bin/sh -c #(nop) ADD file:abc in / ' }, { created_by: '/bin/sh -c echo x > /srv/deep/g' }];

describe('parents a base layer does not list', () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'layer-lens-implied-parent-'));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('RUN writing below them agrees', async () => {
    const archive = join(folder, 'image.tar');
    writeFileSync(archive, dockerArchive([base, run], { history }));
    const dockerfile = join(folder, 'Dockerfile');
    writeFileSync(dockerfile, 'FROM base:1\nRUN echo x > /srv/deep/g\n');

    const { status, stdout, stderr } = await captureCli(runImage, ['--json', '--dockerfile', dockerfile, archive]);

    assert.equal(status, 0, stderr);
    const report = JSON.parse(stdout) as ImageJson;
    assert.deepEqual(report.layers.map((layer) => [layer.mapping, layer.line]), [['base', 1], ['step', 2]]);
    assert.equal(report.prediction?.comparedSteps, 1);
    assert.deepEqual(report.prediction?.differences, []);
  });
});
