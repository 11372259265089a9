/** The hover of a step names paths with control characters by the CLI's escapes, as Markdown shows a newline or a tab as a space. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import { renderStepHover, stepAtLine } from '../../../src/extension/hover/renderHover';
import { makeControlNameTree } from '../context/controlNameTree';
import { removeTree } from '../context/tempTree';

describe('hover control characters', () => {
  it('paths and link targets escaped', async () => {
    const root = makeControlNameTree();
    try {
      const dockerfilePath = path.join(root, 'Dockerfile');
      const analysis = await analyze({ dockerfilePath, text: readFileSync(dockerfilePath, 'utf8') });
      const step = stepAtLine(analysis, 2);
      assert.ok(step, 'no step on line 2');
      const hover = renderStepHover(analysis, step, 'file:///project/Dockerfile');

      assert.ok(hover.includes('- `/data/new\\nline.txt` 2 B'), hover);
      assert.ok(hover.includes('- `/data/tab\\tname.txt` 2 B'), hover);
      assert.ok(hover.includes('- `/data/link` symlink to `new\\nline.txt`'), hover);
      assert.ok(!hover.includes('new\nline'), hover);
      assert.ok(!hover.includes('tab\tname'), hover);
    } finally {
      removeTree(root);
    }
  });
});
