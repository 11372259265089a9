import * as assert from 'assert';
import * as fs from 'fs';
import { createServer, type Server } from 'http';
import * as os from 'os';
import * as path from 'path';
import type * as vscode from 'vscode';
import { ImageLibrary } from '../../src/extension/image/imageLibrary';

const imageId = 'sha256:bf4a0c1d2e3f405162738495a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f';

/** Serves a listing with one image tagged `bbl19:1`, whose inspect response has a number where a diff ID belongs. */
function brokenInspectEngine(): Server {
  return createServer((request, response) => {
    const json = (value: unknown) => response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(value));
    if (request.url === '/images/json') return json([{ Id: imageId, RepoTags: ['bbl19:1'], Size: 1 }]);
    if (request.url === `/images/${imageId}/json`) return json({ Id: imageId, RootFS: { Type: 'layers', Layers: [1] } });
    response.writeHead(404).end('{"message":"No such image"}');
    return undefined;
  });
}

describe('base image inspect warning', () => {
  let server: Server;
  let folder: string;
  let originalDockerHost: string | undefined;

  beforeEach(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'layer-lens-inspect-'));
    server = brokenInspectEngine();
    await new Promise<void>((resolve) => server.listen(path.join(folder, 'docker.sock'), resolve));
    originalDockerHost = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = `unix://${path.join(folder, 'docker.sock')}`;
  });

  afterEach(async () => {
    if (originalDockerHost === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = originalDockerHost;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('names the socket once', async () => {
    const warnings: string[] = [];
    const log = { warn: (message: string) => warnings.push(message), info: () => undefined } as unknown as vscode.LogOutputChannel;
    const socket = `unix://${path.join(folder, 'docker.sock')}`;

    const inspected = await new ImageLibrary(log).inspectLocalImage('bbl19:1');

    assert.equal(inspected, undefined);
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.ok(warnings[0].startsWith(`Failed to inspect the base image bbl19:1 (${imageId}): ${socket}: the inspect response`), warnings[0]);
    assert.ok(!warnings[0].includes(`${socket}: ${socket}`), warnings[0]);
  });
});
