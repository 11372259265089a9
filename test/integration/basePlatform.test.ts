import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Analysis } from '../../src/core/analysis/types';
import { startFakeEngine, type FakeEngine } from './fakeEngine';
import { extensionId, openDockerfile, waitForDiagnostics } from './helpers';
import { PlatformTestService } from './platformSetting';

const imageId = 'sha256:0b8e1b4e2a7d6c5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f';

/** The start of the warning for an engine image of linux/amd64 while the setting requests linux/arm64. */
const armWarning = /^layerLens\.platform "linux\/arm64" does not match the base image busybox-local:2 in the container engine, which is for linux\/amd64 only, so Layer Lens stacks the prediction on that linux\/amd64 image\./;

function busyboxArchive(): string {
  const extension = vscode.extensions.getExtension(extensionId);
  assert.ok(extension, `${extensionId} is not installed in this editor`);
  return path.join(extension.extensionPath, 'test', 'fixtures', 'images', 'busybox-local-2.tar');
}

function platformProblems(analysis: Analysis): Analysis['problems'] {
  return analysis.problems.filter((problem) => problem.message.startsWith('layerLens.platform'));
}

describe('base image of another platform', () => {
  let folder: string;
  let engine: FakeEngine;
  let service: PlatformTestService;

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'layer-lens-base-platform-'));
    engine = await startFakeEngine(folder, { id: imageId, repoTag: 'busybox-local:2', archive: busyboxArchive() });
    service = new PlatformTestService('Layer Lens base platform test');
  });

  after(async () => {
    await service.restore();
    await engine.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('warns on the FROM line', async () => {
    const { document } = await openDockerfile('images/waste/Dockerfile');

    const analysis = await service.analyseFor('linux/arm64', document.uri, (candidate) => platformProblems(candidate).length > 0);

    const [problem, ...others] = platformProblems(analysis);
    assert.deepStrictEqual(others, []);
    assert.match(problem.message, armWarning);
    assert.strictEqual(problem.severity, 'warning');
    assert.strictEqual(problem.line, 1, 'the warning is not on the FROM line, line 1');
    // The prediction still stacks on the image read from the engine.
    assert.strictEqual(analysis.stack.lookup('/bin/busybox')?.entry.type, 'file');

    const diagnostics = await waitForDiagnostics(document.uri, (found) => found.some((diagnostic) => armWarning.test(diagnostic.message)));
    const diagnostic = diagnostics.find((found) => armWarning.test(found.message));
    assert.strictEqual(diagnostic?.range.start.line, 0);
    assert.strictEqual(diagnostic?.severity, vscode.DiagnosticSeverity.Warning);
    // Notified once, worded as the notices of the settings themselves are.
    const notices = service.notifications.filter((text) => text.includes('does not match the base image'));
    assert.strictEqual(notices.length, 1, JSON.stringify(service.notifications));
    assert.match(notices[0], /^Layer Lens: layerLens\.platform "linux\/arm64" does not match/);
  });

  it('invalid platform notifies in the same words', async () => {
    const { document } = await openDockerfile('images/waste/Dockerfile');

    await service.analyseFor('arm64', document.uri, (candidate) => candidate.problems.some((problem) => problem.message.startsWith('layerLens.platform "arm64" is not of the form')));

    const notices = service.notifications.filter((text) => text.includes('"arm64" is not of the form'));
    assert.strictEqual(notices.length, 1, JSON.stringify(service.notifications));
    assert.match(notices[0], /^Layer Lens: layerLens\.platform "arm64" is not of the form os\/arch\[\/variant\]/);
  });

  it('matching platform drops the warning', async () => {
    const { document } = await openDockerfile('images/waste/Dockerfile');

    // Fails by timing out when the warning stays after the setting matches the image.
    await service.analyseFor('linux/amd64', document.uri, (candidate) => candidate.stack.lookup('/bin/busybox') !== undefined && platformProblems(candidate).length === 0);

    await waitForDiagnostics(document.uri, (found) => !found.some((diagnostic) => armWarning.test(diagnostic.message)));
  });
});
