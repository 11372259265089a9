/**
 * Predicts every stage's layers from the build plan and the build context. Each stage gets its
 * own stack, starting from the layers of the stage it continues, so `COPY --from` and
 * `FROM <stage>` read the predicted filesystem of the stage they name.
 */
import type { ContextIndex } from '../context/contextIndex';
import { hasPlanError } from '../analysis/failedSteps';
import type { Problem, StageInfo, Step } from '../analysis/types';
import { isStepProblem, triggerName } from '../dockerfile/buildTriggers';
import { stageChain, type BuildPlan, type PlannedStage, type PlannedStep } from '../dockerfile/plan';
import { capitalize } from '../report/format';
import type { Layer } from '../model/layer';
import { keepMissingLayerFacts } from '../model/layerFacts';
import { LayerStack } from '../model/stack';
import { assumedBaseLayer, unreadImageAdvice, type ImageResolver, type UnreadImageHint } from './baseImage';
import { readAccountFiles, readAccountTexts } from './imageText';
import { applyLayerRule } from './layerRule';
import { markUnknownOwners } from './ownerCertainty';
import { predictCopy, type ArchiveLister, type CopiedStage, type NamedContext, type StepPrediction } from './copy';
import { predictRunStep } from './run/predictRun';
import { certainRootFolder } from './rootFolder';
import { withoutRootEntry } from './runRoot';
import { stepExpansion } from './stepExpansion';
import { predictWorkdirStep } from './workdir';

export interface PredictOptions {
  context: ContextIndex | undefined;
  contextRoot: string;
  listArchive?: ArchiveLister;
  /** Contents of base images and `COPY --from` images the caller has read. */
  images?: ImageResolver;
  /** The front end's advice on having an image read that `images` does not resolve. */
  unreadImageHint?: UnreadImageHint;
  /** An earlier run's work to continue from, so unchanged steps are not predicted again. */
  reuse?: PredictionReuse;
  /** Named build contexts, by name. */
  namedContexts?: ReadonlyMap<string, NamedContext>;
  /** Works out the facts that hovers read as the layers they read are pushed (see `AnalyzeInput.forHovers`). */
  forHovers?: boolean;
}

/** The part of an earlier run that a stage can continue from. */
export interface StageStart {
  /** The stage's stack, containing its parent's layers and then the layers of `predictions`. */
  stack: LayerStack;
  /** Predictions of the stage's first steps, kept as they are. */
  predictions: StepPrediction[];
}

/** Hands `predictPlan` the kept work of an earlier run and receives the new run's work. */
export interface PredictionReuse {
  start(stage: number): StageStart | undefined;
  finish(stage: number, stack: LayerStack, predictions: StepPrediction[]): void;
}

export interface StagePrediction {
  stack: LayerStack;
  /** Steps of this stage's whole chain, in build order; step i made layer i of `stack`. */
  steps: Step[];
  /** 1-based line of the chain's first step that an error lies on, where a build of this stage stops. */
  failsAt?: number;
}

export interface PlanPrediction {
  stages: StagePrediction[];
  problems: Problem[];
}

const emptyLayer: Layer = { entries: [], certainty: 'exact' };

/** Predicts the layers of every stage of the plan. */
export async function predictPlan(plan: BuildPlan, options: PredictOptions): Promise<PlanPrediction> {
  const stages: StagePrediction[] = [];
  const problems: Problem[] = [];
  for (const stage of plan.stages) stages.push(await predictStage(plan, stage, stages, options, problems));
  return { stages, problems };
}

