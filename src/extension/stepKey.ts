/**
 * The identity of a step across analyses, shared by the Image Layers view (which keeps a step's
 * row expanded) and the Merged Filesystem panel (which keeps a picked layer). No `vscode` import,
 * so it runs under plain mocha.
 */
import type { Step } from '../core/analysis/types';

/**
 * Returns a key for a step that follows the step rather than its place: its stage, its
 * instruction text and, for steps of that stage with the same text, which one it is. A key of
 * the line or index would carry a row's state or a pick to another step when lines move (Alt+Up)
 * or when linking an image inserts base layers above. Editing the instruction itself gives a new
 * key.
 */
export function stepKey(steps: readonly Step[], step: Step): string {
  const twins = steps.filter((other) => other.stage === step.stage && other.text === step.text);
  const occurrence = twins.indexOf(step);
  return `${step.stage}:${JSON.stringify(step.text)}${occurrence > 0 ? `:${occurrence}` : ''}`;
}

/** Returns the step of `steps` whose `stepKey` is `key`, or `undefined` when an edit changed or removed that step. */
export function findStepByKey(steps: readonly Step[], key: string): Step | undefined {
  return steps.find((step) => stepKey(steps, step) === key);
}
