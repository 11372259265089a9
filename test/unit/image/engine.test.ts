import { strict as assert } from 'node:assert';
import { createReadStream } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { EngineClient } from '../../../src/core/image/engine/client';
import { resolveEngineEndpoint } from '../../../src/core/image/engine/endpoint';
import { readImage } from '../../../src/core/image/readImage';
import { listenOnSocket, type EngineSocket } from './engineSocket';

const archive = join(__dirname, '../../fixtures/images/21-run-chains.docker.tar');

/** A fake engine that serves one image, `oracle/21-run-chains:docker`, from the fixture. */
function fakeEngine(requests: string[]): Server {
  return createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    const name = 'oracle/21-run-chains:docker';
    const json = (value: unknown) => response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(value));
    if (request.url === '/images/json') return json([{ Id: 'sha256:abc', RepoTags: [name], Size: 2056704 }]);
    if (request.url === `/images/${name}/json`) return json({ Id: 'sha256:abc' });
    if (request.url === `/images/${name}/history`) return json([{ CreatedBy: 'RUN x' }]);
    if (request.url === `/images/${name}/get`) {
      response.writeHead(200, { 'Content-Type': 'application/x-tar' });
      return void createReadStream(archive).pipe(response);
    }
    if (request.url === '/images/slow/json') return;
    response.writeHead(404).end('{"message":"No such image"}');
    return undefined;
  });
}

describe('readImage engine', () => {
  let engine: EngineSocket;
  const requests: string[] = [];

  before(async () => {
    engine = await listenOnSocket(fakeEngine(requests), 'layer-lens-engine-');
  });
  after(async () => {
    await engine.close();
  });
  beforeEach(() => {
    requests.length = 0;
  });

  it('streams an image by name', async () => {
    const image = await readImage({ kind: 'engine', name: 'oracle/21-run-chains:docker', endpoint: { socketPath: engine.socketPath } });
    assert.equal(image.source, 'docker://oracle/21-run-chains:docker');
    assert.equal(image.layers.length, 4);
    assert.deepEqual(image.layers[3].layer.entries.map((entry) => entry.path), ['/chain', '/chain/fallback']);
    assert.deepEqual(requests, ['GET /images/oracle/21-run-chains:docker/json', 'GET /images/oracle/21-run-chains:docker/get']);
  });

  it('unknown image', async () => {
    await assert.rejects(readImage({ kind: 'engine', name: 'nope:1', endpoint: { socketPath: engine.socketPath } }), {
      message: `unix://${engine.socketPath}: image nope:1 not found. List the engine's images with \`docker images\`.`,
    });
  });

  it('unknown image without a tag', async () => {
    await assert.rejects(readImage({ kind: 'engine', name: 'oracle/21-run-chains', endpoint: { socketPath: engine.socketPath } }), {
      message: `unix://${engine.socketPath}: image oracle/21-run-chains:latest not found. List the engine's images with \`docker images\`.`,
    });
  });

  it('lists images', async () => {
    const client = new EngineClient({ socketPath: engine.socketPath });
    assert.deepEqual(await client.listImages(), [{ id: 'sha256:abc', repoTags: ['oracle/21-run-chains:docker'], size: 2056704 }]);
    assert.deepEqual(await client.imageHistory('oracle/21-run-chains:docker'), [{ CreatedBy: 'RUN x' }]);
  });

  it('times out without data', async () => {
    const client = new EngineClient({ socketPath: engine.socketPath }, { idleTimeoutMs: 200 });
    await assert.rejects(client.inspectImage('slow'), {
      message: `unix://${engine.socketPath}: GET /images/slow/json timed out after 200 ms without data. Check that the engine answers \`docker version\`, then run the command again, or save the image with \`docker save -o FILE IMAGE\` and read FILE.`,
    });
  });

  it('no engine socket', async () => {
    await assert.rejects(readImage({ kind: 'engine', name: 'x', endpoint: { socketPath: join(engine.folder, 'absent.sock') } }), (error: Error) => {
      const socket = `unix://${join(engine.folder, 'absent.sock')}`;
      assert.equal(error.message, `${socket}: cannot reach the engine: the socket does not exist. Start Docker or Podman, or set DOCKER_HOST to the socket of a running engine.`);
      return true;
    });
  });
});

describe('resolveEngineEndpoint', () => {
  const none = () => false;

  it('DOCKER_HOST unix socket', () => {
    assert.deepEqual(resolveEngineEndpoint({ env: { DOCKER_HOST: 'unix:///tmp/d.sock' }, exists: none }), { socketPath: '/tmp/d.sock' });
  });

  it('DOCKER_HOST tcp without TLS', () => {
    assert.deepEqual(resolveEngineEndpoint({ env: { DOCKER_HOST: 'tcp://127.0.0.1:2375' }, exists: none }), { host: '127.0.0.1', port: 2375 });
  });

  it('DOCKER_HOST tcp with TLS', () => {
    assert.throws(() => resolveEngineEndpoint({ env: { DOCKER_HOST: 'tcp://127.0.0.1:2376', DOCKER_TLS_VERIFY: '1' }, exists: none }), /needs TLS/);
  });

  it('falls back to podman socket', () => {
    const env = { XDG_RUNTIME_DIR: '/run/user/1000' };
    const exists = (path: string) => path === '/run/user/1000/podman/podman.sock';
    assert.deepEqual(resolveEngineEndpoint({ env, exists }), { socketPath: '/run/user/1000/podman/podman.sock' });
  });

  it('no socket found', () => {
    assert.throws(() => resolveEngineEndpoint({ env: {}, exists: none }), {
      message: 'No container engine socket found (tried /var/run/docker.sock, /run/podman/podman.sock). Start Docker or Podman, or set DOCKER_HOST to unix:///path/to/docker.sock.',
    });
  });
});
