/**
 * Marks the steps that a build never reaches, because it stops at an earlier failing step or
 * rejects the whole Dockerfile. Their layers stay predicted, so that the views can still show
 * what each would write once the failure is fixed.
 *
 * NOTE: an error found while converting the Dockerfile (a variable form BuildKit rejects) also
 * stops BuildKit before any step runs, but it is treated as failing its own step only.
 */
import type { BuildPlan, PlannedStep } from '../dockerfile/plan';
import { isStepProblem } from '../dockerfile/buildTriggers';
import { isEmptyLayerNote } from '../predict/layerRule';
import { correctionMark } from './correctedLayer';
import { linkedStepIndex } from '../image/linkedStepIndex';
import { isReadAsCorrection, rejectionLine, fixStatedOnce } from './rejectedDockerfile';
import { stageUses } from './stageBuilds';
import type { StageNamer } from './stageBuildText';
import type { Analysis, Problem, StageBuild, StageChain, Step, StepReference } from './types';

/**
 * Returns the chains with `notReached` set on each step of a built stage that runs after a failing
 * step, or on every step but the first rejected one when a parse error rejects the whole Dockerfile.
 */
export function markNotReachedSteps(plan: BuildPlan, builds: readonly StageBuild[], chains: StageChain[]): StageChain[] {
  const rejection = firstRejection(plan, chains);
  // The builder parses the whole Dockerfile first, so a step that would fail is not reached either.
  const rejected = (step: Step) => step.line === rejection?.line;
  if (rejection) return chains.map((chain) => ({ stack: chain.stack, steps: chain.steps.map((step) => (rejected(step) ? step : unreached(step, rejection))) }));
  const built = chains.flatMap((_, stage) => (builds[stage]?.built ? [ownSteps(plan, chains, stage)] : []));
  const stops = plan.builder === 'classic' ? sequentialStops(built) : dependencyStops(plan, built);
  if (stops.size === 0) return chains;
  const mark = (step: Step): Step => {
    const cause = stops.get(stopKey(step));
    return cause ? unreached(step, cause) : step;
  };
  return chains.map((chain) => ({ stack: chain.stack, steps: chain.steps.map(mark) }));
}

/**
 * Returns the key of a step among the stops. Each instruction starts on a line of its own, so the
 * line identifies a step in every chain. The steps of build triggers share their FROM's line, so
 * their trigger is part of their key.
 */
function stopKey(step: Step): string {
  return step.trigger ? `${step.line} ${step.trigger.line ?? ''} ${step.trigger.text}` : String(step.line);
}

/**
 * Marks a step not reached and drops the classic builder's empty-layer note, because such a step
 * makes no layer since the build never runs it, whatever its diff would be.
 */
function unreached(step: Step, cause: StepReference): Step {
  return { ...step, notReached: cause, notes: step.notes.filter((note) => !isEmptyLayerNote(note)) };
}

/** A built stage's own steps (not those of the stages it continues), each with its planned step. */
interface OwnSteps {
  stage: number;
  steps: Step[];
  planned: PlannedStep[];
}

function ownSteps(plan: BuildPlan, chains: StageChain[], stage: number): OwnSteps {
  // The prediction makes one step per planned step, in the plan's order.
  return { stage, steps: chains[stage].steps.filter((step) => step.stage === stage), planned: plan.stages[stage].steps };
}

/**
 * Finds the stops of the classic builder, which builds its stages one after another in file order
 * and ends the build at the first error (`dispatchDockerfileWithCancellation` in Moby's
 * builder/dockerfile/builder.go). So every later step of every built stage is not reached.
 */
function sequentialStops(stages: OwnSteps[]): Map<string, StepReference> {
  const stops = new Map<string, StepReference>();
  let cause: StepReference | undefined;
  for (const { steps } of stages) {
    for (const step of steps) {
      if (cause) stops.set(stopKey(step), cause);
      else if (step.failed) cause = referenceTo(step);
    }
  }
  return stops;
}

/**
 * Finds the stops of BuildKit and buildah: the later steps of the failing step's stage, and in
 * each stage that uses an unfinished stage (FROM, COPY --from, RUN --mount=from=), the step that
 * uses it and every step after. BuildKit runs the stages that do not depend on the failing one in
 * parallel, so whether their steps finish before it cancels the build is not known, and they
 * stay unmarked. buildah is treated in the same way.
 */
