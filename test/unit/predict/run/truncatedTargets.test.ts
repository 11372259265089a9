/**
 * The shell empties the file of a `>` redirect before it runs the command, so a command that reads
 * the file it writes reads nothing: dash 0.5.12, bash 5.2 and BusyBox 1.35 sh all leave f empty
 * after `echo hello > f; cat f > f`.
 */
import * as assert from 'node:assert/strict';
import { certaintiesAt, predict, removeContexts } from '../helpers';

function sizeOf(analysis: Awaited<ReturnType<typeof predict>>, path: string): number | null | undefined {
  return analysis.stack.lookup(path)?.entry.size;
}

describe('RUN output files emptied first', () => {
  after(removeContexts);

  const cases: Array<[string, string, number]> = [
    ['echo hello > /f && cat /f > /f', '/f', 0],
    ['echo hello > /f && { cat /f; } > /f', '/f', 0],
    ['echo hello > /f && cat /f /f > /f', '/f', 0],
    ['echo hello > /f && ln -s /f /l && cat /f > /l', '/f', 0],
    ['echo hello > /f && cat /f > /g', '/g', 'hello\n'.length],
    ['echo hello > /f && cat /f >> /f.log && cat /f >> /f.log', '/f.log', 'hello\nhello\n'.length],
  ];
  for (const [script, path, size] of cases) {
    it(`RUN ${script}`, async () => {
      const analysis = await predict(`FROM shell-only\nRUN ${script}\n`);

      assert.equal(sizeOf(analysis, path), size);
      assert.ok(certaintiesAt(analysis, 2).includes(`${path} exact`), certaintiesAt(analysis, 2).join(', '));
    });
  }

  it('file from an earlier layer', async () => {
    const analysis = await predict('FROM shell-only\nRUN echo hello > /f\nRUN cat /f > /f\n');

    assert.equal(sizeOf(analysis, '/f'), 0);
    assert.deepEqual(certaintiesAt(analysis, 3), ['/f exact']);
  });
});
