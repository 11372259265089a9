/** `explain` text of a failing build: no image is made, and the merged tree is still shown. */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { makeContext, removeContexts } from '../predict/helpers';
import { captureCli } from './capture';

async function explainText(dockerfile: string, ...options: string[]): Promise<string> {
  const root = makeContext({ Dockerfile: dockerfile, 'present.txt': 'present\n' });
  const result = await captureCli(main, ['explain', ...options, join(root, 'Dockerfile')]);
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

const failing = 'FROM busybox-local:2\nRUN echo one > /one\nCOPY present.txt /present.txt\nRUN false\nRUN echo never > /never\n';

describe('explain text of a failing build', () => {
  after(removeContexts);

  it('says no image is made', async () => {
    const text = await explainText(failing);
    const sentence = 'The build fails at line 4, so no image is made. The merged filesystem and the waste below are what the other steps would make if the build went on without line 4.';
    assert.ok(text.includes(`\n\n${sentence}\n\nMerged filesystem (`), text);
    // The tree keeps the step the build does not reach, as the JSON's `merged` and the editor's panel do.
    assert.match(text, /\n {2}never {2}6 B, from #4\n/);
    const finished = await explainText('FROM busybox-local:2\nCOPY present.txt /present.txt\n');
    assert.doesNotMatch(finished, /no image is made/);
  });

  it('failing last step', async () => {
    const text = await explainText('FROM busybox-local:2\nCOPY present.txt /present.txt\nRUN false\n');
    assert.match(text, /\nThe build fails at line 3, so no image is made\./);
  });

  it('rejected Dockerfile', async () => {
    const text = await explainText('FROM busybox-local:2\nCOPY present.txt /present.txt\nCOPY --link present.txt /again.txt\n', '--builder', 'classic');
    assert.match(text, /\nThe builder rejects the whole Dockerfile at line 3, so no step runs and no image is made\. The merged filesystem/);
  });
});
