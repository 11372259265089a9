import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Analysis } from '../../src/core/analysis/types';
import { linkedImageOf } from '../../src/core/image/linkedAnalysis';
import { readImage } from '../../src/core/image/readImage';
import type { ImageSource } from '../../src/core/image/types';
import { listedLayers, writeListedArchive } from '../unit/image/listedImage';
import { startFakeEngine, type FakeEngineImage } from './fakeEngine';
import { extensionId, openDockerfile, workspaceUri } from './helpers';
import { PlatformTestService } from './platformSetting';

const baseImageId = 'sha256:5b1c0d2e3f405162738495a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f80';
const rebuiltBaseImageId = 'sha256:6c2d1e3f4051627384956a7b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f70819';

/** Returns the folder of a buildah 1.28.2 build's fixtures, whose base image has two ONBUILD triggers. */
function onbuildFixtures(): string {
  const extension = vscode.extensions.getExtension(extensionId);
  assert.ok(extension, `${extensionId} is not installed in this editor`);
  return path.join(extension.extensionPath, 'test', 'fixtures', 'images', 'buildah-onbuild');
}

/** Lists the line and source of each step from the linked image, as `line kind`. */
function stepSources(analysis: Analysis): string[] {
  const image = linkedImageOf(analysis);
  assert.ok(image, 'the analysis has no linked image');
  return analysis.steps.map((step, index) => `${step.line} ${image.sources[index].kind}`);
}

/**
 * Writes the base image as a rebuild would leave it: the same configuration, with its two
 * ONBUILD triggers, over a changed /base.txt, so that its last layer has another diff ID.
 */
function writeRebuiltBase(fixture: string, folder: string): string {
  const rebuilt = fs.mkdtempSync(path.join(folder, 'rebuilt-'));
  fs.copyFileSync(path.join(fixture, 'config.json'), path.join(rebuilt, 'config.json'));
  const layers = listedLayers(fixture);
  const baseText = layers.flat().find((entry) => entry.name === './base.txt');
  assert.ok(baseText, `${fixture} has no ./base.txt`);
  baseText.text = 'rebuilt\n';
  fs.writeFileSync(path.join(rebuilt, 'layers.json'), JSON.stringify(layers));
  return writeListedArchive(rebuilt, rebuilt, 'localhost/onbase');
}

/**
 * Links `childArchive` to the workspace's Dockerfile while an engine serves `image`, and returns
 * the linked analysis with the sources of the images that the analysis read in full.
 */
async function analyseWithEngineImage(folder: string, childArchive: string, image: FakeEngineImage): Promise<{ analysis: Analysis; reads: ImageSource[] }> {
  const engine = await startFakeEngine(fs.mkdtempSync(path.join(folder, 'engine-')), image);
  const reads: ImageSource[] = [];
  const service = new PlatformTestService('Layer Lens engine base triggers test', (source, options) => {
    reads.push(source);
    return readImage(source, options);
  });
  try {
    // Linked before it is opened, so that the service has no analysis without the link, which reads the base in full.
    const dockerfile = workspaceUri('images/engine-onbuild/Dockerfile');
    await service.links.set(dockerfile, { kind: 'path', path: childArchive });
    await openDockerfile('images/engine-onbuild/Dockerfile');
    const analysis = await service.analyseFor('linux/amd64', dockerfile, (candidate) => linkedImageOf(candidate) !== undefined);
    return { analysis, reads };
  } finally {
    await service.restore();
    await engine.stop();
  }
}

describe('engine base image of a linked image', () => {
  let folder: string;
  let childArchive: string;

  before(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'layer-lens-engine-base-triggers-'));
    childArchive = writeListedArchive(path.join(onbuildFixtures(), 'onchild-oci'), fs.mkdtempSync(path.join(folder, 'child-')), 'localhost/onchild');
  });

  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('maps trigger layers to FROM', async () => {
    const baseArchive = writeListedArchive(path.join(onbuildFixtures(), 'onbase'), fs.mkdtempSync(path.join(folder, 'base-')), 'localhost/onbase');

    const { analysis, reads } = await analyseWithEngineImage(folder, childArchive, { id: baseImageId, repoTag: 'localhost/onbase:latest', archive: baseArchive });

    // History entries 5 and 6 are the layers of the base image's two triggers, run by the FROM on line 2.
    const sources = stepSources(analysis);
    assert.deepStrictEqual(sources.filter((source) => source === '2 image'), ['2 image', '2 image'], sources.join('\n'));
    assert.ok(!analysis.problems.some((problem) => problem.message.includes('ONBUILD entries')), analysis.problems.map((problem) => problem.message).join('\n'));
    // The prediction uses the linked image's own base layers, so the engine's copy is inspected, not exported.
    assert.deepStrictEqual(reads.filter((source) => source.kind === 'engine'), []);
  });

  it('ignores a rebuilt base', async () => {
    const rebuiltArchive = writeRebuiltBase(path.join(onbuildFixtures(), 'onbase'), folder);

    // The engine's tag names the rebuilt image, whose layers are not those the child was built on.
    const { analysis, reads } = await analyseWithEngineImage(folder, childArchive, { id: rebuiltBaseImageId, repoTag: 'localhost/onbase:latest', archive: rebuiltArchive });

    // Without the rebuilt image's triggers, history entries 5 and 6 stay base image layers.
    const sources = stepSources(analysis);
    assert.deepStrictEqual(sources.filter((source) => source === '2 image'), [], sources.join('\n'));
    const messages = analysis.problems.map((problem) => problem.message);
    assert.ok(messages.some((message) => message.includes('2 ONBUILD entries')), messages.join('\n'));
    assert.deepStrictEqual(reads.filter((source) => source.kind === 'engine'), []);
  });
});
