/**
 * ONBUILD and SHELL under buildah's two image formats, checked against images that buildah 1.28.2
 * built (`bud --layers --isolation chroot`, vfs storage, pushed as `docker-archive:`).
 * test/fixtures/images/README.md describes how each was built.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import type { ExplainJson } from '../../../src/core/report/explainJson';
import { captureCli } from '../cli/capture';
import { listedLayers, writeListedArchive, type ListedEntry } from './listedImage';

const fixtures = join(__dirname, '../../fixtures/images/buildah-onbuild');
let folder = '';

/** Writes the image of fixture folder `name` as a docker-archive tagged `localhost/NAME`. */
function archiveOf(name: string, tag = `localhost/${name}`): string {
  return writeListedArchive(join(fixtures, name), folder, tag);
}

/** Lists a real layer's files as `path size`, as a predicted layer's are listed below. */
function realFiles(entries: readonly ListedEntry[]): string[] {
  const files = entries.filter((entry) => entry.type === 'file');
  return files.map((entry) => `${entry.name.slice(1)} ${entry.size ?? Buffer.byteLength(entry.text ?? '')}`).sort();
}

/** Lists the files that each predicted layer after the FROM adds or modifies, as `path size`. */
function predictedFiles(json: ExplainJson): string[][] {
  const layers = json.layers.filter((layer) => layer.stage === json.target && !layer.emptyLayer && layer.instruction !== 'FROM');
  return layers.map((layer) => layer.changes.filter((change) => change.type === 'file').map((change) => `${change.path} ${change.size}`).sort());
}

async function explainJson(...argv: string[]): Promise<ExplainJson> {
  const { status, stdout, stderr } = await captureCli(main, ['explain', '--json', ...argv]);
  assert.equal(status, 0, stderr);
  return JSON.parse(stdout) as ExplainJson;
}

describe('buildah image formats and ONBUILD', () => {
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'layer-lens-buildah-onbuild-'));
  });

  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('docker format runs stage triggers', async () => {
    const base = `localhost/bbl19:1=${archiveOf('bbl19', 'localhost/bbl19:1')}`;
    const json = await explainJson('--builder', 'buildah', '--buildah-format', 'docker', '--base-image', base, join(fixtures, 'Dockerfile'));
    const real = listedLayers(join(fixtures, 'onbuild-docker')).slice(2).map(realFiles);
    assert.deepEqual(predictedFiles(json), real);
    assert.deepEqual(json.problems.filter((problem) => problem.severity === 'info'), []);
  });

  it('OCI format runs no stage trigger', async () => {
    const base = `localhost/bbl19:1=${archiveOf('bbl19', 'localhost/bbl19:1')}`;
    const json = await explainJson('--builder', 'buildah', '--base-image', base, join(fixtures, 'Dockerfile'));
    const real = listedLayers(join(fixtures, 'onbuild-oci')).slice(2).map(realFiles);
    assert.deepEqual(predictedFiles(json), real);
    assert.deepEqual(json.problems.map((problem) => `${problem.line} ${problem.severity}`), ['2 info', '7 info']);
  });

  it('OCI format runs base image triggers', async () => {
    const json = await explainJson('--builder', 'buildah', '--base-image', `localhost/onbase=${archiveOf('onbase')}`, join(fixtures, 'child.Dockerfile'));
    const real = listedLayers(join(fixtures, 'onchild-oci')).slice(2).map(realFiles);
    assert.deepEqual(predictedFiles(json), real);
  });

  for (const name of ['onbuild-docker', 'onbuild-oci']) {
    it(`image --dockerfile agrees on ${name}`, async () => {
      const { status, stdout, stderr } = await captureCli(main, ['image', '--dockerfile', join(fixtures, 'Dockerfile'), archiveOf(name)]);
      assert.equal(status, 0, stderr);
      const lines = name === 'onbuild-docker' ? 8 : 6;
      assert.match(stdout, new RegExp(`Prediction against the image: the prediction agrees on every mapped line \\(${lines} lines\\)\\.\n`));
    });
  }

  it('image --base-image maps base triggers', async () => {
    const argv = ['image', '--dockerfile', join(fixtures, 'child.Dockerfile'), '--base-image', `localhost/onbase=${archiveOf('onbase')}`, archiveOf('onchild-oci')];
    const { status, stdout, stderr } = await captureCli(main, argv);
    assert.equal(status, 0, stderr);
    assert.equal(stderr, '');
    // History entries 5 and 6 are the layers of the base image's two triggers.
    assert.match(stdout, /^ {2}5 {2}line 1 .* COPY file:/m);
    assert.match(stdout, /^ {2}6 {2}line 1 .* echo "\$0" > \/app\/shell\.txt$/m);
    assert.match(stdout, /The Dockerfile's own steps wrote 26 B,/);
    assert.match(stdout, /Prediction against the image: the prediction agrees on every mapped line \(4 lines\)\.\n/);
    assert.doesNotMatch(stdout, /ONBUILD entries/);
  });

  it('image notes unread base triggers', async () => {
    const { status, stdout, stderr } = await captureCli(main, ['image', '--dockerfile', join(fixtures, 'child.Dockerfile'), archiveOf('onchild-oci')]);
    assert.equal(status, 0, stderr);
    assert.match(stdout, /^ {2}5 {2}base /m);
    assert.match(stdout, /The Dockerfile's own steps wrote 12 B,/);
    assert.match(stdout, /\nProblem: line 1: The base image's history has 2 ONBUILD entries, so the build may have run ONBUILD triggers after this FROM\. .* Give the base image with --base-image REF=SOURCE to map their layers to this line\.\n/);
  });

  it('image without base ONBUILD has no note', async () => {
    const { status, stdout, stderr } = await captureCli(main, ['image', '--dockerfile', join(fixtures, 'Dockerfile'), archiveOf('onbuild-oci')]);
    assert.equal(status, 0, stderr);
    assert.doesNotMatch(stdout, /ONBUILD entr/);
  });

  it('image --base-image needs --dockerfile', async () => {
    const { status, stderr } = await captureCli(main, ['image', '--base-image', 'localhost/onbase', archiveOf('onchild-oci')]);
    assert.equal(status, 2);
    assert.match(stderr, /^layer-lens image: --base-image gives the prediction of a Dockerfile its base image: give the Dockerfile with --dockerfile\.\n/);
  });
});
