/**
 * The stop of a failing build in the Merged Filesystem panel: the layer the panel opens at, and
 * the notice above its tree. No `vscode` import, so it runs under plain mocha.
 */
import { quotedStageName } from '../../core/analysis/stageBuildText';
import { stepErrors } from '../../core/analysis/notReached';
import type { Analysis, Step, StepReference } from '../../core/analysis/types';
import type { StopNotice } from '../../protocol/webview';
import { shortenContextPaths } from '../problemText';
import { firstSentence } from '../../core/report/format';

/**
 * Finds the step that stops the chain's build, as the CLI's sentence does: the step that the
 * first step not reached names, or else the first failing step. `undefined` when the build
 * finishes.
 */
function stopCause(view: Analysis): StepReference | undefined {
  const unreached = view.steps.find((step) => step.notReached !== undefined);
  if (unreached?.notReached) return unreached.notReached;
  const failed = view.steps.find((step) => step.failed);
  if (!failed) return undefined;
  return { stage: failed.stage, index: failed.index, line: failed.line, ...(failed.rejectsDockerfile ? { rejects: true } : {}) };
}

/** Returns the step of `view`'s chain that `cause` names, if the cause lies in that chain. */
function stepOfChain(view: Analysis, cause: StepReference): Step | undefined {
  return view.steps.find((step) => step.stage === cause.stage && step.line === cause.line);
}

/**
 * Returns the layer a panel opens at: the last layer that a build of `view`'s chain makes. That
 * is the layer below the step that stops it, or below the chain's first step not reached when
 * the cause lies in another stage. So it is the top layer when the build finishes, layer 0 when
 * it stops at the first step, and -1 for a chain without layers. A parse error makes builders
 * reject the whole Dockerfile, so no layer is a build's result, not even one below the rejected
 * line. Then it returns the top layer, the full prediction that `layer-lens explain` shows, and
 * the panel's notice states that no step runs.
 */
export function lastBuiltLayer(view: Analysis): number {
  const top = view.stack.top;
  const cause = stopCause(view);
  if (top < 0 || !cause || cause.rejects) return top;
  const stop = stepOfChain(view, cause) ?? view.steps.find((step) => step.notReached !== undefined);
  if (!stop) return top;
  return Math.min(top, Math.max(0, stop.index - 1));
}

/**
 * Describes where and why the build of `view`'s chain stops, with the first sentence of the
 * first error on the stopping step's lines. `undefined` when the build finishes.
 */
export function describeStopNotice(analysis: Analysis, view: Analysis): StopNotice | undefined {
  const cause = stopCause(view);
  if (!cause) return undefined;
  const sentences = [stopSentence(analysis, view, cause)];
  const reason = stopReason(analysis, cause);
  if (reason) sentences.push(reason);
  return { line: cause.line, message: sentences.join(' ') };
}

function stopSentence(analysis: Analysis, view: Analysis, cause: StepReference): string {
  if (cause.rejects) return `The builder rejects the whole Dockerfile at line ${cause.line}, so no step runs.`;
  const stage = analysis.stages[cause.stage];
  const where = cause.stage === view.target || !stage ? '' : `, in stage ${quotedStageName(stage)}`;
  return `The build stops at line ${cause.line}${where}.`;
}

/** Returns the first sentence of the first error on the stopping step's lines, or on its line alone. */
function stopReason(analysis: Analysis, cause: StepReference): string | undefined {
  const step = analysis.stageChains?.[cause.stage]?.steps.find((candidate) => candidate.line === cause.line);
  const problems = analysis.problems ?? [];
  const errors = step ? stepErrors(problems, step) : problems.filter((problem) => problem.severity === 'error' && problem.line === cause.line).map((problem) => problem.message);
  if (errors.length === 0) return undefined;
  return firstSentence(shortenContextPaths(errors[0], analysis.contextPath));
}
