/**
 * The data a Merged Filesystem panel sends, read from an analysis, and the checks on its inputs
 * (a command argument, a requested layer). No `vscode` import, so it runs under plain mocha.
 */
import { chainView } from '../../core/analysis/stageViews';
import type { Analysis, Problem } from '../../core/analysis/types';
import { buildMergedView, describeLayers } from '../../core/report/mergedView';
import { linkedImageOf, type StepSourceKind } from '../../core/image/linkedAnalysis';
import type { LayerInfo, PanelData, PlainLayerLabel, StageChoice, Validation } from '../../protocol/webview';
import { stageLabel } from '../format';
import { unrecordedStepLabel } from '../image/sourceLabel';
import { describeDeletedContents } from './deletedContents';
import { describeDeletedVersions } from './deletedVersions';
import { shortenContextPaths } from '../problemText';
import { describeStopNotice, lastBuiltLayer } from './stopNotice';

/** The argument of the command `layerLens.showMergedFilesystem` from a hover link. */
export interface ShowArguments {
  /** The Dockerfile's URI, as `vscode.Uri.toString()` writes it. */
  uri: string;
  /** The layer to show, counted in the chain of `stage`; the top layer when absent. */
  layer?: number;
  /** The stage index whose chain to show; the target when absent. */
  stage?: number;
}

/** Validates a command argument of the form `{ uri: string, layer?: number, stage?: number }`. */
export function validateShowArguments(value: unknown): Validation<ShowArguments> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: 'The argument must be an object { uri, layer?, stage? }.' };
  }
  const { uri, layer, stage } = value as Record<string, unknown>;
  if (typeof uri !== 'string' || uri === '') return { ok: false, error: 'The argument\'s "uri" must be a non-empty string.' };
  const parsed: ShowArguments = { uri };
  for (const [name, index] of [['layer', layer], ['stage', stage]] as const) {
    if (index === undefined) continue;
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) {
      return { ok: false, error: `The argument's "${name}" must be a non-negative integer, not ${JSON.stringify(index)}.` };
    }
    parsed[name] = index;
  }
  return { ok: true, value: parsed };
}

/** The stage a panel shows, and the analysis whose `steps` and `stack` are that stage's chain. */
export interface ShownStage {
  stage: number;
  view: Analysis;
}

/**
 * Returns the stage to show: `requested` when it has a chain of its own, else the target (also
 * for a stage that an edit removed). A stage the target continues shows its own chain, which
 * ends at its last step.
 */
export function chooseStage(analysis: Analysis, requested: number | undefined): ShownStage {
  const target = { stage: analysis.target, view: analysis };
  if (requested === undefined || requested === analysis.target) return target;
  const view = chainView(analysis, requested);
  return view ? { stage: requested, view } : target;
}

/**
 * Lists the stages the panel offers, in file order: the target, and each stage that has steps of
 * its own. A stage the builder does not build for the target is marked `notBuilt`.
 */
export function listStageChoices(analysis: Analysis): StageChoice[] {
  const choices: StageChoice[] = [];
  for (const stage of analysis.stages) {
    const target = stage.index === analysis.target;
    const ownSteps = analysis.stageChains?.[stage.index]?.steps.some((step) => step.stage === stage.index) ?? false;
    if (!target && !ownSteps) continue;
    const built = target || (analysis.stageBuilds?.[stage.index]?.built ?? true);
    const choice: StageChoice = { index: stage.index, label: `stage ${stageLabel(stage)}`, target };
    if (!built) choice.notBuilt = true;
    choices.push(choice);
  }
  return choices;
}

/**
 * Returns the layer to show: `requested` when the stack has it, the top layer for a request past
 * it (one made before an edit removed steps), or -1 when the stack has no layers. With nothing
 * requested, it returns the layer `lastBuiltLayer` chooses: the layer below a failing step, since
 * a panel that opened past it would show a failing build as a good one, and else the top layer.
 */
export function chooseLayer(analysis: Analysis, requested: number | undefined): number {
  const top = analysis.stack.top;
  if (requested === undefined) return lastBuiltLayer(analysis);
  if (requested < 0 || requested > top) return top;
  return requested;
}

/**
 * Short phrases for where a layer comes from. The image's name would repeat on every layer and
 * push the instruction out of view, so the panel shows it once, from `PanelData.imageName`.
 */
const SOURCE_PHRASES: Record<StepSourceKind, string> = {
  image: 'from the image',
  base: 'base image',
  unmatched: 'from the image, no line',
  predicted: 'predicted',
};

/**
 * Tells whether a problem concerns the chain `view` shows: it is on the lines of one of its steps,
 * or about the whole build or Dockerfile. A hint on a RUN of a stage the chain copies from does
 * not, though the copy may carry that RUN's files.
 */
function concernsChain(problem: Problem, view: Analysis): boolean {
  if (problem.scope !== undefined) return true;
  return view.steps.some((step) => problem.line <= step.endLine && step.line <= problem.endLine);
}

/**
 * Names a layer whose linked history entry records no command (`history entry 0: Imported from -`
 * is no instruction) in the words of the Image Layers view, or returns `undefined` for a layer
 * its instruction names.
 */
function describePlainLabel(view: Analysis, index: number): PlainLayerLabel | undefined {
  const step = view.steps[index];
  const text = step && unrecordedStepLabel(view, step);
  if (!text) return undefined;
  const base = linkedImageOf(view)?.sources[index]?.kind === 'base';
  return { short: base ? 'base image' : 'image layer', text };
}

/**
 * Builds the panel's data for one Dockerfile as of `layer` (see `chooseLayer`) of the chain of
 * `stage` (see `chooseStage`; the target when absent). The problem counts take only the problems
 * `isShown` keeps, so that they match the Problems panel (see `shownProblemFilter`).
 */
export function buildPanelData(analysis: Analysis, document: { uri: string; fileName: string }, layer: number | undefined, stage?: number, isShown: (problem: Problem) => boolean = () => true): PanelData {
  const chosen = chooseStage(analysis, stage);
  const view = chosen.view;
  // `chainView` drops the linked image from other stages' views, whose layers the image does not hold.
  const linked = linkedImageOf(view);
  const data: PanelData = {
    uri: document.uri,
    fileName: document.fileName,
    layers: describeLayers(view).map((layer) => {
      const kind = linked?.sources[layer.index]?.kind;
      // The reasons quote problems, whose context paths read shorter as in the Problems panel.
      const stop = layer.buildStop && { ...layer.buildStop, explanation: shortenContextPaths(layer.buildStop.explanation, analysis.contextPath) };
      const described: LayerInfo = stop ? { ...layer, buildStop: stop } : { ...layer };
      if (kind) described.source = SOURCE_PHRASES[kind];
      const plainLabel = describePlainLabel(view, layer.index);
      if (plainLabel) described.plainLabel = plainLabel;
      return described;
    }),
    view: buildMergedView(view, chooseLayer(view, layer)),
    problemCount: analysis.problems.filter(isShown).length,
    stageProblemCount: analysis.problems.filter((problem) => isShown(problem) && concernsChain(problem, view)).length,
    contextProblemCount: analysis.contextProblems?.length ?? 0,
    stage: chosen.stage,
    stages: listStageChoices(analysis),
  };
  if (linked) data.imageName = linked.name;
  const stop = describeStopNotice(analysis, view);
  if (stop) data.stopNotice = stop;
  data.view.rows.deletedContents = describeDeletedContents(view.stack, data.view.rows);
  data.view.rows.deletedVersions = describeDeletedVersions(view.stack, data.view.rows);
  return data;
}
