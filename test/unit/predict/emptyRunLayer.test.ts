import * as assert from 'node:assert/strict';
import type { BuilderKind } from '../../../src/core/dockerfile/builders';
import { changesAt, predict, removeContexts, stepAt, stepSummary } from './helpers';

const undoneRun = 'FROM busybox\nRUN mkdir /build && echo x > /build/x && rm -rf /build\n';

describe('RUN layers with an empty diff', () => {
  after(removeContexts);

  it('RUN mkdir /build && echo x > /build/x && rm -rf /build (classic)', async () => {
    const analysis = await predict(undoneRun, {}, { builder: 'classic' });
    assert.deepEqual(stepSummary(analysis), ['1 FROM layer', '2 RUN empty']);
    assert.equal(stepAt(analysis, 2).certainty, 'exact');
    assert.ok(stepAt(analysis, 2).notes.includes('The classic builder records no layer here, because its command leaves no change in the filesystem.'));
  });

  for (const builder of ['buildkit', 'buildah'] as BuilderKind[]) {
    it(`RUN mkdir /build && echo x > /build/x && rm -rf /build (${builder})`, async () => {
      const analysis = await predict(undoneRun, {}, { builder });
      assert.deepEqual(stepSummary(analysis), ['1 FROM layer', '2 RUN layer']);
    });
  }

  it('a failing COPY gets no empty-layer note (classic)', async () => {
    const analysis = await predict('FROM busybox\nCOPY missing.txt /m\n', {}, { builder: 'classic' });
    assert.equal(stepAt(analysis, 2).failed, true);
    assert.ok(!stepAt(analysis, 2).notes.some((note) => note.startsWith('The classic builder records no layer here')), stepAt(analysis, 2).notes.join('\n'));
  });

  it('RUN true (classic)', async () => {
    const analysis = await predict('FROM busybox\nRUN true\n', {}, { builder: 'classic' });
    assert.deepEqual(stepSummary(analysis), ['1 FROM layer', '2 RUN empty']);
  });

  it('RUN echo x > /x (classic)', async () => {
    const analysis = await predict('FROM busybox\nRUN echo x > /x\n', {}, { builder: 'classic' });
    assert.deepEqual(stepSummary(analysis), ['1 FROM layer', '2 RUN layer']);
  });

  it('RUN some-installer --quiet (classic)', async () => {
    // Nothing is listed, but the command's effect is not known, so the layer stays.
    const analysis = await predict('FROM busybox\nRUN some-installer --quiet\n', {}, { builder: 'classic' });
    assert.notEqual(stepAt(analysis, 2).certainty, 'exact');
    assert.deepEqual(stepSummary(analysis), ['1 FROM layer', '2 RUN layer']);
  });

  it('RUN touch /tmp/x && rm /tmp/x (classic)', async () => {
    // Overlay storage copied /tmp up to make x, and the copy stays after x is gone.
    const analysis = await predict('FROM busybox\nRUN touch /tmp/x && rm /tmp/x\n', {}, { builder: 'classic' });
    assert.deepEqual(stepSummary(analysis), ['1 FROM layer', '2 RUN layer']);
    assert.deepEqual(changesAt(analysis, 2), ['/tmp modified directory']);
  });
});
