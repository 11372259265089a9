import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readImage } from '../../../src/core/image/readImage';

const archive = readFileSync(join(__dirname, '../../fixtures/images/21-run-chains.docker.tar'));
const name = 'oracle/21-run-chains:docker';

/** The fixture's 2 MB layer member, which a cut 1 MB into its body ends inside. */
const bigLayer = '6b61ac85be4337454c15e2b9c19f93726f151bc92159783ad93182b81589938d/layer.tar';

/**
 * A fake engine whose export of `name` sends the first `cutAt` bytes of the fixture and then
 * closes the connection, as an engine that stops or crashes mid-export does. With `endsCleanly`,
 * it ends the response properly instead, so only the tar data shows that it is cut.
 */
function cuttingEngine(cutAt: () => number, endsCleanly: () => boolean): Server {
  return createServer((request, response) => {
    if (request.url === `/images/${name}/json`) return void response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"Id":"sha256:abc"}');
    if (request.url === `/images/${name}/get`) {
      response.writeHead(200, { 'Content-Type': 'application/x-tar' });
      if (endsCleanly()) return void response.end(archive.subarray(0, cutAt()));
      response.write(archive.subarray(0, cutAt()), () => response.socket?.destroy());
      return undefined;
    }
    response.writeHead(404).end('{"message":"No such image"}');
    return undefined;
  });
}

describe('engine export cut short', () => {
  let folder: string;
  let socketPath: string;
  let server: Server;
  let cutAt = 0;
  let endsCleanly = false;

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'layer-lens-engine-cut-'));
    socketPath = join(folder, 'docker.sock');
    server = cuttingEngine(() => cutAt, () => endsCleanly);
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(folder, { recursive: true, force: true });
  });

  afterEach(() => {
    endsCleanly = false;
  });

  it('names the member it ends inside', async () => {
    const header = archive.indexOf(Buffer.from(bigLayer));
    assert.ok(header > 0, 'the fixture has the big layer');
    // 512 bytes of header, then 1 MB of the member's 2 MB body.
    cutAt = header + 512 + 1024 * 1024;
    await assert.rejects(readImage({ kind: 'engine', name, endpoint: { socketPath } }), (error: Error) => {
      assert.equal(
        error.message,
        `docker://${name}: the engine's export stream ended early, inside the member "${bigLayer}", because the engine closed the connection. Check that the engine answers \`docker version\`, then run the command again, or save the image with \`docker save -o FILE ${name}\` and read FILE.`,
      );
      return true;
    });
  });

  it('ended cleanly names the member', async () => {
    endsCleanly = true;
    cutAt = archive.indexOf(Buffer.from(bigLayer)) + 512 + 1024 * 1024;
    await assert.rejects(readImage({ kind: 'engine', name, endpoint: { socketPath } }), (error: Error) => {
      assert.equal(error.message, `docker://${name}: the engine's export stream ended early, inside the member "${bigLayer}". Check that the engine answers \`docker version\`, then run the command again, or save the image with \`docker save -o FILE ${name}\` and read FILE.`);
      return true;
    });
  });

  it('before any byte says it ended early', async () => {
    cutAt = 0;
    await assert.rejects(readImage({ kind: 'engine', name, endpoint: { socketPath } }), (error: Error) => {
      assert.equal(error.message, `docker://${name}: the engine's export stream ended early, because the engine closed the connection. Check that the engine answers \`docker version\`, then run the command again, or save the image with \`docker save -o FILE ${name}\` and read FILE.`);
      return true;
    });
  });

  it('between members names none', async () => {
    // The first member is a folder, a header alone, so the cut falls before the second header.
    cutAt = 512;
    await assert.rejects(readImage({ kind: 'engine', name, endpoint: { socketPath } }), (error: Error) => {
      assert.equal(error.message, `docker://${name}: the engine's export stream ended early, because the engine closed the connection. Check that the engine answers \`docker version\`, then run the command again, or save the image with \`docker save -o FILE ${name}\` and read FILE.`);
      return true;
    });
  });
});
