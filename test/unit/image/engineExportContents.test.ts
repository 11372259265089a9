/** An engine export that arrives whole but contains no image, or is no tar archive, against a fake engine on a unix socket. */
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import { readImage } from '../../../src/core/image/readImage';
import { listenOnSocket, type EngineSocket } from './engineSocket';

const name = 'app:1';
/** What to do about an address that responds, but not with Docker Engine's export. */
const advice = `Check that this address serves Docker Engine's API, or save the image with \`docker save -o FILE ${name}\` and read FILE.`;

/** Creates a fake engine whose export of `name` is `body()`, sent whole. */
function exportingEngine(body: () => Buffer): Server {
  return createServer((request, response) => {
    if (request.url === `/images/${name}/json`) return void response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"Id":"sha256:abc"}');
    if (request.url === `/images/${name}/get`) return void response.writeHead(200, { 'Content-Type': 'application/x-tar' }).end(body());
    response.writeHead(404).end('{"message":"No such image"}');
    return undefined;
  });
}

describe('engine export contents', () => {
  let engine: EngineSocket;
  let body = Buffer.alloc(0);

  before(async () => {
    engine = await listenOnSocket(exportingEngine(() => body), 'layer-lens-engine-contents-');
  });
  after(async () => {
    await engine.close();
  });

  async function failureMessage(): Promise<string> {
    const error = await readImage({ kind: 'engine', name, endpoint: { socketPath: engine.socketPath } }).then(
      () => assert.fail('the export was read as an image'),
      (failure: Error) => failure,
    );
    return error.message;
  }

  it('empty tar names no source', async () => {
    // Two zero blocks: a complete tar archive with no member.
    body = Buffer.alloc(1024);
    const message = await failureMessage();

    assert.equal(message, `docker://${name}: the export from the engine at unix://${engine.socketPath} contains no image, because it has neither manifest.json nor index.json. ${advice}`);
    assert.ok(!message.includes('docker://NAME'), message);
  });

  it('export that is not tar', async () => {
    body = Buffer.from('<html>not an export</html>\n'.repeat(40));

    assert.equal(await failureMessage(), `docker://${name}: the export from the engine at unix://${engine.socketPath} is not a tar archive. ${advice}`);
  });
});
