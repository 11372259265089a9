import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Analysis } from '../../src/core/analysis/types';
import { linkedImageOf } from '../../src/core/image/linkedAnalysis';
import { hostPlatform } from '../../src/core/image/platform';
import { ImageLibrary } from '../../src/extension/image/imageLibrary';
import { writeIndexLayout } from '../unit/image/indexLayout';
import { extensionId, openDockerfile, waitForDiagnostics } from './helpers';
import { PlatformTestService } from './platformSetting';

/** Docker Engine 20.10 saved this linux/amd64 image of `images/rm-rf/Dockerfile`. */
function rmRfArchive(): string {
  const extension = vscode.extensions.getExtension(extensionId);
  assert.ok(extension, `${extensionId} is not installed in this editor`);
  return path.join(extension.extensionPath, 'test', 'fixtures', 'images', '16-rm-rf-recreate.docker-overlay2.tar');
}

/** Returns the warning for that linked image while the setting requests linux/arm64. */
function armWarning(archive: string): string {
  return `layerLens.platform "linux/arm64" does not match the linked image ${archive}, which is for linux/amd64, ` +
    'so Layer Lens compares a linux/arm64 prediction with a linux/amd64 image. Link a linux/arm64 image, or set layerLens.platform to linux/amd64.';
}

function linkedPlatformProblems(analysis: Analysis): Analysis['problems'] {
  return analysis.problems.filter((problem) => problem.message.startsWith('layerLens.platform') && problem.message.includes('linked image'));
}

describe('linked image of another platform', () => {
  const originalDockerHost = process.env.DOCKER_HOST;
  let folder: string;
  let service: PlatformTestService;
  let archive: string;

  before(() => {
    // No engine listens on this socket, so the base image comes from the linked image alone.
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'layer-lens-linked-platform-'));
    process.env.DOCKER_HOST = `unix://${path.join(folder, 'docker.sock')}`;
    archive = rmRfArchive();
    service = new PlatformTestService('Layer Lens linked platform test');
  });

  after(async () => {
    await service.restore();
    if (originalDockerHost === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = originalDockerHost;
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('warns on the FROM line', async () => {
    const { document } = await openDockerfile('images/rm-rf/Dockerfile');
    await service.links.set(document.uri, { kind: 'path', path: archive });

    const analysis = await service.analyseFor('linux/arm64', document.uri, (candidate) => linkedImageOf(candidate) !== undefined && linkedPlatformProblems(candidate).length > 0);

    const [problem, ...others] = linkedPlatformProblems(analysis);
    assert.deepStrictEqual(others, []);
    assert.strictEqual(problem.message, armWarning(archive));
    assert.strictEqual(problem.severity, 'warning');
    assert.strictEqual(problem.line, 1, 'the warning is not on the FROM line, line 1');

    const diagnostics = await waitForDiagnostics(document.uri, (found) => found.some((diagnostic) => diagnostic.message === armWarning(archive)));
    const diagnostic = diagnostics.find((found) => found.message === armWarning(archive));
    assert.strictEqual(diagnostic?.range.start.line, 0);
    assert.strictEqual(diagnostic?.severity, vscode.DiagnosticSeverity.Warning);
  });

  it('matching platform drops the warning', async () => {
    const { document } = await openDockerfile('images/rm-rf/Dockerfile');

    // Fails by timing out when the warning stays after the setting matches the image.
    await service.analyseFor('linux/amd64', document.uri, (candidate) => linkedImageOf(candidate) !== undefined && linkedPlatformProblems(candidate).length === 0);

    await waitForDiagnostics(document.uri, (found) => !found.some((diagnostic) => diagnostic.message === armWarning(archive)));
  });
});

describe('index platform in the editor log', () => {
  let folder: string;
  const disposables: vscode.Disposable[] = [];

  before(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'layer-lens-index-platform-'));
  });

  after(() => {
    for (const disposable of disposables.reverse()) disposable.dispose();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('warns of a config for another platform', async () => {
    // The editor reads an index for the host's platform, so the index lists the host's and the config names another.
    const host = hostPlatform().split('/')[1];
    const other = host === 'amd64' ? 'arm64' : 'amd64';
    writeIndexLayout(folder, { architecture: host }, { architecture: other });
    const channel = vscode.window.createOutputChannel('Layer Lens index platform test', { log: true });
    disposables.push(channel);
    const warnings: string[] = [];
    // The channel's own methods run on the channel itself, and its warnings are kept here.
    const log = new Proxy(channel, {
      get: (target, key) => {
        if (key === 'warn') return (message: string) => void warnings.push(message);
        const value: unknown = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });

    await new ImageLibrary(log).readQuietly({ kind: 'path', path: folder });

    const expected = `${folder}: ${folder}: the index lists the image for linux/${host}, but its config is for linux/${other}, so its layers may hold linux/${other} files. `
      + `The image is reported as linux/${host}, as the index lists it.`;
    assert.deepStrictEqual(warnings, [expected]);
  });
});
