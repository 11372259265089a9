/** The uid and gid of a USER line when the editor reuses the predictions of the lines before an edit. */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import { IncrementalPredictions } from '../../../src/core/analysis/incremental';
import type { Analysis } from '../../../src/core/analysis/types';
import { walkContext } from '../../../src/core/context/walk';
import { makeContext, removeContexts, stepAt } from './helpers';

const files = {
  passwd: 'root:x:0:0::/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n',
  'later-passwd': 'root:x:0:0::/root:/bin/sh\napp:x:2000:2000::/home/app:/bin/sh\n',
};

/** Returns a Dockerfile whose passwd changes after its USER line, ending in `last`. */
function dockerfile(last: string): string {
  return `FROM scratch\nCOPY passwd /etc/passwd\nUSER app\nCOPY later-passwd /etc/passwd\n${last}\n`;
}

function userAt(analysis: Analysis, line: number): string {
  const user = stepAt(analysis, line).user;
  return `${user?.value} ${user?.uid}:${user?.gid}`;
}

describe('USER numbers with kept predictions', () => {
  after(removeContexts);

  it('edit below a later passwd', async () => {
    const root = makeContext(files);
    const dockerfilePath = join(root, 'Dockerfile');
    const context = await walkContext(root, { dockerfilePath });
    const incremental = new IncrementalPredictions();
    const analyzeText = (text: string) => analyze({ dockerfilePath, text, context, incremental });

    const first = await analyzeText(dockerfile('LABEL version=1'));
    const edited = await analyzeText(dockerfile('LABEL version=2'));

    assert.equal(userAt(first, 3), 'app 1000:1000');
    // The edit keeps the steps of lines 1 to 4, whose layers are already in the stack.
    assert.equal(userAt(edited, 3), 'app 1000:1000');
  });
});
