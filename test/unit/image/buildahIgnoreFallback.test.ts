/**
 * `image --dockerfile` on a buildah image built with a relative -f from the context's parent
 * folder, so that buildah read the context's `.dockerignore` in place of the Dockerfile's own. The
 * difference that follows gets its likely cause when a prediction with that file agrees.
 */
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runImage } from '../../../src/cli/image';
import type { ImageJson } from '../../../src/core/report/imageReport';
import { captureCli } from '../cli/capture';

// buildah 1.28.2 built this archive with `bud -f context/Dockerfile.x context` (see make.sh beside it).
const fixture = join(__dirname, '../../fixtures/images/buildah-ignore-fallback');
const archive = join(fixture, 'ignore-fallback.buildah.tar');

const DIFFERENCE = '  line 2: The built layer differs from the prediction. Only the image has 1 path: /c/secret.txt. Only the prediction has 1 path: /c/keep.txt.';

/** Returns the lines of the text report's prediction section. */
function predictionSection(stdout: string): string[] {
  return stdout.slice(stdout.indexOf('Prediction against the image:')).trimEnd().split('\n');
}

describe('buildah ignore file fallback', () => {
  it('difference the fallback explains', async () => {
    const dockerfile = join(fixture, 'context/Dockerfile.x');
    const { status, stdout, stderr } = await captureCli(runImage, ['--dockerfile', dockerfile, archive]);
    assert.equal(status, 0, stderr);
    const section = predictionSection(stdout);
    assert.equal(section[1], DIFFERENCE);
    assert.equal(
      section[2],
      '  The prediction with .dockerignore in place of Dockerfile.x.dockerignore agrees with the image on line 2, so buildah most likely read .dockerignore. ' +
        'buildah reads Dockerfile.x.dockerignore only when -f names the Dockerfile by an absolute path or by a path relative to the context folder. ' +
        'With a relative -f from another folder it reads .dockerignore instead. Pass -f an absolute path, or run buildah from the context folder.',
    );
    assert.equal(section.length, 3);

    const json = await captureCli(runImage, ['--json', '--dockerfile', dockerfile, archive]);
    const report = JSON.parse(json.stdout) as ImageJson;
    assert.deepEqual(report.prediction?.buildahIgnoreFiles, { own: 'Dockerfile.x.dockerignore', fallback: '.dockerignore', fallbackAgreesOn: [2] });
  });

  it('other difference keeps no cause', async () => {
    // A file added since the build differs under either ignore file, so neither explains line 2.
    const folder = mkdtempSync(join(tmpdir(), 'layer-lens-ignore-fallback-'));
    try {
      cpSync(join(fixture, 'context'), folder, { recursive: true });
      writeFileSync(join(folder, 'added.txt'), 'added\n');
      const { stdout } = await captureCli(runImage, ['--json', '--dockerfile', join(folder, 'Dockerfile.x'), archive]);
      const report = JSON.parse(stdout) as ImageJson;
      assert.equal(report.prediction?.differences.length, 1);
      assert.deepEqual(report.prediction?.buildahIgnoreFiles?.fallbackAgreesOn, []);

      const text = await captureCli(runImage, ['--dockerfile', join(folder, 'Dockerfile.x'), archive]);
      const section = predictionSection(text.stdout);
      assert.equal(section.length, 2);
      assert.match(section[1], /^ {2}line 2: The built layer differs from the prediction\./);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
