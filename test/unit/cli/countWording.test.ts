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

/** Returns `count` files in `folder`, named `f0` to `f{count - 1}`, each holding the 1 byte `x`. */
function manyFiles(folder: string, count: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let index = 0; index < count; index++) files[`${folder}/f${index}`] = 'x';
  return files;
}

const names = Array.from({ length: 1005 }, (_, index) => `f${index}`).join(' ');

describe('explain text counts', () => {
  after(removeContexts);

  it('step rows grouped by thousands', async () => {
    const text = await explainText('FROM alpine:3.20\nCOPY files /files\nRUN chown -R 1000 /files\nRUN cd /files && rm ' + names + '\n', manyFiles('files', 1005));
    assert.match(text, /line 2 +COPY files \/files\n +adds 1,006 \(1\.0 kB\); exact\n/);
    assert.match(text, /line 3 +RUN chown -R 1000 \/files\n +modifies 1,006 \(1\.0 kB\), shadowing 1\.0 kB; /);
    assert.match(text, /line 4 +RUN cd \/files && rm .*\n +deletes 1,005 \(1\.0 kB\); /);
  });

  it('hint and note lists grouped by thousands', async () => {
    const chown = await explainText('FROM alpine:3.20\nCOPY files /files\nRUN chown -R 1000 /files\n', manyFiles('files', 1005));
    assert.match(chown, /line 3: \w+: This RUN changes only the owner of \/files\/f0, \/files\/f1, \/files\/f10 and 1,002 more /);
    const touch = await explainText(`FROM alpine:3.20\nRUN cd /srv && touch ${names}\n`);
    assert.match(touch, /note: The prediction cannot see whether \/srv\/f0, \/srv\/f1, \/srv\/f10 and 1,002 more already exist/);
  });

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
