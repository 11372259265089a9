import * as assert from 'node:assert/strict';
import { engineImageItem } from '../../../src/extension/image/engineImageItem';

const id = 'sha256:6aa48bf19cfb416a0f7e1c2d3b4a5968778695a4b3c2d1e0e24946aa48bf19cf';

describe('engineImageItem', () => {
  it('tagged image', () => {
    assert.deepEqual(engineImageItem({ id, repoTags: ['app:1'], size: 2_000_000 }), { label: 'app:1', description: '6aa48bf19cfb · 2.0 MB', name: 'app:1' });
  });

  it('other tags go below', () => {
    assert.deepEqual(engineImageItem({ id, repoTags: ['app:1', 'app:latest', 'registry.test/app:1'], size: 2_000_000 }), {
      label: 'app:1',
      description: '6aa48bf19cfb · 2.0 MB',
      detail: 'app:latest, registry.test/app:1',
      name: 'app:1',
    });
  });

  it('untagged image shows its ID once', () => {
    for (const repoTags of [[], ['<none>:<none>']]) {
      assert.deepEqual(engineImageItem({ id, repoTags, size: 2_000_000 }), { label: '<untagged>', description: '6aa48bf19cfb · 2.0 MB', detail: id, name: id });
    }
  });
});
