import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { dockerfileViewTitle } from '../../../src/extension/tree/viewTitle';

describe('dockerfileViewTitle', () => {
  const title = (fsPath: string, open: string[]) => dockerfileViewTitle(fsPath, [fsPath, ...open], path.posix.relative('/ws', fsPath), path.posix);

  it('unique name alone', () => {
    assert.equal(title('/ws/pyapp/Dockerfile', ['/ws/web/build.Dockerfile']), 'Dockerfile');
  });

  it('shared name adds the folder', () => {
    assert.equal(title('/ws/pyapp/Dockerfile', ['/ws/big/Dockerfile']), 'pyapp/Dockerfile');
  });

  it('shared folder name gives the workspace path', () => {
    assert.equal(title('/ws/a/app/Dockerfile', ['/ws/b/app/Dockerfile']), 'a/app/Dockerfile');
  });
});
