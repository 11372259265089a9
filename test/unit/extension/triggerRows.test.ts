/** Image Layers rows of ONBUILD lines and of the steps that run their triggers. */
import * as assert from 'node:assert/strict';
import type { KnownImage } from '../../../src/core/predict/baseImage';
import { stepRowText } from '../../../src/extension/tree/stepRow';
import { predict, removeContexts, shellOnlyImage } from '../predict/helpers';

/** Stage base records a trigger that copies from stage assets, and line 5 runs it. */
const copyFromStage = 'FROM shell-only AS assets\nCOPY a.txt /assets/a.txt\nFROM shell-only AS base\nONBUILD COPY --from=assets /assets/a.txt /app/\nFROM base\n';

describe('trigger rows', () => {
  after(removeContexts);

  it('trigger step row is marked', async () => {
    const analysis = await predict(copyFromStage, { 'a.txt': 'aaa' });
    const row = stepRowText(analysis, analysis.steps[3]);

    // The label leaves room for the mark, so that the row shows it at the default width.
    assert.equal(row.label, 'COPY ←assets…');
    assert.equal(row.description, '3 B · +2 · trigger');
    assert.equal(row.trigger, 'build trigger (ONBUILD on line 4), run by the FROM on line 5');
    assert.equal(row.spoken, 'COPY --from=assets /assets/a.txt /app/, step #3 on line 5, 3 B · 2 added · build trigger (ONBUILD on line 4), run by the FROM on line 5');
  });

  it('FROM and stage steps are not marked', async () => {
    const analysis = await predict(copyFromStage, { 'a.txt': 'aaa' });

    for (const step of analysis.steps.filter((candidate) => !candidate.trigger)) {
      const row = stepRowText(analysis, step);
      assert.equal(row.trigger, undefined, step.text);
      assert.doesNotMatch(row.description, /trigger/, step.text);
    }
  });

  it('trigger of a base image', async () => {
    const images = (reference: string): KnownImage | undefined => (reference === 'triggers' ? { ...shellOnlyImage(), config: { env: new Map<string, string>(), onBuild: ['COPY a.txt /a.txt'] } } : undefined);
    const analysis = await predict('FROM triggers\n', { 'a.txt': 'aaa' }, { images });
    const row = stepRowText(analysis, analysis.steps[1]);

    assert.equal(row.description, '3 B · +1 · trigger');
    assert.equal(row.trigger, 'build trigger (ONBUILD recorded by the base image), run by the FROM on line 1');
  });

  it('ONBUILD COPY --from row names the stage', async () => {
    const analysis = await predict(copyFromStage, { 'a.txt': 'aaa' });
    const row = stepRowText(analysis, analysis.steps[1]);

    assert.equal(row.label, 'ONBUILD COPY ←asset…');
    assert.equal(row.description, 'no layer');
  });

  it('failing trigger keeps ←stage', async () => {
    const text = 'FROM shell-only AS assets\nCOPY a.txt /assets/a.txt\nFROM shell-only AS base\nONBUILD COPY --from=assets /nothere /app/\nFROM base\n';
    const analysis = await predict(text, { 'a.txt': 'aaa' });
    const trigger = analysis.steps[3];

    assert.equal(trigger.failed, true);
    // The error quotes the trigger with its --from flag, which is not why it fails.
    assert.equal(stepRowText(analysis, trigger).label, 'COPY ←assets…');
    assert.equal(stepRowText(analysis, trigger).description, 'fails here · trigger');
  });

  it('failing trigger flag stays as written', async () => {
    const text = 'FROM shell-only AS base\nONBUILD COPY --chmod=u+x a.txt /a\nFROM base\n';
    const analysis = await predict(text, { 'a.txt': 'aaa' }, { builder: 'classic' });
    const trigger = analysis.steps[3];

    assert.equal(trigger.failed, true);
    assert.match(stepRowText(analysis, trigger).label, /^COPY --chmod/);
  });
});
