import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { runImage } from '../../../src/cli/image';
import { captureCli } from '../cli/capture';
import type { ImageJson } from '../../../src/core/report/imageReport';

const fixture = join(__dirname, '../../fixtures/images/16-rm-rf-recreate.docker-overlay2.tar');

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { status, stdout, stderr } = await captureCli(runImage, argv);
  return { code: status, stdout, stderr };
}

describe('runImage', () => {
  it('json compact in a pipe', async () => {
    const piped = await captureCli(runImage, ['--json', fixture]);
    const terminal = await captureCli(runImage, ['--json', fixture], { tty: true });
    assert.equal(piped.stdout.indexOf('\n'), piped.stdout.length - 1);
    assert.equal(terminal.stdout, JSON.stringify(JSON.parse(piped.stdout), null, 2) + '\n');
  });

  it('json report', async () => {
    const { code, stdout } = await run(['--json', fixture]);
    const report = JSON.parse(stdout) as ImageJson;
    assert.equal(code, 0);
    assert.equal(report.source, 'image');
    assert.equal(report.layers.length, 4);
    assert.equal(report.layers[1].digest, 'sha256:02d361d7d34f5943f5460f4688951e59dce7d624a025883e091ca71f66bde91c');
    assert.deepEqual(report.layers[2].changes.map((change) => `${change.change} ${change.path}${change.opaque ? ' opaque' : ''}`), [
      'modified /data opaque', 'modified /data/a.txt', 'added /data/new.txt',
    ]);
    // Layer 2's opaque /data hides layer 1's a.txt, b.txt, sub/c.txt and sub/deep/d.txt (1026
    // bytes), and layer 3 deletes the base image's /usr/share/doc/base/README.
    const readme = report.layers[0].changes.find((change) => change.path === '/usr/share/doc/base/README');
    assert.equal(report.wasted, 1026 + (readme?.size ?? NaN));
    assert.deepEqual(report.deleted, [
      { path: '/data/b.txt', layer: 2 },
      { path: '/data/sub', layer: 2 },
      { path: '/usr/share/doc/base', layer: 3 },
    ]);
  });

  it('text report', async () => {
    const { code, stdout } = await run([fixture]);
    assert.equal(code, 0);
    assert.match(stdout, /^oracle\/16-rm-rf-recreate:docker-overlay2 \(docker-archive, linux\/amd64\)\n/);
    assert.match(stdout, /\n {2}3 +9 B {2}\+1 ~3 -1 +\/bin\/sh -c rm -rf \/usr\/share\/doc\/\*/);
  });

  it('text marks an opaque folder', async () => {
    // Layer 2 (`rm -rf /data && mkdir /data`) hides layer 1's /data files with an opaque /data, not with whiteouts.
    const { stdout } = await run([fixture]);
    assert.match(stdout, /\n {7}~ \/data {2}folder, opaque: hides what lower layers had in it\n/);
    assert.match(stdout, /\n {7}~ \/usr\/share\/doc {2}folder\n/);
  });

  it('missing source file', async () => {
    const { code, stderr } = await run(['/nonexistent/image.tar']);
    assert.equal(code, 1);
    assert.equal(stderr, 'layer-lens image: /nonexistent/image.tar not found. Pass a docker save archive, an OCI archive or layout folder, or docker://NAME.\n');
  });

  it('bad usage', async () => {
    assert.equal((await run([])).code, 2);
    assert.equal((await run(['--platform'])).code, 2);
    assert.equal((await run(['--frobnicate', fixture])).code, 2);
    assert.equal((await run(['docker://'])).code, 2);
  });

  it('unknown option is one line and a pointer to help', async () => {
    const { code, stdout, stderr } = await run(['--frobnicate', fixture]);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.equal(stderr, 'layer-lens image: unknown option --frobnicate.\nRun "layer-lens image --help" for usage.\n');
  });

  it('--max-layer-bytes 0 is bad usage', async () => {
    const { code, stderr } = await run(['--max-layer-bytes', '0', fixture]);
    assert.equal(code, 2);
    assert.match(stderr, /^layer-lens image: --max-layer-bytes 0 allows no layer at all/);
  });
});
