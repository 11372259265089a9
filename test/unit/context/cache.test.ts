import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ContextCache } from '../../../src/core/context/cache';
import type { ContextIndex } from '../../../src/core/context/contextIndex';
import type { WalkOptions } from '../../../src/core/context/types';
import { walkContext } from '../../../src/core/context/walk';
import { makeTree, removeTree } from './tempTree';

describe('ContextCache', () => {
  let root: string;
  let walks: string[];
  let cache: ContextCache;

  beforeEach(() => {
    root = makeTree({ '.dockerignore': '*.md\n', Dockerfile: 'FROM scratch\n', 'a.md': 'a', 'b.txt': 'b' });
    walks = [];
    cache = new ContextCache((walkRoot: string, options?: WalkOptions): Promise<ContextIndex> => {
      walks.push(walkRoot);
      return walkContext(walkRoot, options);
    });
  });
  afterEach(() => removeTree(root));

  it('same promise until invalidated', async () => {
    const dockerfilePath = path.join(root, 'Dockerfile');
    const first = cache.get(root, { dockerfilePath });
    assert.equal(cache.get(root, { dockerfilePath }), first);
    assert.equal(cache.get(`${root}/`, {}), first);
    assert.equal((await first).get('a.md'), undefined);
    assert.equal(walks.length, 1);

    writeFileSync(path.join(root, 'c.txt'), 'c');
    assert.equal((await cache.get(root)).get('c.txt'), undefined);
    cache.invalidate(root);
    const second = cache.get(root);
    assert.notEqual(second, first);
    assert.equal((await second).get('c.txt')?.type, 'file');
    assert.equal(walks.length, 2);
  });

  it('Dockerfile ignore file gets its own walk', async () => {
    writeFileSync(path.join(root, 'app.Dockerfile'), 'FROM scratch\n');
    writeFileSync(path.join(root, 'app.Dockerfile.dockerignore'), '*.txt\n');
    const shared = await cache.get(root, { dockerfilePath: path.join(root, 'Dockerfile') });
    const own = await cache.get(root, { dockerfilePath: path.join(root, 'app.Dockerfile') });
    assert.equal(walks.length, 2);
    assert.equal(shared.get('b.txt')?.type, 'file');
    assert.equal(own.get('b.txt'), undefined);
    assert.equal(own.get('a.md')?.type, 'file');

    cache.invalidate(root);
    await cache.get(root, { dockerfilePath: path.join(root, 'app.Dockerfile') });
    assert.equal(walks.length, 3);
  });

  it('rejected walk is retried', async () => {
    const missing = path.join(root, 'missing');
    await assert.rejects(cache.get(missing), /cannot be opened/);
    await assert.rejects(cache.get(missing), /cannot be opened/);
    assert.equal(walks.length, 2);
  });
});
