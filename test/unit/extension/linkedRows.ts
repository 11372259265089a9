/** Reads the rows of a linked analysis by line, as the Image Layers view and the panel's layer list show them. */
import * as assert from 'node:assert/strict';
import type { Step } from '../../../src/core/analysis/types';
import type { LinkedAnalysis } from '../../../src/core/image/linkedAnalysis';
import { describeLayers } from '../../../src/core/report/mergedView';

/** Returns the last step on a line, which is the Image Layers view's row of that line. */
export function rowAt(linked: LinkedAnalysis, line: number): Step {
  const step = linked.steps.filter((candidate) => candidate.line === line).pop();
  assert.ok(step, `no step on line ${line}`);
  return step;
}

/** Returns the panel's explanation of why the build stops before the row of a line. */
export function panelExplanation(linked: LinkedAnalysis, line: number): string {
  const explanation = describeLayers(linked)[rowAt(linked, line).index].buildStop?.explanation;
  assert.ok(explanation, `the step on line ${line} has no build stop`);
  return explanation;
}
