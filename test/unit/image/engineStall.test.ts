/** An engine whose image export stops sending data without closing the connection. */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type ServerResponse, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readImage } from '../../../src/core/image/readImage';

const archive = readFileSync(join(__dirname, '../../fixtures/images/21-run-chains.docker.tar'));
const name = 'oracle/21-run-chains:docker';
/** The idle timeout the test sets, short so that the test runs fast. */
const IDLE_TIMEOUT_MS = 300;

/** Creates a fake engine that sends the first 600,000 bytes of the export, then nothing, and keeps the connection open. */
function stallingEngine(stalledResponses: Set<ServerResponse>): Server {
  return createServer((request, response) => {
    if (request.url === `/images/${name}/json`) return void response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"Id":"sha256:abc"}');
    if (request.url === `/images/${name}/get`) {
      response.writeHead(200, { 'Content-Type': 'application/x-tar', 'Content-Length': String(archive.length) });
      response.write(archive.subarray(0, 600_000));
      stalledResponses.add(response);
      return undefined;
    }
    response.writeHead(404).end('{"message":"No such image"}');
    return undefined;
  });
}

describe('engine export stalled', () => {
  let folder: string;
  let socketPath: string;
  let server: Server;
  const stalledResponses = new Set<ServerResponse>();

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'layer-lens-engine-stall-'));
    socketPath = join(folder, 'docker.sock');
    server = stallingEngine(stalledResponses);
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(folder, { recursive: true, force: true });
  });

  it('says the export timed out', async () => {
    const started = Date.now();
    await assert.rejects(readImage({ kind: 'engine', name, endpoint: { socketPath }, idleTimeoutMs: IDLE_TIMEOUT_MS }), (error: Error) => {
      assert.equal(error.message, `unix://${socketPath}: GET /images/${name}/get timed out after ${IDLE_TIMEOUT_MS} ms without data. Check that the engine answers \`docker version\`, then run the command again, or save the image with \`docker save -o FILE IMAGE\` and read FILE.`);
      return true;
    });
    assert.ok(Date.now() - started >= IDLE_TIMEOUT_MS, 'rejected before the idle timeout');
    assert.equal(stalledResponses.size, 1, 'the engine sent the start of the export');
  });
});
