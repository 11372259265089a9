import * as assert from 'assert';
import * as fs from 'fs';
import { createServer, type Server } from 'http';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Analysis } from '../../src/core/analysis/types';
import { AnalysisService } from '../../src/extension/analysisService';
import { coreEngine } from '../../src/extension/coreEngine';
import { ImageLibrary } from '../../src/extension/image/imageLibrary';
import { ImageLinks } from '../../src/extension/image/imageLinks';
import { ImageSupport } from '../../src/extension/image/imageSupport';
import { Notifier } from '../../src/extension/log';
import { waitUntil } from '../vscode/waitUntil';
import { analysisTimeoutMs, openDockerfile } from './helpers';
import { MemoryState } from './memoryState';

/** The fixture's Dockerfile starts `FROM busybox-local:2`. */
const dockerfile = 'images/waste/Dockerfile';

/**
 * Creates an analysis service of its own, with a new image library, so that no engine listing kept by the
 * extension's service or by another test decides what this one reads.
 */
function newService(disposables: vscode.Disposable[]): AnalysisService {
  const log = vscode.window.createOutputChannel('Layer Lens unread image test', { log: true });
  const notifier = new Notifier(log);
  const links = new ImageLinks(new MemoryState());
  const service = new AnalysisService(coreEngine(), log, notifier, new ImageSupport(links, new ImageLibrary(log), notifier, log));
  disposables.push(service, links, log);
  return service;
}

/** Returns the advice note of the FROM step from the first analysis whose note matches `expected`. */
async function fromAdvice(service: AnalysisService, uri: vscode.Uri, expected: RegExp): Promise<string> {
  let last: Analysis | undefined;
  let found: string | undefined;
  await waitUntil(`a FROM note of ${uri.fsPath} matching ${expected}`, analysisTimeoutMs, async () => {
    last = await service.analysisFor(uri);
    found = last?.steps[0]?.notes.find((note) => expected.test(note));
    return found !== undefined;
  }).catch((error: unknown) => {
    throw new Error(`${error instanceof Error ? error.message : String(error)}. The last FROM notes: ${JSON.stringify(last?.steps[0]?.notes)}`);
  });
  return found as string;
}

/** Creates a stand-in for the Docker Engine API that lists no images. */
function emptyEngine(): Server {
  return createServer((request, response) => {
    if (request.url === '/images/json') return void response.writeHead(200, { 'Content-Type': 'application/json' }).end('[]');
    response.writeHead(404).end('{"message":"No such image"}');
  });
}

describe('editor advice for an unread image', () => {
  const originalDockerHost = process.env.DOCKER_HOST;
  const disposables: vscode.Disposable[] = [];
  let folder: string;
  let server: Server | undefined;

  before(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'layer-lens-unread-image-'));
  });

  afterEach(async () => {
    for (const disposable of disposables.splice(0).reverse()) disposable.dispose();
    if (originalDockerHost === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = originalDockerHost;
    await vscode.workspace.getConfiguration('layerLens').update('readBaseImagesFromEngine', undefined, vscode.ConfigurationTarget.Workspace);
    if (server) {
      server.closeAllConnections();
      await new Promise((resolve) => server?.close(resolve));
      server = undefined;
    }
  });

  after(() => {
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('setting off names the workspace settings', async () => {
    await vscode.workspace.getConfiguration('layerLens').update('readBaseImagesFromEngine', false, vscode.ConfigurationTarget.Workspace);
    const { document } = await openDockerfile(dockerfile);

    const advice = await fromAdvice(newService(disposables), document.uri, /readBaseImagesFromEngine/);

    assert.strictEqual(advice, 'Layer Lens does not read it from the local container engine, because layerLens.readBaseImagesFromEngine is off in the workspace settings. Turn the setting on there to have it read.');
  });

  it('missing engine names DOCKER_HOST', async () => {
    const socket = `unix://${path.join(folder, 'missing.sock')}`;
    process.env.DOCKER_HOST = socket;
    const { document } = await openDockerfile(dockerfile);

    const advice = await fromAdvice(newService(disposables), document.uri, /container engine/);

    assert.strictEqual(advice, `The container engine's socket at ${socket} (DOCKER_HOST=${socket}) does not exist, so Layer Lens cannot read it. Start Docker or Podman, or set DOCKER_HOST to the socket of a running engine, to have it read.`);
  });

  it('socket nothing listens on says refused', async () => {
    // A socket file whose server has stopped, as a crashed engine leaves it. The file is renamed
    // before the server closes, because closing removes the file at the path the server listened on.
    const listening = path.join(folder, 'listening.sock');
    const stale = path.join(folder, 'stale.sock');
    const stopped = emptyEngine();
    await new Promise<void>((resolve) => stopped.listen(listening, resolve));
    fs.renameSync(listening, stale);
    await new Promise((resolve) => stopped.close(resolve));
    process.env.DOCKER_HOST = `unix://${stale}`;
    const { document } = await openDockerfile(dockerfile);

    const advice = await fromAdvice(newService(disposables), document.uri, /container engine/);

    assert.strictEqual(advice, `The connection to the container engine at unix://${stale} (DOCKER_HOST=unix://${stale}) was refused, so no engine listens there and Layer Lens cannot read it. Start Docker or Podman, or set DOCKER_HOST to the socket of a running engine, to have it read.`);
  });

  it('engine without the image says to pull it', async () => {
    const socketPath = path.join(folder, 'engine.sock');
    server = emptyEngine();
    await new Promise<void>((resolve) => server?.listen(socketPath, resolve));
    process.env.DOCKER_HOST = `unix://${socketPath}`;
    const { document } = await openDockerfile(dockerfile);

    const advice = await fromAdvice(newService(disposables), document.uri, /container engine/);

    assert.strictEqual(advice, `The container engine at unix://${socketPath} has no image tagged busybox-local:2, and Layer Lens pulls nothing. Pull or build it to have it read.`);
  });
});
