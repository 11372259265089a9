import * as assert from 'assert';
import * as fs from 'fs';
import { createServer, type Server } from 'http';
import * as os from 'os';
import * as path from 'path';
import type * as vscode from 'vscode';
import { ImageLibrary } from '../../src/extension/image/imageLibrary';

const imageId = 'sha256:bf4a0c1d2e3f405162738495a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f';

/**
 * Serves a listing with one image tagged `bbl19:1`, whose inspect response has a number where a
 * diff ID belongs, and whose export fails with HTTP 500.
 */
function brokenEngine(): Server {
  return createServer((request, response) => {
    const json = (status: number, value: unknown) => response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(value));
    if (request.url === '/images/json') return json(200, [{ Id: imageId, RepoTags: ['bbl19:1'], Size: 1 }]);
    if (request.url === `/images/${imageId}/json`) return json(200, { Id: imageId, RootFS: { Type: 'layers', Layers: [1] } });
    if (request.url === `/images/${imageId}/get`) return json(500, { message: 'export broke' });
    return json(404, { message: 'No such image' });
  });
}

describe('base image warnings', () => {
  let server: Server;
  let folder: string;
  let socket: string;
  let originalDockerHost: string | undefined;
  let warnings: string[];
  let library: ImageLibrary;

  beforeEach(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'layer-lens-base-warnings-'));
    server = brokenEngine();
    await new Promise<void>((resolve) => server.listen(path.join(folder, 'docker.sock'), resolve));
    socket = `unix://${path.join(folder, 'docker.sock')}`;
    originalDockerHost = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = socket;
    warnings = [];
    const log = { warn: (message: string) => warnings.push(message), info: () => undefined } as unknown as vscode.LogOutputChannel;
    library = new ImageLibrary(log);
  });

  afterEach(async () => {
    if (originalDockerHost === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = originalDockerHost;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('inspect names the socket once', async () => {
    const inspected = await library.inspectLocalImage('bbl19:1');

    assert.equal(inspected, undefined);
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.ok(warnings[0].startsWith(`Failed to inspect the base image bbl19:1 (${imageId}) from the engine at ${socket}: the inspect response`), warnings[0]);
    assert.equal(warnings[0].split(socket).length, 2, warnings[0]);
  });

  it('read names the socket once', async () => {
    const image = await library.localImage('bbl19:1');

    assert.equal(image, undefined);
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.ok(warnings[0].startsWith(`Failed to read the base image bbl19:1 (${imageId}) from the engine at ${socket}: GET /images/${imageId}/get failed with HTTP 500: export broke.`), warnings[0]);
    assert.equal(warnings[0].split(socket).length, 2, warnings[0]);
  });
});
