import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import type { ExplainJson } from '../../../src/core/report/explainJson';
import { captureCli } from './capture';

const fixtures = join(__dirname, '..', '..', 'fixtures', 'unlisted-run');
const cleanup = join(fixtures, 'cleanup', 'Dockerfile');
const buildScript = join(fixtures, 'build-script', 'Dockerfile');

async function explain(...argv: string[]): Promise<string> {
  const result = await captureCli(main, ['explain', ...argv]);
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

describe('layer-lens explain notes and unlisted deletions', () => {
  it('text of a deletion of unknown size', async () => {
    const text = await explain(cleanup);

    assert.match(text, /line 6 +RUN rm -rf \/var\/cache\/app\n +deletes 1 \(size unknown\); estimated\n +note: \/var\/cache\/app may hold files that earlier steps wrote without listing them/);
    assert.match(text, /\nWasted: at least 4\.0 kB, plus the files of 1 folder that the prediction cannot list, shadowed or deleted by a later layer\.\n/);
  });

  it('text note under an unmodelled command', async () => {
    const text = await explain(cleanup);

    assert.match(text, /line 5 +RUN rm -f big\.bin .*\n +adds 1 \(size unknown\), deletes 2 \(4\.0 kB\); unknown\n +note: "truncate" is not modelled, so what it writes is unknown; the layer may hold more than is listed\.\n/);
  });

  it('text note under RUN ./build.sh', async () => {
    const text = await explain(buildScript);

    assert.match(text, /line 4 +RUN \.\/build\.sh\n +no listed changes; unknown\n +note: "\.\/build\.sh" runs a program or script that this prediction does not read/);
  });

  it('json notes and unknown sizes', async () => {
    const json = JSON.parse(await explain('--json', cleanup)) as ExplainJson;
    const line5 = json.layers.find((layer) => layer.line === 5);
    const line6 = json.layers.find((layer) => layer.line === 6);

    assert.equal(json.wasted.unknownSizes, 1);
    assert.equal(json.wasted.bytes, 4006);
    assert.deepEqual(line5?.notes, ['"truncate" is not modelled, so what it writes is unknown; the layer may hold more than is listed.']);
    assert.equal(line6?.certainty, 'estimated');
    assert.deepEqual(line6?.changes, [{ path: '/var/cache/app', change: 'deleted', size: null, certainty: 'estimated' }]);
    for (const layer of json.layers) assert.ok(Array.isArray(layer.notes), `layer of line ${layer.line} has no notes array`);
  });

  it('json note of RUN ./build.sh', async () => {
    const json = JSON.parse(await explain('--json', buildScript)) as ExplainJson;

    assert.deepEqual(json.layers.find((layer) => layer.line === 4)?.notes, ['"./build.sh" runs a program or script that this prediction does not read, so what it writes is unknown; the layer may hold more than is listed.']);
  });
});
