/** `explain --buildah-format`: the image format buildah writes, which decides whether SHELL and ONBUILD are kept. */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { makeContext, removeContexts } from '../predict/helpers';
import { captureCli, type CliRun } from './capture';

const dockerfile = 'FROM scratch AS base\nSHELL ["/bin/busybox", "ash", "-c"]\nONBUILD COPY a.txt /a.txt\nFROM base\n';

function explain(...options: string[]): Promise<CliRun> {
  const root = makeContext({ Dockerfile: dockerfile, 'a.txt': 'a\n' });
  return captureCli(main, ['explain', ...options, join(root, 'Dockerfile')]);
}

describe('explain --buildah-format', () => {
  after(removeContexts);

  it('docker runs the trigger, no infos', async () => {
    const { status, stdout, stderr } = await explain('--builder', 'buildah', '--buildah-format', 'docker');
    assert.equal(status, 0, stderr);
    assert.match(stdout, /, 5 steps, predicted for buildah \(--builder buildah --buildah-format docker\)\n/);
    assert.match(stdout, /line 4 {4}COPY a\.txt \/a\.txt\n {8}build trigger of this FROM: ONBUILD on line 3\n/);
    assert.doesNotMatch(stdout, /OCI image format/);
  });

  it('oci is the default', async () => {
    const oci = await explain('--builder', 'buildah', '--buildah-format', 'oci');
    const plain = await explain('--builder', 'buildah');
    assert.equal(oci.status, 0, oci.stderr);
    assert.match(oci.stdout, /, 4 steps, predicted for buildah \(--builder buildah --buildah-format oci\)\n/);
    // Each run has a context folder of its own, which the first line names.
    const withoutFolder = (text: string) => text.replace(/^\S+Dockerfile:/, 'Dockerfile:');
    assert.equal(withoutFolder(oci.stdout.replace(' --buildah-format oci', '')), withoutFolder(plain.stdout));
  });

  it('other builder is a usage error', async () => {
    const { status, stdout, stderr } = await explain('--buildah-format', 'docker');
    assert.equal(status, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /^layer-lens explain: --buildah-format applies only to --builder buildah, but the builder is buildkit\. Add --builder buildah or leave --buildah-format out\.\n/);
  });

  it('unknown format is a usage error', async () => {
    const { status, stderr } = await explain('--builder', 'buildah', '--buildah-format', 'v2s2');
    assert.equal(status, 2);
    assert.match(stderr, /^layer-lens explain: --buildah-format "v2s2" is not one of oci, docker\.\n/);
  });
});
