import * as assert from 'node:assert/strict';
import { linkedMessage, noMatchMessage, nothingLinkedMessage, unlinkedMessage } from '../../../src/extension/image/linkMessages';

describe('link notifications', () => {
  it('name the Dockerfile by its workspace path', () => {
    assert.equal(
      linkedMessage('trial/go-svc:1', 'services/api/Dockerfile', 7),
      'Layer Lens: linked trial/go-svc:1 to services/api/Dockerfile. The hover, the Image Layers view and the panel show its layers on 7 lines.',
    );
    assert.equal(noMatchMessage('trial/go-svc:1', 'services/api/Dockerfile'), 'Layer Lens: no layer of trial/go-svc:1 matches a line of services/api/Dockerfile. The Problems view says why.');
  });

  it('confirm an unlink', () => {
    assert.equal(unlinkedMessage('services/api/Dockerfile'), 'Layer Lens: unlinked the image from services/api/Dockerfile; the views show the prediction again.');
    assert.equal(nothingLinkedMessage('Dockerfile'), 'Layer Lens: no image is linked to Dockerfile.');
  });
});
