import * as assert from 'node:assert/strict';
import { ancestorPaths } from '../../../src/core/model/paths';

describe('ancestorPaths', () => {
  it('root and top-level paths', () => {
    assert.deepEqual(ancestorPaths('/'), []);
    assert.deepEqual(ancestorPaths('/etc'), []);
  });

  it('nested path, top down', () => {
    assert.deepEqual(ancestorPaths('/usr/local/lib/libz.so'), ['/usr', '/usr/local', '/usr/local/lib']);
  });
});
