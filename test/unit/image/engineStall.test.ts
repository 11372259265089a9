/** An engine whose image export stops sending data without closing the connection. */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse, type Server } from 'node:http';
import { join } from 'node:path';
import { readImage } from '../../../src/core/image/readImage';
import { listenOnSocket, type EngineSocket } from './engineSocket';

const archive = readFileSync(join(__dirname, '../../fixtures/images/21-run-chains.docker.tar'));
const name = 'oracle/21-run-chains:docker';
/** The fixture's 2 MB layer member, whose body the first 600,000 bytes end inside. */
const bigLayer = '6b61ac85be4337454c15e2b9c19f93726f151bc92159783ad93182b81589938d/layer.tar';
/** The idle timeout the test sets, short so that the test runs fast. */
const IDLE_TIMEOUT_MS = 300;

/**
 * Creates a fake engine that sends the first 600,000 bytes of the export of `name`, then nothing,
 * and keeps the connection open. The export of `silent:1` sends not even its headers.
 */
function stallingEngine(stalledResponses: Set<ServerResponse>): Server {
  return createServer((request, response) => {
    if (request.url === `/images/${name}/json`) return void response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"Id":"sha256:abc"}');
    if (request.url === `/images/${name}/get`) {
      response.writeHead(200, { 'Content-Type': 'application/x-tar', 'Content-Length': String(archive.length) });
      response.write(archive.subarray(0, 600_000));
      stalledResponses.add(response);
      return undefined;
    }
    // An export whose headers never come: the engine accepted the request and then hung.
    if (request.url === '/images/silent:1/json') return void response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"Id":"sha256:def"}');
    if (request.url === '/images/silent:1/get') return void stalledResponses.add(response);
    response.writeHead(404).end('{"message":"No such image"}');
    return undefined;
  });
}

describe('engine export stalled', () => {
  let engine: EngineSocket;
  const stalledResponses = new Set<ServerResponse>();

  before(async () => {
    engine = await listenOnSocket(stallingEngine(stalledResponses), 'layer-lens-engine-stall-');
  });
  after(async () => {
    await engine.close();
  });

  it('says the export timed out', async () => {
    const started = Date.now();
    await assert.rejects(readImage({ kind: 'engine', name, endpoint: { socketPath: engine.socketPath }, idleTimeoutMs: IDLE_TIMEOUT_MS }), (error: Error) => {
      assert.equal(
        error.message,
        `docker://${name}: the image export from the engine at unix://${engine.socketPath} timed out after ${IDLE_TIMEOUT_MS} ms without data, inside the member "${bigLayer}". Check that the engine answers \`docker version\`, then run the command again, or save the image with \`docker save -o FILE ${name}\` and read FILE.`,
      );
      return true;
    });
    assert.ok(Date.now() - started >= IDLE_TIMEOUT_MS, 'rejected before the idle timeout');
    assert.equal(stalledResponses.size, 1, 'the engine sent the start of the export');
  });

  it('before the headers names the request', async () => {
    await assert.rejects(readImage({ kind: 'engine', name: 'silent:1', endpoint: { socketPath: engine.socketPath }, idleTimeoutMs: IDLE_TIMEOUT_MS }), (error: Error) => {
      assert.equal(
        error.message,
        `docker://silent:1: GET /images/silent:1/get to the engine at unix://${engine.socketPath} timed out after ${IDLE_TIMEOUT_MS} ms without data. Check that the engine answers \`docker version\`, then run the command again, or save the image with \`docker save -o FILE silent:1\` and read FILE.`,
      );
      return true;
    });
  });
});
