/** The layer a Merged Filesystem panel opens at, and its notice, when the build stops early. */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../src/core/analysis/types';
import { buildPanelData, chooseLayer } from '../../../src/extension/panel/panelData';
import { predict, removeContexts } from '../predict/helpers';
import { openedRejectedPanelData, pathsOf } from './panelData';

function panelData(analysis: Analysis, stage?: number) {
  return buildPanelData(analysis, { uri: 'file:///ctx/Dockerfile', fileName: 'Dockerfile' }, undefined, stage);
}

describe('panel of a build that stops', () => {
  after(removeContexts);

  it('opens at the layer before the failing step', async () => {
    const analysis = await predict('FROM shell-only\nCOPY a.txt /a.txt\nCOPY missing.txt /m.txt\nRUN echo never > /never\n', { 'a.txt': 'a\n' });
    assert.equal(chooseLayer(analysis, undefined), 1);
    const data = panelData(analysis);
    assert.equal(data.view.asOf, 1);
    assert.deepEqual(data.stopNotice, { line: 3, message: 'The build stops at line 3. The source "missing.txt" was not found in the build context.' });
    // A layer that is requested is shown, even past the stop, and a request past the top gets the top.
    assert.equal(chooseLayer(analysis, 3), 3);
    assert.equal(chooseLayer(analysis, 9), 3);
  });

  it('failing last step', async () => {
    const analysis = await predict('FROM shell-only\nCOPY a.txt /a.txt\nCOPY missing.txt /m.txt\n', { 'a.txt': 'a\n' });
    assert.equal(panelData(analysis).view.asOf, 1);
  });

  it('rejected Dockerfile', async () => {
    const analysis = await predict('FROM shell-only\nCOPY a.txt /a.txt\nRUNN echo oops\nRUN echo done > /done\n', { 'a.txt': 'a\n' });
    const data = panelData(analysis);
    // No step runs, so no layer is made, and the panel shows the full prediction, as `explain` does.
    assert.equal(analysis.stack.top, 3);
    assert.equal(data.view.asOf, 3);
    assert.deepEqual(data.stopNotice, { line: 3, message: 'The builder rejects the whole Dockerfile at line 3, so no step runs. Unknown instruction "RUNN" (did you mean RUN?).' });
  });

  it('unclosed quote in a LABEL', async () => {
    const data = await openedRejectedPanelData();
    assert.equal(data.view.asOf, 4);
    assert.equal(data.layers.length, 5);
    assert.deepEqual(pathsOf(data), ['/app', '/app/notes.txt', '/app/package.json']);
    assert.match(data.stopNotice?.message ?? '', /^The builder rejects the whole Dockerfile at line 6, so no step runs\. The double quote/);
    // Every layer, the one the panel opens at included, is marked as one the build never makes.
    assert.equal(data.layers[4].buildStop?.mark, 'not reached');
  });

  it('rejected Dockerfile, other stage', async () => {
    const data = await openedRejectedPanelData(0);
    assert.equal(data.stage, 0);
    assert.equal(data.view.asOf, 1);
    assert.deepEqual(pathsOf(data), ['/notes.txt']);
    assert.equal(data.stopNotice?.line, 6);
  });

  it('stage that copies from a failing stage', async () => {
    const dockerfile = 'FROM shell-only AS deps\nCOPY missing.txt /m.txt\n\nFROM shell-only\nCOPY a.txt /a.txt\nCOPY --from=deps /m.txt /m.txt\nRUN echo done > /done\n';
    const analysis = await predict(dockerfile, { 'a.txt': 'a\n' });
    const data = panelData(analysis);
    assert.equal(data.view.asOf, 1);
    assert.equal(data.stopNotice?.line, 2);
    assert.match(data.stopNotice?.message ?? '', /^The build stops at line 2, in stage "deps"\. The source "missing\.txt" was not found in the build context\.$/);
  });

  it('notice gone once fixed', async () => {
    const failing = panelData(await predict('FROM shell-only\nCOPY missing.txt /m.txt\nRUN echo done > /done\n'));
    assert.equal(failing.stopNotice?.line, 2);
    assert.equal(failing.view.asOf, 0);

    const analysis = await predict('FROM shell-only\nCOPY missing.txt /m.txt\nRUN echo done > /done\n', { 'missing.txt': 'm\n' });
    const fixed = panelData(analysis);
    assert.equal(fixed.stopNotice, undefined);
    assert.equal(fixed.view.asOf, analysis.stack.top);
  });
});
