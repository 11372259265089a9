/** The hint for lower files that a RUN stores again only for new metadata names what changed. */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../../src/core/analysis/types';
import { predict, removeContexts } from '../helpers';

function messagesOn(analysis: Analysis, line: number): string[] {
  return analysis.problems.filter((problem) => problem.line === line).map((problem) => problem.message);
}

const stored = 'yet the layer stores the whole file again (4 B).';

describe('RUN copy-up hints', () => {
  after(removeContexts);

  it('mode only', async () => {
    const analysis = await predict('FROM shell-only\nCOPY main.py /app/main.py\nRUN chmod +x /app/main.py\n', { 'main.py': { content: 'x=1\n', mode: 0o644 } });
    assert.deepEqual(messagesOn(analysis, 3), [
      `This RUN changes only the mode of /app/main.py (0644 → 0755), ${stored} Set the mode where the file is added (COPY --chmod, or the RUN that creates it).`,
    ]);
  });

  it('owner only', async () => {
    const analysis = await predict('FROM shell-only\nCOPY a /a\nRUN chown 1000:50 /a\n', { a: 'abcd' });
    assert.deepEqual(messagesOn(analysis, 3), [
      `This RUN changes only the owner of /a (0:0 → 1000:50), ${stored} Set the owner where the file is added (COPY --chown, or the RUN that creates it).`,
    ]);
  });

  it('time only', async () => {
    const analysis = await predict('FROM shell-only\nCOPY a /a\nRUN touch /a\n', { a: 'abcd' });
    assert.deepEqual(messagesOn(analysis, 3), [`This RUN changes only the modification time of /a, ${stored} Leave the time as it is, or set it in the RUN that creates the file.`]);
  });

  it('modes changed in different ways', async () => {
    const analysis = await predict('FROM shell-only\nCOPY a b /\nRUN chmod 600 /a && chmod 700 /b\n', { a: 'ab', b: 'cd' });
    assert.deepEqual(messagesOn(analysis, 3), [
      `This RUN changes only the mode of /a, /b, ${stored} Set the mode where the file is added (COPY --chmod, or the RUN that creates it).`,
    ]);
  });
});
