import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import type { ExplainJson } from '../../../src/core/report/explainJson';
import { captureCli } from './capture';

const fixtures = join(__dirname, '..', '..', 'fixtures', 'unlisted-copy-up');

async function explain(...argv: string[]): Promise<string> {
  const result = await captureCli(main, ['explain', ...argv]);
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

describe('layer-lens explain of chown -R over unlisted files', () => {
  it('text gives a lower bound', async () => {
    const text = await explain(join(fixtures, 'Dockerfile'));

    assert.match(text, /\nWasted: at least 83 B, plus the files of 1 folder that the prediction cannot list, shadowed or deleted by a later layer\.\n/);
    assert.doesNotMatch(text, /at most/);
  });

  it('text step shadows an unknown size', async () => {
    const text = await explain(join(fixtures, 'Dockerfile'));

    assert.match(text, /line 10 +RUN chown -R 1000:1000 \/app\n +modifies 3 \(at least 83 B\), shadowing at least 83 B; unknown\n/);
  });

  it('json counts the unlisted files', async () => {
    const json = JSON.parse(await explain('--json', join(fixtures, 'Dockerfile'))) as ExplainJson;

    assert.equal(json.wasted.bytes, 83);
    assert.equal(json.wasted.unknownSizes, 1);
    assert.equal(json.wasted.totalIsLowerBound, true);
  });

  it('listed files keep the share', async () => {
    const text = await explain(join(fixtures, 'Dockerfile.listed'));
    const json = JSON.parse(await explain('--json', join(fixtures, 'Dockerfile.listed'))) as ExplainJson;

    assert.match(text, /\nWasted: 83 B of 166 B written \(50\.0%\) is shadowed or deleted by a later layer\.\n/);
    assert.equal(json.wasted.unknownSizes, 0);
  });
});
