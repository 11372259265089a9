import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { makeContext, removeContexts } from '../predict/helpers';
import { captureCli } from './capture';

/** Returns the text output of `layer-lens explain` for a Dockerfile and its context files. */
async function explainText(dockerfile: string, files: Record<string, string> = {}): Promise<string> {
  const root = makeContext({ Dockerfile: dockerfile, ...files });
  const result = await captureCli(main, ['explain', join(root, 'Dockerfile')]);
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

describe('explain text counts', () => {
  after(removeContexts);

  it('COPY a.txt /d/a.txt\\nRUN rm -rf /d && mkdir /d', async () => {
    const text = await explainText('FROM scratch\nCOPY sh /bin/sh\nCOPY a.txt /d/a.txt\nRUN rm -rf /d && mkdir /d\n', { sh: '', 'a.txt': 'a\n' });
    assert.match(text, /line 4 +RUN rm -rf \/d && mkdir \/d\n +modifies 1 \(0 B\), hides 1 lower path \(2 B\); exact\n/);
  });

  it('COPY a.txt b.txt /d/\\nRUN rm -rf /d && mkdir /d', async () => {
    const text = await explainText('FROM scratch\nCOPY sh /bin/sh\nCOPY a.txt b.txt /d/\nRUN rm -rf /d && mkdir /d\n', { sh: '', 'a.txt': 'a\n', 'b.txt': 'b\n' });
    assert.match(text, /hides 2 lower paths \(4 B\); exact\n/);
  });

  it('FROM scratch alone', async () => {
    const text = await explainText('FROM scratch\n');
    assert.match(text, /: target stage 0, 1 step, /);
    assert.match(text, /\nMerged filesystem \(0 paths from the Dockerfile's own steps;/);
  });

  it('FROM scratch\\nCOPY a.txt /a.txt', async () => {
    const text = await explainText('FROM scratch\nCOPY a.txt /a.txt\n', { 'a.txt': 'a\n' });
    assert.match(text, /: target stage 0, 2 steps, /);
    assert.match(text, /\nMerged filesystem \(1 path from the Dockerfile's own steps;/);
  });
});
