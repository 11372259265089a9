/** Ids of the Image Layers view's rows. No `vscode` import, so it runs under plain mocha. */
import type { Step } from '../../core/analysis/types';

/**
 * Returns a key for a step's tree item that follows the step rather than its place: its stage,
 * its instruction text and, for steps of that stage with the same text, which one it is. VS Code
 * keeps a row expanded by its id, so a key of the line or index would carry the state to another
 * step when lines move (Alt+Up) or when linking an image inserts base layers above. Editing the
 * instruction itself gives a new key, so that row starts collapsed.
 */
export function stepKey(steps: readonly Step[], step: Step): string {
  const twins = steps.filter((other) => other.stage === step.stage && other.text === step.text);
  const occurrence = twins.indexOf(step);
  return `${step.stage}:${JSON.stringify(step.text)}${occurrence > 0 ? `:${occurrence}` : ''}`;
}

/** Returns the id of a step's row; `document` is the analysed Dockerfile's URI. */
export function stepRowId(document: string, steps: readonly Step[], step: Step): string {
  return `${document}#step-${stepKey(steps, step)}`;
}

/** Returns the id of a changed path's row below a step's row. */
export function changeRowId(document: string, steps: readonly Step[], step: Step, path: string): string {
  return `${stepRowId(document, steps, step)}:${path}`;
}
