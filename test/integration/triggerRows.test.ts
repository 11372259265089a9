import * as assert from 'assert';
import * as vscode from 'vscode';
import { layerLensApi, openDockerfile, waitForAnalysis } from './helpers';
import { waitUntil } from '../vscode/waitUntil';
import { rowsOf, spokenOf, type Row } from './treeText';

/** Returns the words of a row's tooltip, whose plain-text parts are escaped markdown, with the escapes undone. */
function tooltipOf(row: Row): string {
  return (row.item.tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
}

describe('Image Layers trigger rows', () => {
  it('ONBUILD COPY --from rows are marked', async () => {
    const api = await layerLensApi();
    const { document } = await openDockerfile('images/onbuild/Dockerfile');
    await waitForAnalysis(api, document.uri);
    // The view follows the active editor once its analysis is ready.
    let stages: Row[] = [];
    await waitUntil('the ONBUILD Dockerfile in the Image Layers view', 15_000, async () => {
      stages = await rowsOf(api.layersTree, undefined);
      return stages.map((row) => row.text).join('\n') === 'stage assets — scratch\nstage base — scratch\nstage app — target · base';
    });

    const base = await rowsOf(api.layersTree, stages[1].element);
    assert.deepStrictEqual(base.map((row) => row.text), ['FROM scratch — no layer', 'ONBUILD COPY ←asset… — no layer']);

    const app = await rowsOf(api.layersTree, stages[2].element);
    assert.deepStrictEqual(app.map((row) => row.text), ['FROM base — no layer', 'COPY ←assets… — 6 B · +2 · trigger']);
    const trigger = app[1];
    const tooltip = tooltipOf(trigger);
    assert.ok(tooltip.includes('COPY --from=assets /assets/app.txt /srv/'), tooltip);
    assert.ok(tooltip.includes('Build trigger (ONBUILD on line 6), run by the FROM on line 8.'), tooltip);
    assert.strictEqual(
      spokenOf(trigger.item),
      'COPY --from=assets /assets/app.txt /srv/, step #3 on line 8, 6 B · 2 added · build trigger (ONBUILD on line 6), run by the FROM on line 8',
    );
  });
});
