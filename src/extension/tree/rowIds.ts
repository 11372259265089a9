/** Ids of the Image Layers view's rows. No `vscode` import, so it runs under plain mocha. */
import type { Step } from '../../core/analysis/types';
import { stepKey } from '../stepKey';

/**
 * Returns the id of a step's row; `document` is the analysed Dockerfile's URI. VS Code keeps a
 * row expanded by its id, so the id follows the step (see `stepKey`), and a row whose instruction
 * was edited starts collapsed.
 */
export function stepRowId(document: string, steps: readonly Step[], step: Step): string {
  return `${document}#step-${stepKey(steps, step)}`;
}

/** Returns the id of a changed path's row below a step's row. */
export function changeRowId(document: string, steps: readonly Step[], step: Step, path: string): string {
  return `${stepRowId(document, steps, step)}:${path}`;
}
