import * as assert from 'node:assert/strict';
import * as posix from 'node:path/posix';
import { joinImagePath } from '../../../src/core/model/paths';

/** Joins as before the fast path: `posix.join`, then normalised without a trailing slash. */
function slowJoin(directory: string, path: string): string {
  const joined = posix.normalize(path.startsWith('/') ? path : posix.join('/', directory, path));
  return joined.length > 1 && joined.endsWith('/') ? joined.slice(0, -1) : joined;
}

const directories = ['/', '/app', '/app/src', '/app/', '/app/./x', '/a/../b', '//app', 'app', '/.hidden', '/x/..y'];
const paths = ['file', 'a/b/c', '.hidden/x', 'x/..y', '..', '.', './a', 'a/./b', 'a/../b', 'a//b', 'a/', '', '/abs', '/abs/../x', '...', 'a/..'];

describe('joinImagePath', () => {
  for (const directory of directories) {
    it(`under ${directory}`, () => {
      for (const path of paths) assert.equal(joinImagePath(directory, path), slowJoin(directory, path), `joinImagePath(${JSON.stringify(directory)}, ${JSON.stringify(path)})`);
    });
  }

  it('plain relative path', () => {
    assert.equal(joinImagePath('/app', 'src/m0/file0.ts'), '/app/src/m0/file0.ts');
    assert.equal(joinImagePath('/', 'etc/passwd'), '/etc/passwd');
  });
});