async function predictStage(
  plan: BuildPlan,
  stage: PlannedStage,
  done: StagePrediction[],
  options: PredictOptions,
  problems: Problem[],
): Promise<StagePrediction> {
  const parent = stage.info.parentStage === null ? undefined : done[stage.info.parentStage];
  const started = options.reuse?.start(done.length);
  const stack = started?.stack ?? new LayerStack({ keepNodes: options.forHovers });
  const factsFrom = firstHoveredLayer(plan, done.length, parent?.stack.layers.length ?? 0);
  // A kept stack carries the facts that an earlier run's target needed, so the current target's missing ones are worked out here.
  if (started && options.forHovers) keepMissingLayerFacts(stack, factsFrom);
  const steps: Step[] = [];
  if (!started) for (const stacked of parent?.stack.layers ?? []) stack.push(stacked.layer, { facts: stacked.index >= factsFrom });
  steps.push(...(parent?.steps ?? []));
  const predictions: StepPrediction[] = [];
  let failsAt = parent?.failsAt;
  for (const planned of stage.steps) {
    const kept = started?.predictions[predictions.length];
    const prediction = kept ?? withoutLayerWhenFailing(planned, plan, await predictRecorded(planned, stack, done, plan, options));
    for (const problem of prediction.problems) problems.push(stepProblem(planned, problem));
    if (failsAt === undefined && stepFails(planned, plan, prediction)) failsAt = planned.instruction.line;
    if (failsAt === undefined && planned.failsAfter !== undefined) failsAt = planned.failsAfter;
    // A kept prediction's layer is already in the stack, right after the parent's layers.
    const index = kept ? (parent?.stack.layers.length ?? 0) + predictions.length : stack.push(prediction.layer, { facts: stack.layers.length >= factsFrom }).index;
    // A kept stack already contains the layers of the kept steps after this one, so the files are read as of this step.
    const accounts = () => readAccountFiles(stack, { contextRoot: options.contextRoot, baseFiles: rootImage(plan, planned.stage, options.images)?.textFiles }, index);
    steps.push({ ...describeStep(planned, index, prediction), ...(await stepExpansion(planned, accounts)) });
    predictions.push(prediction);
  }
  options.reuse?.finish(done.length, stack, predictions);
  return { stack, steps, failsAt };
}

/**
 * Returns the index of the first layer of a stage's stack whose facts a hover reads (see
 * `keepLayerFacts`), `Infinity` for none. The hover of a line in the target's chain reads the
 * target's stack, so the other stages of that chain need none. The hover of a line of a stage
 * outside the chain reads that stage's stack, but only the layers above its parent's.
 */
function firstHoveredLayer(plan: BuildPlan, stage: number, parentLayers: number): number {
  if (stage === plan.target) return 0;
  return stageChain(plan).includes(stage) ? Infinity : parentLayers;
}

/**
 * Drops the layer of a step that an error lies on, such as a missing source, a variable form the
 * builder rejects or an unterminated heredoc. The build stops there, so nothing the step would
 * write reaches the later steps, the merged filesystem or the totals. The step's waste hints go
 * too, because they speak of bytes that its layer would store. Problems about the whole build
 * (an unknown target or platform) drop nothing, as in `markFailedSteps`.
 */
function withoutLayerWhenFailing(planned: PlannedStep, plan: BuildPlan, prediction: StepPrediction): StepPrediction {
  if (prediction.layer.entries.length === 0) return prediction;
  // A misspelt instruction read as its correction keeps what the corrected line writes, so that the steps below see it.
  if (planned.writtenKeyword !== undefined && !prediction.problems.some((problem) => problem.severity === 'error')) return prediction;
  if (!stepFails(planned, plan, prediction)) return prediction;
  // Only the waste hints of a RUN (`addWasteHints`) set a kind on a step's problem.
  return { ...prediction, layer: emptyLayer, problems: prediction.problems.filter((problem) => problem.kind === undefined) };
}

/** Predicts a step with its layer recorded as the builder would. A step the build fails on makes no layer, so the empty-diff rule does not apply there. */
async function predictRecorded(planned: PlannedStep, below: LayerStack, done: StagePrediction[], plan: BuildPlan, options: PredictOptions): Promise<StepPrediction> {
  const predicted = markUnknownOwners(await predictStep(planned, below, done, plan, options));
  return stepFails(planned, plan, predicted) ? predicted : applyLayerRule(plan.builder, planned, predicted);
}

