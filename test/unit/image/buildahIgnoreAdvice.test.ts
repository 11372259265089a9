/**
 * `image --dockerfile` on a buildah image whose Dockerfile has its own ignore file: buildah reads
 * that file only for some `-f` paths, so a COPY source it excludes points at the ignore file
 * rather than at another build context folder.
 */
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runImage } from '../../../src/cli/image';
import type { ImageJson } from '../../../src/core/report/imageReport';
import { captureCli } from '../cli/capture';

// buildah 1.28 built this archive from the Dockerfile and the cache/ folder beside it.
const recreated = join(__dirname, '../../fixtures/images/recreated-folder');
const archive = join(recreated, 'recreated-folder.buildah.tar');

/** Copies the fixture's Dockerfile and context to a temporary folder, with `ignoreFiles` written beside them. */
function contextWith(ignoreFiles: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'layer-lens-buildah-ignore-'));
  cpSync(join(recreated, 'Dockerfile'), join(folder, 'Dockerfile'));
  cpSync(join(recreated, 'cache'), join(folder, 'cache'), { recursive: true });
  for (const [name, text] of Object.entries(ignoreFiles)) writeFileSync(join(folder, name), text);
  return folder;
}

/** Returns the lines of the text report's prediction section. */
function predictionSection(stdout: string): string[] {
  return stdout.slice(stdout.indexOf('Prediction against the image:')).trimEnd().split('\n');
}

const GOT_PAST = /^ {2}line 2: the prediction fails here, but the build that made the image got past this line\./;

describe('buildah ignore file advice', () => {
  it('own ignore file excludes a source', async () => {
    const folder = contextWith({ 'Dockerfile.dockerignore': 'cache\n', '.dockerignore': 'other\n' });
    try {
      const { status, stdout, stderr } = await captureCli(runImage, ['--dockerfile', join(folder, 'Dockerfile'), archive]);
      assert.equal(status, 0, stderr);
      const section = predictionSection(stdout);
      assert.match(section[1], GOT_PAST);
      assert.equal(
        section[2],
        `  With Dockerfile.dockerignore applied, the build context ${folder} (the Dockerfile's folder, used when --context is not given) does not hold what the image's build read. ` +
          'buildah reads Dockerfile.dockerignore only when -f names the Dockerfile by an absolute path or by a path relative to the context folder. ' +
          'With a relative -f from another folder it reads .dockerignore instead, which is the likely cause. Otherwise, give the folder the image was built from with --context DIR.',
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('own ignore file without fallback', async () => {
    const folder = contextWith({ 'Dockerfile.dockerignore': 'cache\n' });
    try {
      const { stdout } = await captureCli(runImage, ['--dockerfile', join(folder, 'Dockerfile'), '--context', folder, archive]);
      const section = predictionSection(stdout);
      assert.match(section[2], /^ {2}With Dockerfile\.dockerignore applied, the build context \S+ does not hold/);
      assert.match(section[2], / With a relative -f from another folder it reads no ignore file, which is the likely cause\. /);

      const json = await captureCli(runImage, ['--json', '--dockerfile', join(folder, 'Dockerfile'), archive]);
      const report = JSON.parse(json.stdout) as ImageJson;
      assert.deepEqual(report.prediction?.buildahIgnoreFiles, { own: 'Dockerfile.dockerignore', fallback: null, fallbackAgreesOn: [] });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('root ignore file keeps context advice', async () => {
    // buildah reads .dockerignore for every -f here, so only another folder explains the missing source.
    const folder = contextWith({ '.dockerignore': 'cache\n' });
    try {
      const { stdout } = await captureCli(runImage, ['--json', '--dockerfile', join(folder, 'Dockerfile'), archive]);
      const report = JSON.parse(stdout) as ImageJson;
      assert.equal(report.prediction?.stop?.readsContext, true);
      assert.equal(report.prediction?.buildahIgnoreFiles, undefined);

      const text = await captureCli(runImage, ['--dockerfile', join(folder, 'Dockerfile'), archive]);
      assert.match(predictionSection(text.stdout)[2], /^ {2}The build context .* does not hold what the image's build read\. Give the folder the image was built from with --context DIR\.$/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
