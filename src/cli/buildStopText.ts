/** The sentence of `explain`'s text for a build that fails, whose merged tree is then never made. */
import { keptSettingsReading } from '../core/analysis/notReached';
import type { Analysis, Step, StepReference } from '../core/analysis/types';

/**
 * Returns the sentence for a target whose build fails or is rejected, to print before the waste
 * and the merged tree, or `undefined` when the build finishes. The waste and the tree keep the
 * layers of the steps the build does not reach, as the JSON's `wasted` and `merged` and the
 * editor's panel do. So they show what the build makes once the failing step is fixed.
 */
export function describeBuildStop(analysis: Analysis): string | undefined {
  const cause = buildStop(analysis.steps);
  if (cause === undefined) return undefined;
  const stop = cause.rejects
    ? `The builder rejects the whole Dockerfile at line ${cause.line}, so no step runs and no image is made.`
    : `The build fails at line ${cause.line}, so no image is made.`;
  // The line may lie in a stage outside the target's chain, such as one the target copies from.
  const steps = [...analysis.steps, ...(analysis.stageChains ?? []).flatMap((chain) => chain.steps)];
  return `${stop} The waste and the merged filesystem below are what the other steps would make if the build went on ${stopLineReading(steps, cause)}.`;
}

/**
 * Says how the prediction reads the line the build stops at: as its correction when the line is
 * a misspelt instruction or flag (`Step.readAs`), with the settings of a failing ENV, WORKDIR...
 * line, or else without it.
 */
function stopLineReading(steps: readonly Step[], cause: Pick<StepReference, 'line' | 'rejects'>): string {
  const line = cause.line;
  const corrected = steps.find((step) => step.line === line && step.readAs !== undefined);
  if (corrected !== undefined) return corrected.readAs === corrected.instruction ? `with the flags of line ${line} corrected` : `with line ${line} read as ${corrected.readAs}`;
  // As in `describeCauseReading`, a line the builder rejects while parsing keeps the plain wording.
  const failing = cause.rejects ? undefined : steps.find((step) => step.line === line && step.failed);
  return (failing && keptSettingsReading(failing, `line ${line}`)) ?? `without line ${line}`;
}

/**
 * Finds the step that stops the target's build: the one that the first step not reached names,
 * or else the first failing step (a failing last step leaves no step unreached).
 */
function buildStop(steps: readonly Step[]): Pick<StepReference, 'line' | 'rejects'> | undefined {
  const unreached = steps.find((step) => step.notReached !== undefined);
  if (unreached?.notReached) return unreached.notReached;
  const failed = steps.find((step) => step.failed);
  if (!failed) return undefined;
  return failed.rejectsDockerfile ? { line: failed.line, rejects: true } : { line: failed.line };
}