function dependencyStops(plan: BuildPlan, stages: OwnSteps[]): Map<string, StepReference> {
  const unfinished = new Map<number, { from: number; cause: StepReference }>();
  // A use may name a stage later in the file (`stageUses` resolves any name), so the stops spread until nothing changes.
  for (let changed = true; changed; ) {
    changed = false;
    for (const stage of stages) {
      const stop = firstStop(plan, stage, unfinished);
      const known = unfinished.get(stage.stage);
      if (stop && (!known || stop.from < known.from)) {
        unfinished.set(stage.stage, stop);
        changed = true;
      }
    }
  }
  const stops = new Map<string, StepReference>();
  for (const stage of stages) {
    const stop = unfinished.get(stage.stage);
    if (stop) for (const step of stage.steps.slice(stop.from)) stops.set(stopKey(step), stop.cause);
  }
  return stops;
}

/**
 * Finds the position of a stage's first step that is not reached, and the failing step that
 * stops it: a step that uses an unfinished stage is not reached, and a failing step stops the
 * steps after it.
 */
function firstStop(plan: BuildPlan, stage: OwnSteps, unfinished: ReadonlyMap<number, { cause: StepReference }>): { from: number; cause: StepReference } | undefined {
  for (const [position, step] of stage.steps.entries()) {
    const planned = stage.planned[position];
    const used = planned ? stageUses(plan, planned).find((use) => use.target !== stage.stage && unfinished.has(use.target)) : undefined;
    if (used) return { from: position, cause: (unfinished.get(used.target) as { cause: StepReference }).cause };
    // buildah fails on a misspelt instruction at its step, and the plan reads it as its correction as under a rejection.
    if (step.failed) return { from: position + 1, cause: planned?.writtenKeyword === undefined ? referenceTo(step) : { ...referenceTo(step), readAsCorrection: true } };
    // The build fails on a line after the step, which has committed its layer (see `PlannedStep.failsAfter`).
    if (planned?.failsAfter !== undefined) return { from: position + 1, cause: { ...referenceTo(step), line: planned.failsAfter } };
  }
  return undefined;
}

/**
 * Finds the first parse error of the plan, where builders reject the whole Dockerfile, as a
 * reference to the step it lies on. An error outside every step (an instruction before the first
 * FROM) gets a reference with stage and index -1.
 */
function firstRejection(plan: BuildPlan, chains: readonly StageChain[]): StepReference | undefined {
  const line = rejectionLine(plan);
  if (line === undefined) return undefined;
  for (const chain of chains) {
    const step = chain.steps.find((candidate) => candidate.line <= line && line <= candidate.endLine);
    if (!step) continue;
    return isReadAsCorrection(plan, line) ? { ...referenceTo(step), rejects: true, readAsCorrection: true } : { ...referenceTo(step), rejects: true };
  }
  return { stage: -1, index: -1, line, rejects: true };
}

function referenceTo(step: Step): StepReference {
  return { stage: step.stage, index: step.index, line: step.line };
}

/**
 * Names the failing step at which the build stops before it reaches `step`, as
 * `the build stops at step #4 (line 7)`, or the step on which the builder rejects the whole
 * Dockerfile. The number is the step's row index in `view`, which a linked image shifts, and a
 * step outside `view`'s chain is named with its stage. `undefined` for a step the build reaches.
 */
export function notReachedReason(view: Analysis, step: Step, name: StageNamer): string | undefined {
  const cause = step.notReached;
  if (!cause) return undefined;
  if (cause.rejects && cause.index < 0) return `the builder rejects the whole Dockerfile at line ${cause.line}, so no step runs`;
  const where = stepPlace(view, cause, name);
  if (cause.rejects) return `the builder rejects the whole Dockerfile at ${where} (line ${cause.line}), so no step runs`;
  const causeStep = referencedStep(view, cause);
  if (causeStep && causeStep.line !== cause.line) return `the build stops at line ${cause.line}, after ${where} (line ${causeStep.line})`;
  return `the build stops at ${where} (line ${cause.line})`;
}

/** Names a referenced step as `step #4`, with its stage when it lies outside `view`'s chain. */
function stepPlace(view: Analysis, cause: StepReference, name: StageNamer): string {
  // A linked image adds rows to the target's chain, so a step of that chain takes its row index.
  const number = linkedStepIndex(view, cause.index);
  if (view.steps[number]?.stage === cause.stage) return `step #${number}`;
  const stage = view.stages[cause.stage];
  return stage ? `step #${cause.index} of stage ${name(stage)}` : `step #${cause.index}`;
}

