/** The layer of a rejected step that the prediction reads as its correction, in the hover, the panel and the tree. */
import * as assert from 'node:assert/strict';
import { describeCorrectedLayer } from '../../../src/core/analysis/correctedLayer';
import { describeLayers } from '../../../src/core/report/mergedView';
import { renderStepHover } from '../../../src/extension/hover/renderHover';
import { describeLayer, stepStatus } from '../../../src/extension/tree/stepDescription';
import { predict, removeContexts, stepAt } from '../predict/helpers';

describe('corrected step layer', () => {
  after(removeContexts);

  it('WORKDIRR /app: hover names the layer', async () => {
    const analysis = await predict('FROM shell-only\nWORKDIRR /app\nCOPY a.txt ./\n', { 'a.txt': 'a\n' });
    const hover = renderStepHover(analysis, stepAt(analysis, 2), 'file:///w/Dockerfile');

    assert.match(hover, /Read as WORKDIR, this step would make a layer of 0 B: adds \/app\./);
    assert.doesNotMatch(hover, /makes no layer/);
  });

  it('WORKDIRR /app: panel layer list', async () => {
    const analysis = await predict('FROM shell-only\nWORKDIRR /app\nCOPY a.txt ./\n', { 'a.txt': 'a\n' });
    const info = describeLayers(analysis)[stepAt(analysis, 2).index];

    assert.equal(info.emptyLayer, false);
    assert.equal(info.buildStop?.mark, 'build fails here');
    assert.match(info.buildStop?.explanation ?? '', /The builder rejects the whole Dockerfile on it .* Read as WORKDIR, this step would make a layer of 0 B: adds \/app\.$/);
  });

  it('WORKDIRR /app: row still shows only the failure', async () => {
    const analysis = await predict('FROM shell-only\nWORKDIRR /app\n');
    const step = stepAt(analysis, 2);

    assert.equal(step.failed, true);
    assert.equal(describeLayer(step, analysis.stack.layers[step.index], 'signs'), '');
  });

  it('COPY --frm=build: flags corrected', async () => {
    const analysis = await predict('FROM shell-only AS build\nRUN mkdir /out && echo 1 > /out/f\nFROM shell-only\nCOPY --frm=build /out /srv/out\n');
    const sections = renderStepHover(analysis, stepAt(analysis, 4), 'file:///w/Dockerfile').split('\n\n');

    // VS Code shows the diagnostic above the hover, and it states that the builder rejects the
    // whole Dockerfile, so the hover states neither the error nor the rejection.
    assert.equal(sections[1], 'With its flags corrected, this step would make a layer of 2 B: adds /srv, /srv/out, /srv/out/f.');
    assert.ok(!sections.some((section) => /has no flag|rejects the whole Dockerfile/.test(section)), sections.join('\n\n'));
    assert.match(analysis.problems.find((problem) => problem.line === 4)?.message ?? '', /The builder rejects the whole Dockerfile on this line/);
  });

  // Line 2 makes the builder reject the Dockerfile first, so line 4 is not reached and is corrected too.
  const twoMisspellings = 'FROM shell-only AS build\nWORKDIRR /out\nRUN echo 1 > /out/f\nFROM shell-only\nCOPY --frm=build /out /srv/out\n';

  it('COPY --frm after WORKDIRR: hover', async () => {
    const analysis = await predict(twoMisspellings);
    const sections = renderStepHover(analysis, stepAt(analysis, 5), 'file:///w/Dockerfile').split('\n\n');

    assert.equal(sections[1], '**Not reached:** the builder rejects the whole Dockerfile at step #1 of stage build (line 2), so no step runs.');
    assert.equal(sections[2], 'With its flags corrected, this step would make a layer of 2 B: adds /srv, /srv/out, /srv/out/f.');
    assert.ok(!sections.some((section) => section.includes('has no flag')), sections.join('\n\n'));
    assert.ok(!sections.some((section) => /would fail too|makes no layer/.test(section)), sections.join('\n\n'));
  });

  it('COPY --frm after WORKDIRR: panel layer list', async () => {
    const analysis = await predict(twoMisspellings);
    const stop = describeLayers(analysis)[stepAt(analysis, 5).index].buildStop;

    assert.match(stop?.explanation ?? '', /^Not reached: the builder rejects the whole Dockerfile at step #1 of stage "build" \(line 2\), so no step runs\. COPY has no flag --frm/);
    assert.match(stop?.explanation ?? '', / With its flags corrected, this step would make a layer of 2 B: adds \/srv, \/srv\/out, \/srv\/out\/f\.$/);
    assert.doesNotMatch(stop?.explanation ?? '', /would fail too|makes no layer/);
  });

  it('COPY --frm after WORKDIRR: marks', async () => {
    const analysis = await predict(twoMisspellings);
    const step = stepAt(analysis, 5);

    assert.equal(stepStatus(step, 'signs'), 'flags corrected');
    assert.equal(stepStatus(step, 'words'), 'not reached · flags corrected');
    assert.equal(describeLayers(analysis)[step.index].buildStop?.mark, 'not reached · flags corrected');
  });

  it('COPPY after WORKDIRR: marks', async () => {
    const analysis = await predict('FROM shell-only\nWORKDIRR /app\nCOPPY a.txt ./\nENVV A=1\n', { 'a.txt': 'a\n' });
    const copy = stepAt(analysis, 3);
    const env = stepAt(analysis, 4);

    assert.equal(stepStatus(copy, 'signs'), 'read as COPY');
    assert.equal(describeLayers(analysis)[copy.index].buildStop?.mark, 'not reached · read as COPY');
    // Read as ENV, the line makes no layer, so it keeps the marks of a failing step.
    assert.equal(stepStatus(env, 'signs'), 'would fail');
    assert.equal(describeLayers(analysis)[env.index].buildStop?.mark, 'not reached · would fail too');
  });

  it('ENVV A=1: no layer either way', async () => {
    const analysis = await predict('FROM shell-only\nENVV A=1\n');
    const step = stepAt(analysis, 2);

    assert.equal(describeCorrectedLayer(analysis.stack, step), undefined);
    assert.equal(describeLayers(analysis)[step.index].emptyLayer, true);
    assert.match(renderStepHover(analysis, step, 'file:///w/Dockerfile'), /This line makes no layer\./);
  });

  it('unknown instruction without correction: no layer', async () => {
    const analysis = await predict('FROM shell-only\nARD DIR=/opt\n');
    const step = stepAt(analysis, 2);

    assert.equal(step.emptyLayer, true);
    assert.match(renderStepHover(analysis, step, 'file:///w/Dockerfile'), /This line makes no layer\./);
  });
});
