/**
 * A layer picked in the Merged Filesystem panel, kept by its step rather than its index, so that
 * the pick follows the step when an edit above it renumbers the layers. The step's identity is
 * `stepKey`, the rule by which the Image Layers view keeps a step's row expanded. No `vscode`
 * import, so it runs under plain mocha.
 */
import type { Step } from '../../core/analysis/types';
import { shortenLine } from '../../core/report/format';
import type { PickNotice } from '../../protocol/webview';
import { findStepByKey, stepKey } from '../stepKey';

/** The step of a picked layer, as of the analysis the layer was picked in. */
export interface PickedStep {
  /** The step's `stepKey`. */
  key: string;
  /** The step's 1-based first line, from which the nearest step is found when the step is gone. */
  line: number;
  /** The instruction as written, for the notice that the step is gone. */
  text: string;
}

/** The layer of a picked step after an edit. */
export interface FollowedStep {
  layer: number;
  /** True when an edit changed or removed the picked step, so `layer` is the nearest step's. */
  lost: boolean;
}

/** The maximum length, in characters, of the instruction a notice quotes. */
const MAX_QUOTED = 60;

/** Identifies the step of layer `layer`, or returns `undefined` when `steps` has no such step. */
export function pickStep(steps: readonly Step[], layer: number): PickedStep | undefined {
  const step = steps.find((candidate) => candidate.index === layer);
  return step && { key: stepKey(steps, step), line: step.line, text: step.text };
}

/**
 * Returns the layer of the picked step in `steps`, the steps of a newer analysis. When an edit
 * changed or removed that step, it returns the layer of the step nearest the picked step's line,
 * which is the edited step itself or the one that took the removed step's place. Returns
 * `undefined` when `steps` is empty.
 */
export function followPickedStep(steps: readonly Step[], picked: PickedStep): FollowedStep | undefined {
  const same = findStepByKey(steps, picked.key);
  if (same) return { layer: same.index, lost: false };
  let nearest: Step | undefined;
  let nearestDistance = Infinity;
  for (const step of steps) {
    // A step whose lines contain the picked line is at distance 0, and the earlier step wins a tie.
    const distance = Math.max(step.line - picked.line, picked.line - step.endLine, 0);
    if (distance < nearestDistance) {
      nearest = step;
      nearestDistance = distance;
    }
  }
  return nearest && { layer: nearest.index, lost: true };
}

/** Tells that the picked step is gone and names the step shown in its place, `replacement`. */
export function describeLostPick(picked: PickedStep, replacement: Step): PickNotice {
  const quoted = shortenLine(picked.text, MAX_QUOTED);
  return {
    line: replacement.line,
    message: `The step you picked (${quoted}, line ${picked.line}) was changed or removed, so the panel shows the nearest step, #${replacement.index} ${replacement.instruction} on line ${replacement.line}.`,
  };
}
