/**
 * Keeps each Dockerfile's last prediction, so that analysing an edited text predicts again only
 * from the first step that the edit changed. Predicting `COPY . /app` of a large context, or even
 * pushing its layer onto a new stack, takes hundreds of milliseconds, while an edit usually
 * touches one line near the end.
 *
 * A step's prediction depends only on the step itself, on the steps before it in plan order
 * (its stack, its stage chain, and the stages that `COPY --from` can name), and on inputs that
 * hold for the whole run. So each step gets a key of its own resolved form, line numbers left
 * out, and a run keeps the predictions of the steps before the first key that differs.
 */
import type { ContextIndex } from '../context/contextIndex';
import type { BuildahFormat, BuilderKind } from '../dockerfile/builders';
import { isStepProblem } from '../dockerfile/buildTriggers';
import type { BuildPlan, PlannedStep } from '../dockerfile/plan';
import { stageChain } from '../dockerfile/plan';
import { copiedStages } from './copiedStages';
import { stageBuilds } from './stageBuilds';
import { hasPlanError } from './failedSteps';
import type { StageBuild } from './types';
import type { LayerStack } from '../model/stack';
import type { ImageResolver, UnreadImageHint } from '../predict/baseImage';
import type { ArchiveLister, StepPrediction } from '../predict/copy';
import type { PredictionReuse, StageStart } from '../predict/predict';

/** The inputs of a run that every step depends on; a change of any of them predicts every step again. */
export interface RunInputs {
  context: ContextIndex | undefined;
  contextRoot: string;
  builder: BuilderKind;
  /** buildah's image format, which decides whether SHELL lines and base image shells hold. */
  buildahFormat?: BuildahFormat;
  listArchive?: ArchiveLister;
  /** Compared per step, by the images it resolves, since an editor passes a new resolver each run. */
  images?: ImageResolver;
  /** Compared per step, by the advice it returns for an unread image, since the advice follows the engine's state. */
  unreadImageHint?: UnreadImageHint;
}

interface KeptStage {
  stack: LayerStack;
  predictions: StepPrediction[];
}

interface KeptRun {
  runKey: string;
  /** Step keys in plan order: the steps of stage 0, then of stage 1, and so on. */
  stepKeys: string[];
  stages: KeptStage[];
}

/**
 * The last finished prediction of each Dockerfile. Pass it to `analyze` as `incremental`.
 *
 * NOTE: a run rewinds and reuses the stacks of the last run of the same Dockerfile, so the
 * `stack` of an earlier `Analysis` of that Dockerfile changes once a newer analysis starts. A
 * view that reads the earlier analysis while the newer one runs can see the rewound stack.
 */
export class IncrementalPredictions {
  private readonly runs = new Map<string, KeptRun>();

  /** Compares the plan with the last run of `dockerfilePath` and returns what `predictPlan` may reuse. */
  begin(dockerfilePath: string, plan: BuildPlan, inputs: RunInputs): PredictionReuse {
    // The kept run is taken out, so two overlapping runs never rewind the same stacks. A run that
    // fails halfway stores nothing, and the next one predicts every step.
    const previous = this.runs.get(dockerfilePath);
    this.runs.delete(dockerfilePath);
    const current: KeptRun = { runKey: runKey(inputs), stepKeys: planKeys(plan, inputs), stages: [] };
    const firstChanged = previous && previous.runKey === current.runKey ? firstDifference(previous.stepKeys, current.stepKeys) : 0;
    const offsets = stageOffsets(plan);
    return {
      start: (stage) => startStage(previous, stage, firstChanged - offsets[stage], plan.stages[stage].steps.length),
      finish: (stage, stack, predictions) => {
        current.stages[stage] = { stack, predictions };
        if (stage === plan.stages.length - 1) this.runs.set(dockerfilePath, current);
      },
    };
  }

  /** Drops the kept run of a Dockerfile, as when its document closes. */
  forget(dockerfilePath: string): void {
    this.runs.delete(dockerfilePath);
  }
}

/** Rewinds a stage of the previous run to its first `unchanged` steps, or returns `undefined` to predict it whole. */
function startStage(previous: KeptRun | undefined, stage: number, unchanged: number, stepCount: number): StageStart | undefined {
  const kept = previous?.stages[stage];
  const count = Math.min(unchanged, stepCount);
  if (!kept || count <= 0) return undefined;
  const parentLayers = kept.stack.layers.length - kept.predictions.length;
  kept.stack.truncate(parentLayers + count);
  return { stack: kept.stack, predictions: kept.predictions.slice(0, count) };
}

function firstDifference(before: string[], after: string[]): number {
  let index = 0;
  while (index < before.length && index < after.length && before[index] === after[index]) index++;
  return index;
}

