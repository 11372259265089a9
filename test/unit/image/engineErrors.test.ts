/** Errors of the engine client that carry the engine's own message, against a fake engine on a unix socket. */
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import { EngineClient } from '../../../src/core/image/engine/client';
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

function failingEngine(): Server {
  return createServer((request, response) => {
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
    await assert.rejects(client.inspectImage('fire'), { message: `unix://${engine.socketPath}: GET /images/fire/json failed with HTTP 500: disk on fire.` });
  });

  it('bad request through readImage', async () => {
    await assert.rejects(readImage({ kind: 'engine', name: 'UPPER', endpoint: { socketPath: engine.socketPath } }), {
      message: `unix://${engine.socketPath}: GET /images/UPPER/json failed with HTTP 400: invalid reference format: repository name (library/UPPER) must be lowercase.`,
    });
  });

  it('message whitespace and full stop', async () => {
    await assert.rejects(client.inspectImage('spaced'), { message: `unix://${engine.socketPath}: GET /images/spaced/json failed with HTTP 500: two lines.` });
  });

  it('long message is cut', async () => {
    await assert.rejects(client.inspectImage('long'), { message: `unix://${engine.socketPath}: GET /images/long/json failed with HTTP 500: ${'x'.repeat(300)}….` });
  });

  it('huge body gives no message', async () => {
    // The body is cut at 4 KiB, so its JSON is incomplete and no message is taken from it.
    await assert.rejects(client.inspectImage('huge'), { message: `unix://${engine.socketPath}: GET /images/huge/json failed with HTTP 500.` });
  });

  it('body that is not JSON', async () => {
    await assert.rejects(client.inspectImage('text'), { message: `unix://${engine.socketPath}: GET /images/text/json failed with HTTP 502.` });
    await assert.rejects(client.inspectImage('empty'), { message: `unix://${engine.socketPath}: GET /images/empty/json failed with HTTP 503.` });
  });
});
