/**
 * DOCKER_HOST that names a regular file or a directory: connect(2) fails with ECONNREFUSED as for
 * a socket that nothing listens on, and the error states that the path is not a socket.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineClient, EngineUnreachableError } from '../../../src/core/image/engine/client';
import { resolveEngineEndpoint } from '../../../src/core/image/engine/endpoint';

/** Lists the images of the engine that DOCKER_HOST names, and returns the error that the listing fails with. */
async function listingError(dockerHost: string): Promise<Error> {
  const endpoint = resolveEngineEndpoint({ env: { DOCKER_HOST: dockerHost }, exists: () => false });
  return new EngineClient(endpoint).listImages().then(
    () => assert.fail('the images were listed'),
    (failure: Error) => failure,
  );
}

const remedy = "Set DOCKER_HOST to the engine's socket, such as unix:///var/run/docker.sock.";

describe('engine path that is not a socket', () => {
  let folder: string;

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'layer-lens-engine-not-socket-'));
  });

  after(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('regular file at the path', async () => {
    const file = join(folder, 'docker.sock');
    writeFileSync(file, 'not a socket\n');

    const error = await listingError(`unix://${file}`);

    assert.equal(error.message, `unix://${file}: cannot reach the engine: the path is a regular file, not a socket. ${remedy}`);
    assert.ok(error instanceof EngineUnreachableError);
    assert.equal(error.code, 'ENOTSOCK');
  });

  it('directory at the path', async () => {
    const directory = join(folder, 'run');
    mkdirSync(directory);

    const error = await listingError(`unix://${directory}`);

    assert.equal(error.message, `unix://${directory}: cannot reach the engine: the path is a directory, not a socket. ${remedy}`);
    assert.ok(error instanceof EngineUnreachableError);
    assert.equal(error.code, 'ENOTSOCK');
  });
});
