/** Marks the steps the build fails on, so that views do not show them as ordinary layers. */
import { isStepProblem } from '../dockerfile/buildTriggers';
import type { BuildPlan, PlannedStep } from '../dockerfile/plan';
import type { Problem, StageChain, Step } from './types';

/**
 * Returns the chains with `failed` and `emptyLayer` set on each step that an error problem lies
 * on. Every error the plan or the prediction reports on an instruction stops the build there: an
 * unknown instruction or flag, a source that is missing, a RUN that exits non-zero. Errors of
 * stages the builder skips are warnings by now (`demoteUnbuiltStageErrors`), so they mark nothing,
 * and neither do problems about the whole build, although they are reported on line 1.
 */
export function markFailedSteps(chains: StageChain[], planProblems: readonly Problem[], stepProblems: readonly Problem[]): StageChain[] {
  const errors = [...planProblems, ...stepProblems].filter((problem) => problem.severity === 'error' && !isWholeBuildProblem(problem));
  if (errors.length === 0) return chains;
  // A failed step makes no layer under every builder, whatever its prediction left in the stack,
  // but a step read as its correction is shown with the layer of the fixed line (see `Step.readAs`).
  return chains.map((chain) => ({ stack: chain.stack, steps: chain.steps.map((step) => markStep(step, errors)) }));
}

/** Returns `step` marked failed when an error lies on its lines, and whether that error rejects the whole Dockerfile. */
function markStep(step: Step, errors: readonly Problem[]): Step {
  const own = errors.filter((problem) => step.line <= problem.line && problem.line <= step.endLine && isStepProblem(problem.trigger, step.trigger));
  if (own.length === 0) return step;
  // A step read as its correction keeps the layer the fixed line would make, which the steps below see.
  const marked: Step = { ...step, failed: true, emptyLayer: step.readAs === undefined || step.emptyLayer };
  if (own.some((problem) => problem.scope === 'dockerfile')) marked.rejectsDockerfile = true;
  return marked;
}

/**
 * Returns whether an error of the plan lies on the lines of `step` and passes `matches`, as the
 * prediction of a step, the check that a step fails and the key of a kept prediction all ask.
 * Problems about the whole build do not count, although they are reported on line 1.
 */
export function hasPlanError(step: PlannedStep, plan: BuildPlan, matches: (problem: Problem) => boolean = () => true): boolean {
  const { line, endLine } = step.instruction;
  return plan.problems.some((problem) => problem.severity === 'error' && !isWholeBuildProblem(problem) && line <= problem.line && problem.line <= endLine && matches(problem));
}

/** Tells whether a problem concerns the whole build, such as an unknown target or platform, rather than its line. */
export function isWholeBuildProblem(problem: Problem): boolean {
  return problem.scope === 'build';
}
