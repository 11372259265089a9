import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runImage } from '../../../src/cli/image';
import { ContextDigests } from '../../../src/core/context/contextDigests';
import { captureCli } from '../cli/capture';
import { linkArchive } from './linkArchive';

// Docker Engine's classic builder built this archive from the Dockerfile and the context beside
// it with APP_ENV=dev, so line 8 copied config/dev/app.conf (12 B) to /srv/app/etc/app.conf.
const fixture = join(__dirname, '../../fixtures/images/argenv');
const archive = join(fixture, 'argenv-dev.docker.tar');
const LINE_8 = 'The built layer differs from the prediction. /srv/app/etc/app.conf is 12 B in the image and 20 B in the build context.';

describe('difference of a changed context file', () => {
  let folder: string;
  let dockerfile: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'layer-lens-changed-context-'));
    for (const name of ['Dockerfile', 'bin', 'config']) cpSync(join(fixture, name), join(folder, name), { recursive: true });
    dockerfile = join(folder, 'Dockerfile');
  });

  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  const changeConfig = () => writeFileSync(join(folder, 'config/dev/app.conf'), 'level=debug,verbose\n');

  it('linked analysis names the size', async () => {
    changeConfig();

    const linked = await linkArchive(archive, dockerfile, readFileSync(dockerfile, 'utf8'));

    assert.deepEqual(linked.image.differences, [{ line: 8, endLine: 8, severity: 'info', message: LINE_8 }]);
  });

  it('image --dockerfile names the size', async () => {
    changeConfig();

    const { status, stdout, stderr } = await captureCli(runImage, ['--dockerfile', dockerfile, archive]);

    assert.equal(status, 0);
    assert.equal(stderr, '');
    assert.ok(stdout.includes(`Prediction against the image:\n  line 8: ${LINE_8}\n`), stdout);
  });

  // The same 12 bytes in other letters: only the content digest shows the change.
  const sameSize = 'LEVEL=DEBUG\n';
  const SAME_SIZE_LINE_8 = 'The built layer differs from the prediction. /srv/app/etc/app.conf has other content in the image than in the build context, at the same size (12 B).';

  it('linked analysis names same-size content', async () => {
    writeFileSync(join(folder, 'config/dev/app.conf'), sameSize);

    const linked = await linkArchive(archive, dockerfile, readFileSync(dockerfile, 'utf8'));

    assert.deepEqual(linked.image.differences, [{ line: 8, endLine: 8, severity: 'info', message: SAME_SIZE_LINE_8 }]);
  });

  it('image --dockerfile names same-size content', async () => {
    writeFileSync(join(folder, 'config/dev/app.conf'), sameSize);

    const { stdout } = await captureCli(runImage, ['--dockerfile', dockerfile, archive]);

    assert.ok(stdout.includes(`  line 8: ${SAME_SIZE_LINE_8}\n`), stdout);
  });

  it('spent budget names the unread file', async () => {
    writeFileSync(join(folder, 'config/dev/app.conf'), sameSize);

    const linked = await linkArchive(archive, dockerfile, readFileSync(dockerfile, 'utf8'), 11);

    // 11 bytes leave both the 12-byte app.conf of line 8 and the script of line 9 unread.
    const message = (file: string) =>
      `The built layer agrees with the prediction on its paths and sizes. The content of ${file}, a file of the same size in both, was not compared, because one comparison reads at most 16 MB of build context files; layer-lens image --dockerfile compares them all.`;
    assert.deepEqual(linked.image.differences, [
      { line: 8, endLine: 8, severity: 'info', message: message('/srv/app/etc/app.conf') },
      { line: 9, endLine: 9, severity: 'info', message: message('/srv/app/bin/app') },
    ]);
  });

  it('digest budget leaves content unread', () => {
    writeFileSync(join(folder, 'config/dev/app.conf'), sameSize);
    const digests = new ContextDigests(folder);

    assert.equal(digests.forComparison(11)('config/dev/app.conf', 12), null);
    assert.equal(digests.forComparison(12)('config/dev/app.conf', 12), createHash('sha256').update(sameSize).digest('hex'));
    // A size the file no longer has, a path outside the context and a folder are not read.
    assert.equal(digests.forComparison()('config/dev/app.conf', 13), undefined);
    assert.equal(digests.forComparison()('../argenv/Dockerfile', 10), undefined);
    assert.equal(digests.forComparison()('config', 0), undefined);
  });

  it('unchanged context has no difference', async () => {
    const linked = await linkArchive(archive, dockerfile, readFileSync(dockerfile, 'utf8'));
    const { stdout } = await captureCli(runImage, ['--dockerfile', dockerfile, archive]);

    assert.deepEqual(linked.image.differences, []);
    assert.ok(!stdout.includes('differs from the prediction'), stdout);
  });
});
