/** Errors of the engine client: the engine's own message, and failures to connect, against fake engines on unix sockets. */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { chmodSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineClient, EngineUnreachableError } from '../../../src/core/image/engine/client';
import { readImage } from '../../../src/core/image/readImage';
import { listenOnSocket, type EngineSocket } from './engineSocket';

/** Error bodies by image name; each is served with the status before the first `/`. */
const responses: Record<string, [number, string]> = {
  fire: [500, '{"message":"disk on fire"}'],
  UPPER: [400, '{"message":"invalid reference format: repository name (library/UPPER) must be lowercase"}'],
  spaced: [500, '{"message":"  two\\n lines.  "}'],
  long: [500, JSON.stringify({ message: 'x'.repeat(1000) })],
  huge: [500, JSON.stringify({ message: 'x'.repeat(5000) })],
  text: [502, 'Bad Gateway'],
  empty: [503, ''],
};

/** What to do after a 5xx, for the image `name`. */
const engineAdvice = (name: string) => `Check that the engine answers \`docker version\`, then run the command again, or save the image with \`docker save -o FILE ${name}\` and read FILE.`;

function failingEngine(): Server {
  return createServer((request, response) => {
    if (request.url === '/images/json') return void response.writeHead(404, { 'Content-Type': 'text/plain' }).end('404 page not found');
    const name = /^\/images\/([^/]+)\/json$/.exec(request.url ?? '')?.[1] ?? '';
    const [status, body] = responses[name] ?? [404, '{"message":"No such image"}'];
    response.writeHead(status, { 'Content-Type': 'application/json' }).end(body);
  });
}

describe('engine error messages', () => {
  let engine: EngineSocket;
  let client: EngineClient;

  before(async () => {
    engine = await listenOnSocket(failingEngine(), 'layer-lens-engine-errors-');
    client = new EngineClient({ socketPath: engine.socketPath });
  });
  after(async () => {
    await engine.close();
  });

  it('server error with a message', async () => {
    await assert.rejects(client.inspectImage('fire'), { message: `unix://${engine.socketPath}: GET /images/fire/json failed with HTTP 500: disk on fire. ${engineAdvice('fire')}` });
  });

  it('bad request through readImage', async () => {
    await assert.rejects(readImage({ kind: 'engine', name: 'UPPER', endpoint: { socketPath: engine.socketPath } }), {
      message: `unix://${engine.socketPath}: GET /images/UPPER/json failed with HTTP 400: invalid reference format: repository name (library/UPPER) must be lowercase. Check the image name UPPER, and list the engine's images with \`docker images\`.`,
    });
  });

  it('message whitespace and full stop', async () => {
    await assert.rejects(client.inspectImage('spaced'), { message: `unix://${engine.socketPath}: GET /images/spaced/json failed with HTTP 500: two lines. ${engineAdvice('spaced')}` });
  });

  it('long message is cut', async () => {
    await assert.rejects(client.inspectImage('long'), { message: `unix://${engine.socketPath}: GET /images/long/json failed with HTTP 500: ${'x'.repeat(300)}…. ${engineAdvice('long')}` });
  });

  it('huge body gives no message', async () => {
    // The body is cut at 4 KiB, so its JSON is incomplete and no message is taken from it.
    await assert.rejects(client.inspectImage('huge'), { message: `unix://${engine.socketPath}: GET /images/huge/json failed with HTTP 500. ${engineAdvice('huge')}` });
  });

  it('body that is not JSON', async () => {
    await assert.rejects(client.inspectImage('text'), { message: `unix://${engine.socketPath}: GET /images/text/json failed with HTTP 502. ${engineAdvice('text')}` });
    await assert.rejects(client.inspectImage('empty'), { message: `unix://${engine.socketPath}: GET /images/empty/json failed with HTTP 503. ${engineAdvice('empty')}` });
  });

  it('image list not found', async () => {
    // Docker Engine's API always has the image list, so a 404 means the address serves something else.
    await assert.rejects(client.listImages(), {
      message: `unix://${engine.socketPath}: GET /images/json failed with HTTP 404. Check that this address serves Docker Engine's API, or save the image with \`docker save -o FILE IMAGE\` and read FILE.`,
    });
  });
});

/**
 * Lists the images of the engine at `socketPath` in a child process, and returns what failed.
 * Root opens any socket, so under root the child runs as the user `nobody` (util-linux `setpriv`).
 * The child runs asynchronously, because the fake engine answers from this process.
 */
async function listImagesAsOrdinaryUser(socketPath: string): Promise<{ message: string; code?: string; unreachable?: string }> {
  const child = join(__dirname, 'listImagesChild.ts');
  const node = [process.execPath, '--require', require.resolve('tsx/cjs'), child, socketPath];
  const command = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...node] : node;
  const { stdout } = await promisify(execFile)(command[0], command.slice(1), { encoding: 'utf8' });
  return JSON.parse(stdout);
}

describe('engine connection failures', () => {
  it('socket refuses connections', async () => {
    // A socket file that nothing listens on, as an engine that stopped leaves behind. The server
    // removes its socket file when it stops, so the file is renamed before.
    const folder = mkdtempSync(join(tmpdir(), 'layer-lens-engine-refused-'));
    const stale = join(folder, 'stale.sock');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(join(folder, 'docker.sock'), resolve));
    renameSync(join(folder, 'docker.sock'), stale);
    await new Promise((resolve) => server.close(resolve));
    try {
      const error = await new EngineClient({ socketPath: stale }).listImages().then(
        () => assert.fail('the images were listed'),
        (failure: Error) => failure,
      );

      assert.equal(error.message, `unix://${stale}: cannot reach the engine: the connection was refused, so no engine listens there. Start Docker or Podman, or set DOCKER_HOST to the socket of a running engine.`);
      assert.ok(error instanceof EngineUnreachableError);
      assert.equal(error.code, 'ECONNREFUSED');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('socket permission denied', async () => {
    const engine = await listenOnSocket(failingEngine(), 'layer-lens-engine-denied-');
    try {
      // With the folder and the socket open to all, the ordinary user reaches the engine, so the
      // denial below comes from the socket's mode alone.
      chmodSync(engine.folder, 0o755);
      chmodSync(engine.socketPath, 0o777);
      assert.notEqual((await listImagesAsOrdinaryUser(engine.socketPath)).code, 'EACCES');
      chmodSync(engine.socketPath, 0o000);

      const failure = await listImagesAsOrdinaryUser(engine.socketPath);

      assert.equal(failure.message, `unix://${engine.socketPath}: cannot reach the engine: permission to open the socket is denied. Add your user to the group that owns the socket (docker, for Docker Engine) and log in again, or set DOCKER_HOST to a socket you may open.`);
      assert.equal(failure.unreachable, EngineUnreachableError.name);
      assert.equal(failure.code, 'EACCES');
    } finally {
      await engine.close();
    }
  });
});