/** Tells whether an error of the plan or of the prediction lies on the step, so the build stops there. */
function stepFails(planned: PlannedStep, plan: BuildPlan, prediction: StepPrediction): boolean {
  const planError = hasPlanError(planned, plan, (problem) => isStepProblem(problem.trigger, planned.trigger));
  return planError || prediction.problems.some((problem) => problem.severity === 'error');
}

async function predictStep(
  planned: PlannedStep,
  below: LayerStack,
  done: StagePrediction[],
  plan: BuildPlan,
  options: PredictOptions,
): Promise<StepPrediction> {
  const plain = (layer: Layer, notes: string[] = []): StepPrediction => ({ layer, notes, problems: [] });
  switch (planned.kind) {
    case 'from':
      return predictFrom(plan.stages[planned.stage], options);
    case 'workdir':
      return predictWorkdirStep(planned, below, plan, {
        readAccounts: () => readAccountFiles(below, { contextRoot: options.contextRoot, baseFiles: rootImage(plan, planned.stage, options.images)?.textFiles }),
        baseImage: unreadRootImage(plan, planned.stage, options.images),
      });
    case 'run': {
      const image = rootImage(plan, planned.stage, options.images);
      const prediction = await predictRunStep(planned, below, plan, () => readAccountTexts(below, { contextRoot: options.contextRoot, baseFiles: image?.textFiles }), options.contextRoot, certainRootFolder(image, plan.builder));
      return withoutRootEntry(prediction, plan.builder);
    }
    case 'copy':
    case 'add': {
      const prediction = await predictCopy(planned, {
        below,
        context: options.context,
        contextRoot: options.contextRoot,
        stage: (reference) => findStage(plan, done, reference) ?? imageStack(reference, options.images),
        listArchive: options.listArchive,
        namedContexts: options.namedContexts,
        lookup: (name) => planned.variables.get(name),
        builder: plan.builder,
        accounts: () => readAccountFiles(below, { contextRoot: options.contextRoot, baseFiles: rootImage(plan, planned.stage, options.images)?.textFiles }),
        baseImage: unreadRootImage(plan, planned.stage, options.images),
      });
      return withUnreadImageNote(planned, plan, options, prediction);
    }
    default:
      return plain(emptyLayer);
  }
}

function predictFrom(stage: PlannedStage, { images, unreadImageHint }: PredictOptions): StepPrediction {
  const info = stage.info;
  if (info.parentStage !== null) return { layer: emptyLayer, notes: [], problems: [] };
  if (info.baseResolved.toLowerCase() === 'scratch') return { layer: emptyLayer, notes: ['scratch is the empty image: this stage starts with no files.'], problems: [] };
  const shown = info.base === info.baseResolved ? info.baseResolved : `${info.baseResolved} (written as ${info.base})`;
  const known = images?.(info.baseResolved);
  if (known) return { layer: known.layer, notes: [`The base image ${shown} was read: its files are known.`], problems: [] };
  return {
    layer: assumedBaseLayer(),
    notes: [
      `The base image ${shown} is not read, so its contents are unknown. The standard Linux directories (/etc, /usr, /var, ...) are assumed to exist.`,
      unreadImageAdvice(info.baseResolved, unreadImageHint),
    ],
    problems: [],
  };
}

/**
 * Adds one note to a `COPY --from` of an external image that is not read. The note states that
 * the step's sources from it are unknown and gives the advice on having it read. A named build
 * context or a stage, even one defined later, is no such image, and neither is `scratch` or a
 * reference with an unexpanded variable.
 */
