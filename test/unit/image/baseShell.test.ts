/**
 * A RUN of a stage FROM an image whose configuration records `Shell` runs under that shell, except
 * under buildah's default OCI format. Checked against images that Docker Engine 20.10's classic
 * builder and buildah 1.28.2 built, as test/fixtures/images/README.md describes.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { planBuild } from '../../../src/core/dockerfile/plan';
import { imageConfig } from '../../../src/core/image/knownImage';
import type { ExplainJson } from '../../../src/core/report/explainJson';
import { shellInForce } from '../../../src/core/predict/run/script';
import { captureCli } from '../cli/capture';
import { listedLayers, writeListedArchive } from './listedImage';

const fixtures = join(__dirname, '../../fixtures/images/base-shell');
const dockerfile = join(fixtures, 'Dockerfile');
const baseReference = 'localhost/shellbase';
let folder = '';

/** Writes the image of fixture folder `name` as a docker-archive. */
function archiveOf(name: string, tag = `localhost/${name}`): string {
  return writeListedArchive(join(fixtures, name), folder, tag);
}

/** Returns the text that the RUN wrote to `/shell.txt` in the real image of fixture folder `name`. */
function realShellText(name: string): string {
  const layers = listedLayers(join(fixtures, name));
  const entry = layers[layers.length - 1].find((item) => item.name === './shell.txt');
  assert.ok(entry?.text !== undefined, `no /shell.txt in ${name}`);
  return entry.text;
}

/** Returns the size of `/shell.txt` in the predicted RUN layer. */
function predictedShellSize(json: ExplainJson): number | null | undefined {
  const run = json.layers.find((layer) => layer.instruction === 'RUN');
  return run?.changes.find((change) => change.path === '/shell.txt')?.size;
}

async function explainJson(...argv: string[]): Promise<ExplainJson> {
  const { status, stdout, stderr } = await captureCli(main, ['explain', '--json', ...argv]);
  assert.equal(status, 0, stderr);
  return JSON.parse(stdout) as ExplainJson;
}

/** Returns the base image's configuration as the fixture records it. */
function fixtureConfig(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(fixtures, name, 'config.json'), 'utf8')) as Record<string, unknown>;
}

describe('base image shell', () => {
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'layer-lens-base-shell-'));
  });

  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('configuration reads Shell', () => {
    assert.deepEqual(imageConfig(fixtureConfig('classic-base'))?.shell, ['/bin/busybox', 'ash', '-c']);
    assert.deepEqual(imageConfig(fixtureConfig('buildah-base'))?.shell, ['/bin/busybox', 'ash', '-c']);
    assert.equal(imageConfig(fixtureConfig('buildah-oci'))?.shell, undefined);
  });

  it('BuildKit starts RUN with it', () => {
    const config = imageConfig(fixtureConfig('classic-base'));
    const plan = planBuild(readFileSync(dockerfile, 'utf8'), { baseImages: (reference) => (reference === baseReference ? config : undefined) });
    const steps = plan.stages[0].steps;
    assert.deepEqual(shellInForce(steps.slice(0, 1)), ['/bin/busybox', 'ash', '-c']);
    assert.deepEqual(plan.problems, []);
  });

  it('a SHELL line replaces it', () => {
    const config = imageConfig(fixtureConfig('classic-base'));
    const text = `FROM ${baseReference}\nSHELL ["/bin/sh", "-ec"]\nRUN true\n`;
    const plan = planBuild(text, { builder: 'classic', baseImages: () => config });
    assert.deepEqual(shellInForce(plan.stages[0].steps.slice(0, 2)), ['/bin/sh', '-ec']);
  });

  it('stage FROM stage keeps it', () => {
    const config = imageConfig(fixtureConfig('classic-base'));
    const plan = planBuild(`FROM ${baseReference} AS one\nFROM one\nRUN true\n`, { baseImages: () => config });
    const chain = [...plan.stages[0].steps, plan.stages[1].steps[0]];
    assert.deepEqual(shellInForce(chain), ['/bin/busybox', 'ash', '-c']);
  });

  it('classic runs RUN under it', async () => {
    const base = `${baseReference}=${archiveOf('classic-base', baseReference)}`;
    const json = await explainJson('--builder', 'classic', '--base-image', base, dockerfile);
    assert.equal(realShellText('classic-child'), 'ash\n');
    assert.equal(predictedShellSize(json), Buffer.byteLength(realShellText('classic-child')));
    assert.deepEqual(json.problems, []);
  });

  it('buildah docker format runs RUN under it', async () => {
    const base = `${baseReference}=${archiveOf('buildah-base', baseReference)}`;
    const json = await explainJson('--builder', 'buildah', '--buildah-format', 'docker', '--base-image', base, dockerfile);
    assert.equal(realShellText('buildah-docker'), 'ash\n');
    assert.equal(predictedShellSize(json), Buffer.byteLength(realShellText('buildah-docker')));
    assert.deepEqual(json.problems, []);
  });

  it('buildah OCI format drops it', async () => {
    const base = `${baseReference}=${archiveOf('buildah-base', baseReference)}`;
    const json = await explainJson('--builder', 'buildah', '--base-image', base, dockerfile);
    assert.equal(realShellText('buildah-oci'), '/bin/sh\n');
    assert.equal(predictedShellSize(json), Buffer.byteLength(realShellText('buildah-oci')));
    assert.deepEqual(json.problems.map((problem) => `${problem.line} ${problem.severity}`), ['1 info']);
    assert.match(json.problems[0].message, /sets the shell \["\/bin\/busybox","ash","-c"\], but buildah writes the OCI image format by default/);
  });

  for (const name of ['classic-child', 'buildah-docker', 'buildah-oci']) {
    it(`image --dockerfile agrees on ${name}`, async () => {
      const { status, stdout, stderr } = await captureCli(main, ['image', '--dockerfile', dockerfile, archiveOf(name)]);
      assert.equal(status, 0, stderr);
      assert.match(stdout, /Prediction against the image: the prediction agrees on every mapped line \(1 line\)\.\n/);
    });
  }
});
