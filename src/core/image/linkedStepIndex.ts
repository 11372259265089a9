/**
 * Converts a step index of a Dockerfile's prediction to the index of the same step in its linked
 * analysis. The linked analysis lists the base image's layers before the first FROM and the
 * image's unmatched layers between the steps (see `linkAnalysis`), so its numbers are larger.
 */
import type { Analysis } from '../analysis/types';
import { linkedImageOf, type StepSource } from './linkedAnalysis';

/** Returns whether a linked step is a step of the prediction, which every step but a base or unmatched layer is. */
function isPredictionStep(source: StepSource): boolean {
  if (source.kind === 'base') return source.historyEntry === null;
  return source.kind !== 'unmatched';
}

/**
 * Returns the index in `analysis.steps` of the target chain's step that has index `predicted` in
 * the prediction, or `predicted` itself in an analysis without a linked image or without that step.
 */
export function linkedStepIndex(analysis: Analysis, predicted: number): number {
  const sources = linkedImageOf(analysis)?.sources;
  if (!sources) return predicted;
  let seen = -1;
  for (const [index, source] of sources.entries()) {
    if (!isPredictionStep(source)) continue;
    seen++;
    if (seen === predicted) return index;
  }
  return predicted;
}
