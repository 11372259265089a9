import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { isInsideFolder } from '../../../src/core/files/insideFolder';

describe('isInsideFolder', () => {
  const cases: Array<[string, string, boolean]> = [
    ['/ctx', '/ctx', true],
    ['/ctx', '/ctx/a/b.txt', true],
    ['/ctx', '/ctx/..data/app.conf', true],
    ['/ctx', '/ctx/...', true],
    ['/ctx', '/', false],
    ['/ctx', '/ctx2/a', false],
    ['/ctx', '/other/a', false],
    ['/ctx/sub', '/ctx/secret', false],
  ];
  for (const [folder, target, inside] of cases) {
    it(`${target} in ${folder}: ${inside}`, () => {
      assert.equal(isInsideFolder(folder, target, path.posix), inside);
    });
  }

  it('Windows paths on another drive', () => {
    assert.equal(isInsideFolder('C:\\ctx', 'D:\\ctx\\a', path.win32), false);
  });

  it('Windows folder named ..data', () => {
    assert.equal(isInsideFolder('C:\\ctx', 'C:\\ctx\\..data\\a', path.win32), true);
  });
});