function withUnreadImageNote(planned: PlannedStep, plan: BuildPlan, options: PredictOptions, prediction: StepPrediction): StepPrediction {
  const reference = planned.copy?.from;
  if (!reference || planned.copy?.sources.length === 0 || reference.includes('$') || reference.toLowerCase() === 'scratch') return prediction;
  const isStage = /^\d+$/.test(reference) || plan.stages.some((stage) => stage.info.name === reference.toLowerCase());
  if (isStage || options.namedContexts?.has(reference) || options.images?.(reference)) return prediction;
  const note = `The image ${reference} is not read, so the files this step copies from it are unknown. ${unreadImageAdvice(reference, options.unreadImageHint)}`;
  return { ...prediction, notes: [...prediction.notes, note] };
}

/** Returns the known contents of the image at the root of a stage's chain, if the caller read it. */
function rootImage(plan: BuildPlan, stage: number, images: ImageResolver | undefined) {
  return images?.(rootStage(plan, stage).baseResolved);
}

/**
 * Returns the reference of the image at the root of a stage's chain when it is not read, because
 * the standard folders then stand in for it (see `predictFrom`). Returns `undefined` for scratch
 * or a read image.
 */
function unreadRootImage(plan: BuildPlan, stage: number, images: ImageResolver | undefined): string | undefined {
  const reference = rootStage(plan, stage).baseResolved;
  return reference.toLowerCase() === 'scratch' || images?.(reference) ? undefined : reference;
}

/** Returns the first stage of a stage's chain, whose FROM names an image, not a stage. */
function rootStage(plan: BuildPlan, stage: number): StageInfo {
  let root = plan.stages[stage].info;
  while (root.parentStage !== null) root = plan.stages[root.parentStage].info;
  return root;
}

/** Stacks an image named by `COPY --from` when the caller has read it. */
function imageStack(reference: string, images: ImageResolver | undefined): CopiedStage | undefined {
  const known = images?.(reference);
  if (!known) return undefined;
  const stack = new LayerStack();
  stack.push(known.layer);
  return { stage: -1, stack };
}

/** Finds the prediction of an earlier stage named by `--from`; `undefined` for an image. */
function findStage(plan: BuildPlan, done: StagePrediction[], reference: string): CopiedStage | undefined {
  const lower = reference.toLowerCase();
  let index = plan.stages.findIndex((stage) => stage.info.name === lower);
  if (index < 0 && /^\d+$/.test(reference)) index = Number(reference);
  if (index < 0 || index >= done.length) return undefined;
  const { stack, failsAt } = done[index];
  return failsAt === undefined ? { stage: index, stack } : { stage: index, stack, failsAt };
}

/** Places a problem of a step's prediction on the step's lines. A trigger's step lies on its FROM's lines, so its problems name and mark the trigger. */
function stepProblem(planned: PlannedStep, problem: StepPrediction['problems'][number]): Problem {
  const placed: Problem = { line: planned.instruction.line, endLine: planned.instruction.endLine, ...problem };
  if (!planned.trigger) return placed;
  return { ...placed, message: `${capitalize(triggerName(planned.trigger))}: ${problem.message}`, trigger: planned.trigger };
}

function describeStep(planned: PlannedStep, index: number, prediction: StepPrediction): Step {
  const instruction = planned.instruction;
  return {
    index,
    stage: planned.stage,
    line: instruction.line,
    endLine: instruction.endLine,
    // A misspelt instruction is planned as its correction, but the step keeps the keyword as written.
    instruction: planned.writtenKeyword ?? instruction.keyword,
    ...(planned.writtenKeyword === undefined ? {} : { readAs: instruction.keyword }),
    ...(planned.trigger === undefined ? {} : { trigger: planned.trigger }),
    text: instruction.text,
    emptyLayer: prediction.emptyLayer ?? planned.emptyLayer,
    certainty: planned.emptyLayer && planned.kind !== 'from' ? 'exact' : prediction.layer.certainty,
    notes: prediction.notes,
  };
}