/** Returns the position of each stage's first step among the plan's steps in plan order. */
function stageOffsets(plan: BuildPlan): number[] {
  const offsets: number[] = [];
  let position = 0;
  for (const stage of plan.stages) {
    offsets.push(position);
    position += stage.steps.length;
  }
  return offsets;
}

function runKey(inputs: RunInputs): string {
  return JSON.stringify([identity(inputs.context), inputs.contextRoot, inputs.builder, inputs.buildahFormat ?? null, identity(inputs.listArchive)]);
}

function planKeys(plan: BuildPlan, inputs: RunInputs): string[] {
  const copied = copiedStages(plan);
  const built = stageBuilds(plan);
  return plan.stages.flatMap((stage) => stage.steps.map((step) => stepKey(step, plan, inputs, copied, built)));
}

/** Returns what a step's prediction reads of an image: its identity when read, else the advice its note gives. */
function imageKey(reference: string, { images, unreadImageHint }: RunInputs): number | string | null {
  const known = images?.(reference);
  return known ? identity(known) : (unreadImageHint?.(reference) ?? null);
}

/**
 * The key part of each field of a planned step. The mapped type makes a field added to
 * `PlannedStep` fail to compile until it gets a part here, so no field a prediction reads is left
 * out by accident. Line numbers are left out, so that an edit above a step keeps its prediction.
 */
const stepFieldKeys: { [Field in keyof Required<PlannedStep>]: (step: PlannedStep) => unknown } = {
  stage: (step) => step.stage,
  instruction: ({ instruction }) => [instruction.keyword, instruction.text, instruction.args, instruction.flags, instruction.json, instruction.heredocs],
  kind: (step) => step.kind,
  emptyLayer: (step) => step.emptyLayer,
  workdir: (step) => step.workdir,
  variables: (step) => [...step.variables],
  copy: (step) => step.copy ?? null,
  workdirPath: (step) => step.workdirPath ?? null,
  workdirFromRoot: (step) => step.workdirFromRoot ?? null,
  declaredArgs: (step) => step.declaredArgs ?? null,
  assigned: (step) => step.assigned ?? null,
  // A line number, which `predictPlan` reads afresh on every run, so only whether it is set goes in the key.
  failsAfter: (step) => step.failsAfter !== undefined,
  writtenKeyword: (step) => step.writtenKeyword ?? null,
  // The trigger's own lines only place the step's problems, which every run places afresh.
  trigger: (step) => step.trigger?.text ?? null,
  // Both follow the builder's image format: buildah's OCI format ignores SHELL and drops a base image's shell.
  shellIgnored: (step) => step.shellIgnored ?? null,
  baseShell: (step) => step.baseShell ?? null,
};

/** Returns everything that the prediction of `step` reads from the plan, except line numbers. */
function stepKey(step: PlannedStep, plan: BuildPlan, inputs: RunInputs, copied: ReadonlySet<number>, built: readonly StageBuild[]): string {
  const key: unknown[] = Object.values(stepFieldKeys).map((part) => part(step));
  // An error of the plan on the step's lines drops the step's layer.
  key.push(hasPlanError(step, plan, (problem) => isStepProblem(problem.trigger, step.trigger)));
  if (step.kind === 'from') {
    const info = { ...plan.stages[step.stage].info, line: 0 };
    // The stage's RUNs drop the base image's layer when an error lies on the FROM's lines, even a trigger's error.
    key.push(info, imageKey(info.baseResolved, inputs), hasPlanError(step, plan, () => true));
  }
  if (step.copy?.from) {
    // Whether `--from` names a stage, even a later one, decides the note on an unread image.
    const named = step.copy.from.toLowerCase();
    key.push(imageKey(step.copy.from, inputs), plan.stages.findIndex((stage) => stage.info.name === named));
  }
  // A RUN's waste hints depend on whether its stage is built and ends up in the target image, and
  // its advice on whether a later stage copies from its stage.
  if (step.kind === 'run') key.push(stageChain(plan).includes(step.stage), built[step.stage]?.built, copied.has(step.stage));
  return JSON.stringify(key);
}

/** Tells whether an error of the plan that `matches` accepts lies on the step's lines, as `stepFails` in predict.ts checks. */
const identities = new WeakMap<object, number>();
let lastIdentity = 0;

/** Returns a number that identifies one object for as long as it lives, or 0 for `undefined`. */
function identity(value: object | undefined): number {
  if (value === undefined) return 0;
  let found = identities.get(value);
  if (found === undefined) {
    found = ++lastIdentity;
    identities.set(value, found);
  }
  return found;
}
