import * as assert from 'node:assert/strict';
import { describePlatformMismatch, findPlatformMismatch } from '../../../src/core/image/platformMismatch';

describe('findPlatformMismatch', () => {
  it('other architecture of a single image', () => {
    const mismatch = findPlatformMismatch('linux/arm64', 'linux/amd64', []);

    assert.deepEqual(mismatch, { requested: 'linux/arm64', actual: 'linux/amd64', chosenById: false });
    assert.equal(describePlatformMismatch(mismatch), 'the image is for linux/amd64, not linux/arm64; it holds one image only, so that one is read.');
  });

  it('image of an index chosen by ID', () => {
    const mismatch = findPlatformMismatch('linux/amd64', 'linux/arm64/v8', ['linux/amd64', 'linux/arm64/v8']);

    assert.equal(mismatch?.chosenById, true);
    assert.equal(mismatch && describePlatformMismatch(mismatch), 'the image is for linux/arm64/v8, not linux/amd64; the image ID given to --image chose it.');
  });

  it('request without variant fits any variant', () => {
    assert.equal(findPlatformMismatch('linux/arm64', 'linux/arm64/v8', []), undefined);
    assert.ok(findPlatformMismatch('linux/arm/v7', 'linux/arm/v6', []));
  });

  it('nothing to compare', () => {
    assert.equal(findPlatformMismatch(undefined, 'linux/amd64', []), undefined);
    assert.equal(findPlatformMismatch('linux/arm64', null, []), undefined);
    assert.equal(findPlatformMismatch('arm64', 'linux/amd64', []), undefined);
  });
});
