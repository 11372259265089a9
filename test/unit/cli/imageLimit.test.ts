import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { runImage } from '../../../src/cli/image';
import { captureCli } from './capture';

const fixture = join(__dirname, '../../fixtures/images/21-run-chains.docker.tar');

describe('image layer size limit', () => {
  it('names --max-layer-bytes', async () => {
    const result = await captureCli(runImage, ['--max-layer-bytes', '1', fixture]);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /\/layer\.tar is larger than 1 byte, the limit on the uncompressed size of one layer or compressed file, and may be a decompression bomb\. Raise the limit with --max-layer-bytes N only for an image you trust\.\n$/);
  });
});
