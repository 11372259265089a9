import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readImage } from '../../../src/core/image/readImage';
import { listenOnSocket, type EngineSocket } from './engineSocket';

const archive = readFileSync(join(__dirname, '../../fixtures/images/21-run-chains.docker.tar'));
const name = 'oracle/21-run-chains:docker';
const advice = `Check that the engine answers \`docker version\`, then run the command again, or save the image with \`docker save -o FILE ${name}\` and read FILE.`;

/** The fixture's 2 MB layer member, which a cut 1 MB into its body ends inside. */
const bigLayer = '6b61ac85be4337454c15e2b9c19f93726f151bc92159783ad93182b81589938d/layer.tar';
/** The layer member just before manifest.json. */
const lastLayer = 'e36ad94e89e0b1b65b0b62654f8013fb36754626c83898264062da5f9460d9eb/layer.tar';

/**
 * A fake engine whose export of `name` sends the first `cutAt` bytes of `body` (the fixture
 * unless a test sets another) and then closes the connection, as an engine that stops or crashes
 * mid-export does. With `endsCleanly`, it ends the response properly instead, so only the tar
 * data shows that it is cut.
 */
function cuttingEngine(body: () => Buffer, cutAt: () => number, endsCleanly: () => boolean): Server {
  return createServer((request, response) => {
    if (request.url === `/images/${name}/json`) return void response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"Id":"sha256:abc"}');
    if (request.url === `/images/${name}/get`) {
      response.writeHead(200, { 'Content-Type': 'application/x-tar' });
      if (endsCleanly()) return void response.end(body().subarray(0, cutAt()));
      response.write(body().subarray(0, cutAt()), () => response.socket?.destroy());
      return undefined;
    }
    response.writeHead(404).end('{"message":"No such image"}');
    return undefined;
  });
}

describe('engine export cut short', () => {
  let engine: EngineSocket;
  let cutAt = 0;
  let endsCleanly = false;
  let body = archive;

  before(async () => {
    engine = await listenOnSocket(cuttingEngine(() => body, () => cutAt, () => endsCleanly), 'layer-lens-engine-cut-');
  });
  after(async () => {
    await engine.close();
  });

  afterEach(() => {
    endsCleanly = false;
    body = archive;
  });

  /** Reads the image from the engine and returns the message of the error it fails with. */
  async function failureMessage(): Promise<string> {
    const error = await readImage({ kind: 'engine', name, endpoint: { socketPath: engine.socketPath } }).then(
      () => assert.fail(`the export cut after ${cutAt} bytes was read as an image`),
      (failure: Error) => failure,
    );
    return error.message;
  }

  /** Returns the offset of the header of the member `path`, found by its name. */
  function headerOf(path: string): number {
    const header = archive.indexOf(Buffer.from(`${path}\0`));
    assert.ok(header > 0, `the fixture has the member ${path}`);
    return header;
  }

  it('names the member it ends inside', async () => {
    // 512 bytes of header, then 1 MB of the member's 2 MB body.
    cutAt = headerOf(bigLayer) + 512 + 1024 * 1024;
    assert.equal(await failureMessage(), `docker://${name}: the engine's export stream ended early, after ${cutAt} bytes, inside the member "${bigLayer}", because the engine closed the connection. ${advice}`);
  });

  it('ended cleanly names the member', async () => {
    endsCleanly = true;
    cutAt = headerOf(bigLayer) + 512 + 1024 * 1024;
    assert.equal(await failureMessage(), `docker://${name}: the engine's export stream ended early, after ${cutAt} bytes, before the member "${bigLayer}" was complete. ${advice}`);
  });

  it('before any byte says it ended early', async () => {
    cutAt = 0;
    assert.equal(await failureMessage(), `docker://${name}: the engine's export stream ended early, after 0 bytes, because the engine closed the connection. ${advice}`);
  });

  it('between members names none', async () => {
    // The first member is a folder, a header alone, so the cut falls before the second header.
    cutAt = 512;
    assert.equal(await failureMessage(), `docker://${name}: the engine's export stream ended early, after 512 bytes, because the engine closed the connection. ${advice}`);
  });

  it('empty body ended cleanly', async () => {
    endsCleanly = true;
    cutAt = 0;
    assert.equal(await failureMessage(), `docker://${name}: the engine's export stream ended early, after 0 bytes, before the first member of the archive. ${advice}`);
  });

  it('cut first header ended cleanly', async () => {
    endsCleanly = true;
    cutAt = 100;
    assert.equal(await failureMessage(), `docker://${name}: the engine's export stream ended early, after 100 bytes, inside the header of the first member. ${advice}`);
  });

  it('cut between members ended cleanly', async () => {
    endsCleanly = true;
    // manifest.json is complete, so without the end check this read as an image without the repositories member.
    cutAt = headerOf('repositories');
    assert.equal(await failureMessage(), `docker://${name}: the engine's export stream ended early, after ${cutAt} bytes, after the member "manifest.json" and before the end of the archive. ${advice}`);
  });

  it('cut before the manifest ended cleanly', async () => {
    endsCleanly = true;
    cutAt = headerOf('manifest.json');
    assert.equal(await failureMessage(), `docker://${name}: the engine's export stream ended early, after ${cutAt} bytes, after the member "${lastLayer}" and before the end of the archive. ${advice}`);
  });

  it('whole export without its end blocks', async () => {
    endsCleanly = true;
    // Everything but the two zero blocks that close the archive: no member is missing, but the end is.
    cutAt = archive.length - 1024;
    assert.equal(await failureMessage(), `docker://${name}: the engine's export stream ended early, after ${cutAt} bytes, after the member "repositories" and before the end of the archive. ${advice}`);
  });

  it('export with one end block reads', async () => {
    endsCleanly = true;
    cutAt = archive.length - 512;
    const image = await readImage({ kind: 'engine', name, endpoint: { socketPath: engine.socketPath } });
    assert.equal(image.layers.length, 4);
  });

  it('gzip export ended cleanly', async () => {
    // The decompressor meets the cut before the tar reader does, so its error is the one to word.
    endsCleanly = true;
    body = gzipSync(archive);
    cutAt = body.length >> 1;
    assert.equal(await failureMessage(), `docker://${name}: the engine's export stream ended early, after ${cutAt} bytes, before the end of its gzip data. ${advice}`);
  });
});
