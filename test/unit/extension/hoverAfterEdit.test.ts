/**
 * The hover of a layer that an incremental re-analysis keeps, whose facts were worked out when
 * the layer was pushed, after edits of the lines around it.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import { IncrementalPredictions } from '../../../src/core/analysis/incremental';
import type { Analysis } from '../../../src/core/analysis/types';
import type { ContextIndex } from '../../../src/core/context/contextIndex';
import { walkContext } from '../../../src/core/context/walk';
import { renderStepHover, stepAtLine } from '../../../src/extension/hover/renderHover';

const contextPath = path.resolve(__dirname, '../../fixtures/hover/wasted');
const dockerfilePath = path.join(contextPath, 'Dockerfile');
const original = readFileSync(dockerfilePath, 'utf8');

/** Returns the text of the fixture with 1-based line `line` replaced. */
function edited(line: number, replacement: string): string {
  const lines = original.split('\n');
  lines[line - 1] = replacement;
  return lines.join('\n');
}

function hoverAt(analysis: Analysis, line: number): string {
  const step = stepAtLine(analysis, line);
  assert.ok(step, `no step on line ${line}`);
  return renderStepHover(analysis, step, 'file:///hover/Dockerfile');
}

function wastedSentence(hover: string): string | undefined {
  return hover.split('\n\n').find((paragraph) => paragraph.endsWith(', so these bytes are wasted.'));
}

describe('hover after an edit', () => {
  // One walk for every run, as the editor's context cache gives: a new walk is a new input, after
  // which a re-analysis keeps no layer. The base image is not read, since the test images'
  // resolver gives new images on each run, which are new inputs too.
  let context: ContextIndex;
  before(async () => {
    context = await walkContext(contextPath, { dockerfilePath });
  });

  /**
   * Analyses `text` with the fixture's context as the editor does, working out the hover's facts as
   * each layer is pushed, and keeping the layers before an edit when `incremental` is set.
   */
  function analyzeText(text: string, incremental?: IncrementalPredictions): Promise<Analysis> {
    return analyze({ dockerfilePath, text, contextPath, context, incremental, forHovers: true });
  }

  it('later deletion edited', async () => {
    const incremental = new IncrementalPredictions();
    const before = await analyzeText(original, incremental);
    assert.equal(wastedSentence(hoverAt(before, 2)), 'Lines 3 and 4 shadow or delete 3 of its 4 files (143 B), so these bytes are wasted.');

    // Line 4 no longer deletes debug.log (26 B). The re-analysis keeps the layer of line 2.
    // A re-analysis rewinds the same stack, so the layer is taken before it.
    const index = stepAtLine(before, 2)?.index ?? -1;
    const layer = before.stack.layers[index];
    const after = await analyzeText(edited(4, 'RUN rm -f /app/cache.bin'), incremental);
    assert.equal(after.stack.layers[index], layer, 'the layer of line 2 was not kept, so this tests no kept facts');

    assert.equal(wastedSentence(hoverAt(after, 2)), 'Lines 3 and 4 shadow or delete 2 of its 4 files (117 B), so these bytes are wasted.');
  });

  it('each line as a new analysis', async () => {
    const edits: Array<[number, string]> = [
      [7, 'RUN true'],
      [3, 'COPY notes.txt /app/main.js'],
      [2, 'COPY extra/ /app/'],
      [5, 'COPY override/ /app/'],
    ];
    for (const [line, replacement] of edits) {
      const incremental = new IncrementalPredictions();
      await analyzeText(original, incremental);
      const text = edited(line, replacement);
      const reanalyzed = await analyzeText(text, incremental);
      const fresh = await analyzeText(text);

      for (const step of fresh.steps) {
        assert.equal(hoverAt(reanalyzed, step.line), hoverAt(fresh, step.line), `line ${step.line} after the edit of line ${line}`);
      }
    }
  });
});