/** Finds the step that a reference names, in its stage's chain or else among `view`'s rows, which a linked image renumbers. */
function referencedStep(view: Analysis, reference: StepReference): Step | undefined {
  const row = linkedStepIndex(view, reference.index);
  return view.stageChains?.[reference.stage]?.steps[reference.index] ?? view.steps.find((candidate) => candidate.stage === reference.stage && candidate.index === row);
}

/**
 * Lists the messages of the errors that lie on a step's lines, which give the reason it fails.
 * A view lists them one after another, so a sentence that ends several of them is kept once.
 */
export function stepErrors(problems: readonly Problem[], step: Step): string[] {
  const errors = problems.filter((problem) => problem.severity === 'error' && step.line <= problem.line && problem.line <= step.endLine && isStepProblem(problem.trigger, step.trigger));
  return fixStatedOnce(errors.map((problem) => problem.message));
}

/** The words every view uses for a step the build fails on: a short mark, and a sentence in two parts. */
export interface StepFailureWords {
  /** The short form for lists and trees, such as `build fails here`. */
  mark: string;
  /** The sentence's first part, which the hover sets in bold. */
  lead: string;
  /** The sentence's second part, after a comma. */
  rest: string;
}

/**
 * Returns whether a step of `view` that the build does not reach is predicted without the changes
 * of the step it stops at. That is true for the steps after that step, unless the prediction reads
 * it as the correction of a misspelt instruction. A parse error stops the build before any step,
 * so the steps before its line, and every step when it lies outside them, keep their predictions.
 */
export function predictedWithoutCause(view: Analysis, step: Step): boolean {
  const cause = step.notReached;
  if (!cause || cause.index < 0 || cause.readAsCorrection) return false;
  // The cause keeps the prediction's index, while a step of a linked image's chain has its row index.
  return cause.stage !== step.stage || linkedStepIndex(view, cause.index) < step.index;
}

/**
 * The instructions whose settings the later steps keep when their line fails. The plan applies
 * what ENV, ARG, USER, SHELL and WORKDIR set whether the line fails or not, with BuildKit's
 * expansion rules under every builder. The prediction drops only the failing step's layer.
 */
const keptSettingInstructions = new Set(['ENV', 'ARG', 'USER', 'SHELL', 'WORKDIR']);

/**
 * Says how the prediction of the later steps reads a failing step whose settings they keep, with
 * `name` for the step (`line 3`): `as if line 3 had not failed`, or for WORKDIR, whose folder is
 * a layer, `with the working directory of line 3 but without its layer`. `undefined` for a step
 * that sets nothing for the later steps, which the prediction goes on without.
 */
export function keptSettingsReading(stop: Pick<Step, 'instruction'>, name: string): string | undefined {
  if (!keptSettingInstructions.has(stop.instruction)) return undefined;
  return stop.instruction === 'WORKDIR' ? `with the working directory of ${name} but without its layer` : `as if ${name} had not failed`;
}

/**
 * Returns the sentence, after `subject` (`The prediction below`), on how the prediction of a step
 * the build does not reach reads the failing step it stops at, or `undefined` when it reads that
 * step in full (see `predictedWithoutCause`).
 */
export function describeCauseReading(view: Analysis, step: Step, subject: string): string | undefined {
  const cause = step.notReached;
  if (!cause || !predictedWithoutCause(view, step)) return undefined;
  // NOTE: how the plan reads the settings of a line the builder rejects while parsing is not checked, so such a line keeps the plain wording.
  const stop = cause.rejects ? undefined : referencedStep(view, cause);
  const settingsReading = stop && keptSettingsReading(stop, 'that step');
  return `${subject} is made ${settingsReading ?? 'without the changes of that step'}.`;
}

/** Returns the words for a step the build fails on, or `undefined` for a step that does not fail. */
export function stepFailureWords(step: Step): StepFailureWords | undefined {
  if (!step.failed) return undefined;
  if (step.notReached) return { mark: correctionMark(step) ?? 'would fail too', lead: 'this step would fail too', rest: 'so it makes no layer' };
  if (step.rejectsDockerfile) return { mark: 'build fails here', lead: 'the builder rejects the whole Dockerfile on this step', rest: 'so no step runs' };
  return { mark: 'build fails here', lead: 'the build fails on this step', rest: 'so it makes no layer and the steps after it do not run' };
}
