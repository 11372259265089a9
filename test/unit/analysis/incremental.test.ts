import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import { IncrementalPredictions, type RunInputs } from '../../../src/core/analysis/incremental';
import type { Analysis } from '../../../src/core/analysis/types';
import type { ContextIndex } from '../../../src/core/context/contextIndex';
import { walkContext } from '../../../src/core/context/walk';
import type { BuildPlan } from '../../../src/core/dockerfile/plan';
import type { PredictionReuse } from '../../../src/core/predict/predict';

const contextPath = path.resolve(__dirname, '../../fixtures/incremental/project');
const dockerfilePath = path.join(contextPath, 'Dockerfile');

const original = [
  'FROM alpine:3.19 AS build',
  'WORKDIR /src',
  'COPY src/ ./',
  'RUN mkdir -p /out && cp main.sh /out/main.sh',
  'FROM debian:12-slim',
  'ENV APP=/app',
  'WORKDIR $APP',
  'COPY config/ config/',
  'COPY --from=build /out/ bin/',
  'RUN rm -rf /app/config/app.yaml',
  'LABEL stage=final',
  'CMD ["/app/bin/main.sh"]',
];

/** Records how many kept predictions each stage of each run started from. */
class CountingPredictions extends IncrementalPredictions {
  readonly kept: number[][] = [];

  override begin(file: string, plan: BuildPlan, inputs: RunInputs): PredictionReuse {
    const reuse = super.begin(file, plan, inputs);
    const run: number[] = [];
    this.kept.push(run);
    return {
      start: (stage) => {
        const started = reuse.start(stage);
        run[stage] = started?.predictions.length ?? 0;
        return started;
      },
      finish: (stage, stack, predictions) => reuse.finish(stage, stack, predictions),
    };
  }
}

/** The parts of an analysis that the prediction makes, for comparing two runs. */
function predicted(analysis: Analysis) {
  return {
    steps: analysis.steps,
    problems: analysis.problems,
    layers: analysis.stack.layers.map((layer) => ({ index: layer.index, entries: layer.entries, summary: layer.summary })),
    merged: [...analysis.stack.children('/app')].map((child) => child.name),
  };
}

function edit(lines: string[], line: number, text: string): string {
  const copy = [...lines];
  copy[line - 1] = text;
  return copy.join('\n') + '\n';
}

describe('IncrementalPredictions', () => {
  let context: ContextIndex;

  before(async () => {
    context = await walkContext(contextPath, { dockerfilePath });
  });

  async function analyzeBoth(incremental: IncrementalPredictions, text: string): Promise<{ incremental: Analysis; full: Analysis }> {
    return {
      incremental: await analyze({ dockerfilePath, text, contextPath, context, incremental }),
      full: await analyze({ dockerfilePath, text, contextPath, context }),
    };
  }

  it('first run predicts every step', async () => {
    const incremental = new CountingPredictions();
    await analyzeBoth(incremental, original.join('\n') + '\n');
    assert.deepEqual(incremental.kept, [[0, 0]]);
  });

  it('late edit keeps earlier steps', async () => {
    const incremental = new CountingPredictions();
    await analyze({ dockerfilePath, text: original.join('\n') + '\n', contextPath, context, incremental });
    const runs = await analyzeBoth(incremental, edit(original, 11, 'LABEL stage=edited'));
    // Stage 0 is kept whole (4 steps); stage 1 keeps FROM, ENV, WORKDIR, both COPYs and the RUN.
    assert.deepEqual(incremental.kept[1], [4, 6]);
    assert.deepEqual(predicted(runs.incremental), predicted(runs.full));
  });

  it('early edit predicts again from there', async () => {
    const incremental = new CountingPredictions();
    await analyze({ dockerfilePath, text: original.join('\n') + '\n', contextPath, context, incremental });
    const runs = await analyzeBoth(incremental, edit(original, 3, 'COPY src/lib/ ./'));
    assert.deepEqual(incremental.kept[1], [2, 0]);
    assert.deepEqual(predicted(runs.incremental), predicted(runs.full));
  });

  it('edit in the final stage', async () => {
    const incremental = new CountingPredictions();
    await analyze({ dockerfilePath, text: original.join('\n') + '\n', contextPath, context, incremental });
    const runs = await analyzeBoth(incremental, edit(original, 10, 'RUN rm -rf /app/bin'));
    assert.deepEqual(incremental.kept[1], [4, 5]);
    assert.deepEqual(predicted(runs.incremental), predicted(runs.full));
    assert.deepEqual(runs.incremental.stack.children('/app').map((child) => child.name), ['config']);
  });

  it('edits in a row', async () => {
    const incremental = new CountingPredictions();
    const texts = [
      original.join('\n') + '\n',
      edit(original, 10, 'RUN rm -rf /app/bin'),
      edit(original, 8, 'COPY src/ config/'),
      edit(original, 8, 'COPY src/ config/'),
      '# a comment moves every line\n' + edit(original, 8, 'COPY src/ config/'),
    ];
    for (const text of texts) {
      const runs = await analyzeBoth(incremental, text);
      assert.deepEqual(predicted(runs.incremental), predicted(runs.full));
    }
    assert.deepEqual(incremental.kept, [[0, 0], [4, 5], [4, 3], [4, 8], [4, 8]]);
  });

  it('variable change predicts again', async () => {
    const incremental = new CountingPredictions();
    const text = original.join('\n') + '\n';
    await analyze({ dockerfilePath, text, contextPath, context, incremental, buildArgs: {} });
    const runs = {
      incremental: await analyze({ dockerfilePath, text: edit(original, 6, 'ENV APP=/srv'), contextPath, context, incremental }),
      full: await analyze({ dockerfilePath, text: edit(original, 6, 'ENV APP=/srv'), contextPath, context }),
    };
    assert.deepEqual(incremental.kept[1], [4, 1]);
    assert.deepEqual(predicted(runs.incremental), predicted(runs.full));
    assert.deepEqual(runs.incremental.stack.children('/srv').map((child) => child.name), ['bin', 'config']);
  });

  it('new context predicts every step', async () => {
    const incremental = new CountingPredictions();
    const text = original.join('\n') + '\n';
    await analyze({ dockerfilePath, text, contextPath, context, incremental });
    const walkedAgain = await walkContext(contextPath, { dockerfilePath });
    await analyze({ dockerfilePath, text, contextPath, context: walkedAgain, incremental });
    assert.deepEqual(incremental.kept[1], [0, 0]);
  });

  it('unchanged text keeps every step', async () => {
    const incremental = new CountingPredictions();
    const text = original.join('\n') + '\n';
    await analyze({ dockerfilePath, text, contextPath, context, incremental });
    const again = await analyze({ dockerfilePath, text, contextPath, context, incremental });
    assert.deepEqual(incremental.kept[1], [4, 8]);
    assert.equal(again.steps.length, 8);
  });
});
