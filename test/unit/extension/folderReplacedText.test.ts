/** How the Image Layers row, its accessible name and the hover word a folder that a file replaced. */
import * as assert from 'node:assert/strict';
import type { Analysis } from '../../../src/core/analysis/types';
import { shadowedEntry } from '../../../src/core/report/typeChange';
import { renderStepHover, stepAtLine } from '../../../src/extension/hover/renderHover';
import { changeAccessibilityLabel } from '../../../src/extension/tree/changeRow';
import { buildChangeTree, describeChange, type ChangeNode } from '../../../src/extension/tree/changeTree';
import { predict, removeContexts } from '../predict/helpers';

const dockerfile = 'FROM shell-only\nWORKDIR /srv/app\nCOPY data/ ./data/\nRUN rm -rf data && echo replaced > data\n';
const files = { 'data/a.txt': 'four', 'data/sub/b.txt': 'four' };

/** Returns the change row of `path` under the step on `line`, searching the row tree depth first. */
function rowOf(analysis: Analysis, line: number, path: string): ChangeNode {
  const step = stepAtLine(analysis, line);
  assert.ok(step, `no step on line ${line}`);
  const pending = buildChangeTree(analysis.stack.layers[step.index].entries);
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.path === path) return node;
    pending.push(...node.children);
  }
  assert.fail(`no row for ${path} under line ${line}`);
}

describe('folder replaced by a file', () => {
  let analysis: Analysis;
  before(async () => {
    analysis = await predict(dockerfile, files);
  });
  after(removeContexts);

  it('row names the type change first', () => {
    const change = rowOf(analysis, 4, '/srv/app/data').change;
    assert.ok(change);
    const lineOfLayer = (layer: number) => analysis.steps[layer]?.line;
    const description = describeChange(change, lineOfLayer, shadowedEntry(analysis.stack, change));
    // The folder's mode comes from the build context folder, so only the type change is checked exactly.
    assert.ok(description.startsWith('9 B · modified · folder → file, mode '), description);
    assert.ok(description.endsWith(' · shadows line 3 · hides the 3 paths in it'), description);
  });

  it('accessible name names the type change', () => {
    const lineOfLayer = (layer: number) => analysis.steps[layer]?.line;
    const label = changeAccessibilityLabel(rowOf(analysis, 4, '/srv/app/data'), lineOfLayer, analysis.stack);
    assert.ok(label.startsWith('file data, 9 B, modified, folder → file, '), label);
  });

  it('hover names the type change first', () => {
    const step = stepAtLine(analysis, 4);
    assert.ok(step);
    const hover = renderStepHover(analysis, step, 'file:///project/Dockerfile');
    assert.match(hover, /- `\/srv\/app\/data` 9 B, folder → file, mode \d{4} → 0644, hides the 3 paths in it, shadows line 3\n/);
  });

  it('hover names the shadowed folder', () => {
    const step = stepAtLine(analysis, 4);
    assert.ok(step);
    const hover = renderStepHover(analysis, step, 'file:///project/Dockerfile');
    assert.ok(hover.includes('**Modifies** 1 path (9 B), shadowing the version from line 3 (a folder):\n'), hover);
  });
});
