import * as assert from 'node:assert/strict';
import { engineListingMessage } from '../../../src/extension/image/engineListingMessage';

describe('engineListingMessage', () => {
  it('connection error gets advice', () => {
    assert.equal(
      engineListingMessage('connect ECONNREFUSED /run/docker.sock'),
      "Layer Lens could not list the container engine's images: connect ECONNREFUSED /run/docker.sock. Check that Docker or Podman is running. An image archive or an OCI layout folder can still be chosen.",
    );
  });

  it('reason with advice is not repeated', () => {
    const reason = 'No container engine socket found (tried /run/docker.sock). Start Docker or Podman, or set DOCKER_HOST to unix:///path/to/docker.sock.';

    const message = engineListingMessage(reason);

    assert.ok(message.includes(reason), message);
    assert.ok(!message.includes('Check that Docker'), message);
  });

  it('unreachable engine is asked about once', () => {
    const reason = 'unix:///run/docker.sock: cannot reach the engine: the connection was refused, so no engine listens there. Start Docker or Podman, or set DOCKER_HOST to the socket of a running engine.';

    assert.equal(
      engineListingMessage(reason),
      `Layer Lens could not list the container engine's images: ${reason} An image archive or an OCI layout folder can still be chosen.`,
    );
  });

  it('untrusted workspace keeps its reason', () => {
    const message = engineListingMessage('The workspace is not trusted, so Layer Lens does not contact the container engine.');

    assert.ok(!message.includes('Check that Docker'), message);
    assert.ok(message.endsWith('can still be chosen.'), message);
  });
});
