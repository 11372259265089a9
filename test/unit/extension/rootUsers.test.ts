import * as assert from 'node:assert/strict';
import { RootUsers } from '../../../src/extension/rootUsers';

describe('RootUsers', () => {
  it('first use adds the root', () => {
    const users = new RootUsers();

    assert.deepEqual(users.use('a/Dockerfile', '/ctx'), { added: '/ctx', removed: undefined });
    assert.deepEqual(users.use('a/Dockerfile', '/ctx'), {});
  });

  it('last release removes the root', () => {
    const users = new RootUsers();
    users.use('a/Dockerfile', '/ctx');

    assert.deepEqual(users.release('a/Dockerfile'), { removed: '/ctx' });
    assert.deepEqual(users.release('a/Dockerfile'), {});
  });

  it('shared root stays until its last user leaves', () => {
    const users = new RootUsers();
    users.use('a/Dockerfile', '/ctx');

    assert.deepEqual(users.use('b/Dockerfile', '/ctx'), { added: undefined, removed: undefined });
    assert.deepEqual(users.release('a/Dockerfile'), {});
    assert.deepEqual(users.release('b/Dockerfile'), { removed: '/ctx' });
  });

  it('moving to another root removes the old one', () => {
    const users = new RootUsers();
    users.use('a/Dockerfile', '/old');

    assert.deepEqual(users.use('a/Dockerfile', '/new'), { added: '/new', removed: '/old' });
    assert.deepEqual(users.release('a/Dockerfile'), { removed: '/new' });
  });

  it('reopened Dockerfile adds its root again', () => {
    const users = new RootUsers();
    users.use('a/Dockerfile', '/ctx');
    users.release('a/Dockerfile');

    assert.deepEqual(users.use('a/Dockerfile', '/ctx'), { added: '/ctx', removed: undefined });
  });
});
