import * as assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { main } from '../../../src/cli/main';
import { captureCli } from './capture';

// Dockerfile: a stage `build`, then a stage `runtime` whose RUN on line 6 deletes big.txt (5 B).
// copied.Dockerfile: a stage `build` whose RUN on line 3 deletes big.txt, and a last stage that copies from it.
const fixtures = resolve(__dirname, '../../fixtures/unbuilt-stage-waste');

async function explainText(dockerfile: string, options: string[]): Promise<string> {
  const result = await captureCli(main, ['explain', ...options, join(fixtures, dockerfile)]);
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

function wastedLine(text: string): string | undefined {
  return text.split('\n').find((line) => line.startsWith('Wasted:'));
}

describe('explain text of waste in other stages', () => {
  for (const builder of ['classic', 'buildkit']) {
    it(`--builder ${builder} --target build, RUN rm in runtime`, async () => {
      const text = await explainText('Dockerfile', ['--builder', builder, '--target', 'build']);
      assert.equal(wastedLine(text), 'Wasted: none of 4 B written is hidden by a later layer.');
      assert.doesNotMatch(text, /line 6: /);
    });
  }

  it('target runtime, RUN rm in runtime', async () => {
    const text = await explainText('Dockerfile', ['--builder', 'classic']);
    assert.equal(wastedLine(text), 'Wasted: 5 B of 5 B written (100.0%) is shadowed or deleted by a later layer.');
    assert.match(text, /\n {2}line 6: info: This RUN deletes \/srv\/big\.txt, written by line 5 \(COPY\)\. The image still holds those bytes \(5 B\)/);
  });

  it('RUN rm in a stage the target copies from', async () => {
    const text = await explainText('copied.Dockerfile', []);
    assert.equal(wastedLine(text), 'Wasted: none of 4 B written is hidden by a later layer.');
    // The hint stays, since the builder builds that stage's image.
    assert.match(text, /\n {2}line 3: info: This RUN deletes \/src\/big\.txt, written by line 2 \(COPY\)\. That earlier layer still holds those bytes \(5 B\) in this stage's image\./);
  });
});
