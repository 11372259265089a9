/** The log warnings of engine image lookup, worded from the errors of a fake engine on a unix socket. */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { EngineClient } from '../../../src/core/image/engine/client';
import { inspectImageLayers } from '../../../src/core/image/engine/inspectedImage';
import { readImage } from '../../../src/core/image/readImage';
import { baseImageWarning, listingWarning } from '../../../src/extension/image/engineWarning';
import { listenOnSocket, type EngineSocket } from '../image/engineSocket';

const archive = readFileSync(join(__dirname, '../../fixtures/images/21-run-chains.docker.tar'));
const id = 'sha256:0b7e1f3c5d2a4968a7c1e0f2b3d4c5e6f708192a3b4c5d6e7f8091a2b3c4d5e6';

/**
 * Creates a fake engine whose image `id` fails in the way that `mode()` names. `fails` responds to
 * the export with HTTP 500, and `cut` ends the export after one tar block. `stall` sends one block
 * and then nothing, and `layers` has a number for a diff ID.
 */
function failingEngine(mode: () => string): Server {
  return createServer((request, response) => {
    const json = (status: number, value: unknown) => response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(value));
    if (request.url === '/images/json') return json(500, { message: 'listing broke' });
    if (request.url === `/images/${id}/json`) return json(200, { Id: id, RootFS: { Type: 'layers', Layers: mode() === 'layers' ? [1] : [] } });
    if (request.url !== `/images/${id}/get`) return json(404, { message: 'No such image' });
    if (mode() === 'fails') return json(500, { message: 'export broke' });
    response.writeHead(200, { 'Content-Type': 'application/x-tar' });
    if (mode() === 'stall') return void response.write(archive.subarray(0, 512));
    return void response.end(archive.subarray(0, 512));
  });
}

describe('engine lookup warnings', () => {
  let engine: EngineSocket;
  let where: string;
  let mode = 'fails';

  before(async () => {
    engine = await listenOnSocket(failingEngine(() => mode), 'layer-lens-engine-warning-');
    where = `unix://${engine.socketPath}`;
  });
  after(async () => {
    await engine.close();
  });

  async function readFailure(): Promise<string> {
    const error = await readImage({ kind: 'engine', name: id, endpoint: { socketPath: engine.socketPath }, idleTimeoutMs: 200 }).then(
      () => assert.fail('the image was read'),
      (failure: Error) => failure,
    );
    return error.message;
  }

  it('client error names the address once', async () => {
    mode = 'fails';
    const warning = baseImageWarning('read', { reference: 'busybox:1', id, where }, await readFailure());

    assert.ok(warning.startsWith(`Failed to read the base image busybox:1 (${id}) from the engine at ${where}: GET /images/${id}/get failed with HTTP 500: export broke.`), warning);
    assert.equal(warning.split(where).length, 2, warning);
  });

  it('export error gets the address', async () => {
    mode = 'cut';
    const warning = baseImageWarning('read', { reference: 'busybox:1', id, where }, await readFailure());

    assert.ok(warning.startsWith(`Failed to read the base image busybox:1 (${id}) from the engine at ${where}: the engine's export stream ended early, after 512 bytes`), warning);
    assert.ok(!warning.includes(`docker://${id}`), warning);
  });

  it('error naming the address inside', async () => {
    mode = 'stall';
    const warning = baseImageWarning('read', { reference: 'busybox:1', id, where }, await readFailure());

    assert.ok(warning.startsWith(`Failed to read the base image busybox:1 (${id}): the image export from the engine at ${where} timed out after 200 ms without data`), warning);
    assert.equal(warning.split(where).length, 2, warning);
  });

  it('inspect error gets the address', async () => {
    mode = 'layers';
    const error = await inspectImageLayers(new EngineClient({ socketPath: engine.socketPath }), id).then(
      () => assert.fail('the image was inspected'),
      (failure: Error) => failure,
    );
    const warning = baseImageWarning('inspect', { reference: 'busybox:1', id, where }, error.message);

    assert.ok(warning.startsWith(`Failed to inspect the base image busybox:1 (${id}) from the engine at ${where}: the inspect response for the image ${id} has 1 at RootFS.Layers[0]`), warning);
    assert.equal(warning.split(where).length, 2, warning);
  });

  it('listing names the address once', async () => {
    const error = await new EngineClient({ socketPath: engine.socketPath }).listImages().then(
      () => assert.fail('the images were listed'),
      (failure: Error) => failure,
    );
    const warning = listingWarning(where, error.message);

    assert.ok(warning.startsWith(`Failed to list the images of the engine at ${where}: GET /images/json failed with HTTP 500: listing broke.`), warning);
    assert.equal(warning.split(where).length, 2, warning);
  });
});
