import * as assert from 'node:assert/strict';
import { shortenContextPaths } from '../../../src/extension/problemText';

const root = '/tmp/projects/missing-copy';

describe('shortenContextPaths', () => {
  it('drops the folder after "the build context"', () => {
    const message = `The source "missing.txt" was not found in the build context ${root}. Check the path.`;

    assert.equal(shortenContextPaths(message, root), 'The source "missing.txt" was not found in the build context. Check the path.');
  });

  it('makes a context file relative', () => {
    assert.equal(shortenContextPaths(`${root}/assets/logo.png cannot be read.`, root), 'assets/logo.png cannot be read.');
  });

  it('accepts a trailing slash on the context', () => {
    assert.equal(shortenContextPaths(`Read ${root}/a.txt.`, `${root}/`), 'Read a.txt.');
  });

  it('keeps a sibling folder whole', () => {
    const message = `The build context directory ${root}-old cannot be opened; the build context ${root}-old is missing.`;

    assert.equal(shortenContextPaths(message, root), message);
  });

  it('keeps a folder that cannot be opened', () => {
    const message = `The build context directory ${root} cannot be opened (not found).`;

    assert.equal(shortenContextPaths(message, root), message);
  });

  it('escapes pattern characters in the path', () => {
    const odd = '/tmp/a+b (1)';

    assert.equal(shortenContextPaths(`in the build context ${odd}.`, odd), 'in the build context.');
    assert.equal(shortenContextPaths('in the build context /tmp/aab (1).', odd), 'in the build context /tmp/aab (1).');
  });
});
