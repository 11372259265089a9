/** The configuration and diff IDs of an engine image read by inspecting it, against a fake engine on a unix socket. */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { EngineClient } from '../../../src/core/image/engine/client';
import { inspectImageLayers } from '../../../src/core/image/engine/inspectedImage';
import { imageConfig } from '../../../src/core/image/knownImage';
import { readImage } from '../../../src/core/image/readImage';
import type { ImageData } from '../../../src/core/image/types';
import { listenOnSocket, type EngineSocket } from './engineSocket';

const archivePath = join(__dirname, '../../fixtures/images/21-run-chains.docker.tar');
const name = 'oracle/21-run-chains:docker';
/** The next step that a failed inspect message gives. The message starts with the address, so the advice does not name it again. */
const advice = `Check that this address serves Docker Engine's API, or save the image with \`docker save -o FILE ${name}\` and read FILE.`;

/**
 * Creates a fake engine that serves `name`: its inspect response is `inspectBody()`, and its
 * export is the archive. `requests` collects each request's path.
 */
function savingEngine(requests: string[], inspectBody: () => unknown): Server {
  return createServer((request, response) => {
    requests.push(request.url ?? '');
    if (request.url === `/images/${name}/json`) return void response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(inspectBody()));
    if (request.url === `/images/${name}/get`) return void response.writeHead(200, { 'Content-Type': 'application/x-tar' }).end(readFileSync(archivePath));
    response.writeHead(404).end('{"message":"No such image"}');
    return undefined;
  });
}

describe('engine image inspect', () => {
  let engine: EngineSocket;
  let saved: ImageData;
  const requests: string[] = [];
  let inspectBody: () => unknown;
  const dockerInspect = () => ({ Id: 'sha256:abc', Config: saved.config.config, RootFS: { Type: 'layers', Layers: saved.layers.map((layer) => layer.diffId) } });

  before(async () => {
    saved = await readImage({ kind: 'path', path: archivePath });
    engine = await listenOnSocket(savingEngine(requests, () => inspectBody()), 'layer-lens-engine-inspect-');
  });
  after(async () => {
    await engine.close();
  });

  beforeEach(() => {
    requests.length = 0;
    inspectBody = dockerInspect;
  });

  it('matches the exported image', async () => {
    const exported = await readImage({ kind: 'engine', name, endpoint: { socketPath: engine.socketPath } });
    requests.length = 0;

    const inspected = await inspectImageLayers(new EngineClient({ socketPath: engine.socketPath }), name);

    assert.deepEqual(inspected.diffIds, exported.layers.map((layer) => layer.diffId));
    assert.deepEqual(inspected.config, imageConfig(exported.config));
    assert.equal(inspected.id, 'sha256:abc');
    assert.deepEqual(requests, [`/images/${name}/json`]);
  });

  it('keeps the configuration fields', async () => {
    inspectBody = () => ({ ...dockerInspect(), Config: { Env: ['PATH=/bin', 'A=1'], WorkingDir: '/app', User: 'app', Shell: ['/bin/bash', '-c'], OnBuild: ['RUN true'] } });

    const inspected = await inspectImageLayers(new EngineClient({ socketPath: engine.socketPath }), name);

    assert.deepEqual(inspected.config, { env: new Map([['PATH', '/bin'], ['A', '1']]), workdir: '/app', user: 'app', shell: ['/bin/bash', '-c'], onBuild: ['RUN true'] });
  });

  it('without RootFS.Layers fails', async () => {
    inspectBody = () => ({ Id: 'sha256:abc', Config: {} });

    await assert.rejects(inspectImageLayers(new EngineClient({ socketPath: engine.socketPath }), name), (error: Error) => {
      assert.equal(error.message, `unix://${engine.socketPath}: the inspect response for the image ${name} has no RootFS.Layers list, so the image's layers are unknown. ${advice}`);
      return true;
    });
  });

  it('RootFS.Layers not a list fails', async () => {
    inspectBody = () => ({ Id: 'sha256:abc', RootFS: { Layers: 'sha256:a' } });

    await assert.rejects(inspectImageLayers(new EngineClient({ socketPath: engine.socketPath }), name), (error: Error) => {
      assert.equal(error.message, `unix://${engine.socketPath}: the inspect response for the image ${name} has a RootFS.Layers that is not a list, so the image's layers are unknown. ${advice}`);
      return true;
    });
  });

  it('RootFS.Layers item not a string fails', async () => {
    inspectBody = () => ({ Id: 'sha256:abc', RootFS: { Layers: ['sha256:a', 1] } });

    await assert.rejects(inspectImageLayers(new EngineClient({ socketPath: engine.socketPath }), name), (error: Error) => {
      assert.equal(error.message, `unix://${engine.socketPath}: the inspect response for the image ${name} has 1 at RootFS.Layers[1], where a diff ID string belongs, so the image's layers are unknown. ${advice}`);
      return true;
    });
  });
});
