import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Analysis } from '../../src/core/analysis/types';
import { linkedImageOf } from '../../src/core/image/linkedAnalysis';
import { writeListedArchive } from '../unit/image/listedImage';
import { startFakeEngine, type FakeEngine } from './fakeEngine';
import { extensionId, openDockerfile } from './helpers';
import { PlatformTestService } from './platformSetting';

const baseImageId = 'sha256:5b1c0d2e3f405162738495a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f80';

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

describe('engine base image of a linked image', () => {
  let folder: string;
  let engine: FakeEngine;
  let service: PlatformTestService;
  let childArchive: string;

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'layer-lens-engine-base-triggers-'));
    const fixtures = onbuildFixtures();
    const baseArchive = writeListedArchive(path.join(fixtures, 'onbase'), folder, 'localhost/onbase');
    childArchive = writeListedArchive(path.join(fixtures, 'onchild-oci'), fs.mkdtempSync(path.join(folder, 'child-')), 'localhost/onchild');
    engine = await startFakeEngine(folder, { id: baseImageId, repoTag: 'localhost/onbase:latest', archive: baseArchive });
    service = new PlatformTestService('Layer Lens engine base triggers test');
  });

  after(async () => {
    await service.restore();
    await engine.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('maps trigger layers to FROM', async () => {
    const { document } = await openDockerfile('images/engine-onbuild/Dockerfile');
    await service.links.set(document.uri, { kind: 'path', path: childArchive });

    const analysis = await service.analyseFor('linux/amd64', document.uri, (candidate) => linkedImageOf(candidate) !== undefined);

    // History entries 5 and 6 are the layers of the base image's two triggers, run by the FROM on line 2.
    const sources = stepSources(analysis);
    assert.deepStrictEqual(sources.filter((source) => source === '2 image'), ['2 image', '2 image'], sources.join('\n'));
    assert.ok(!analysis.problems.some((problem) => problem.message.includes('ONBUILD entries')), analysis.problems.map((problem) => problem.message).join('\n'));
  });
});
