/**
 * Merges a Dockerfile's prediction with an image built from it. Steps whose history entry the
 * mapping found take the image's exact layer. The base image's layers become steps of their own
 * before the first FROM. Steps without a history entry keep their predicted layer, stacked on the
 * real layers below. The result has the shape of an `Analysis`, so every view shows it unchanged.
 */
import type { Analysis, Problem, Step } from '../analysis/types';
import type { ContextDigest } from '../context/contextDigests';
import { stageChain } from '../dockerfile/plan';
import { makeLayer, type Layer } from '../model/layer';
import { LayerStack } from '../model/stack';
import { parseCreatedBy } from './historyForms';
import { keepsContextModes } from './fileModeComparison';
import { compareLayers, describeDifference } from './layerComparison';
import type { DockerfileLink } from './linkDockerfile';
import type { HistoryBuilder, RecordedInstruction } from './historyForms';
import type { ImageData } from './types';

/**
 * The source of a step's layer. `image`: the image's layer for the step's history entry.
 * `base`: a layer of the base image. `unmatched`: an image layer that no line made.
 * `predicted`: the prediction, because no history entry maps to the step.
 */
export type StepSourceKind = 'image' | 'base' | 'unmatched' | 'predicted';

export interface StepSource {
  kind: StepSourceKind;
  /** The history entry of the image the layer comes from, or `null` for predicted steps. */
  historyEntry: number | null;
}

/** The image linked to an analysis's Dockerfile, as the analysis records it. */
export interface LinkedImage {
  /** The image for labels: its reference, else its source. */
  name: string;
  /** The source as the user named it (a path or `docker://NAME`). */
  source: string;
  /** The builder that wrote the image's own history entries, judged by their text. */
  builder: HistoryBuilder | null;
  /** One item per step of the analysis, at the same index. */
  sources: StepSource[];
  /** How many steps (from index 0) are base image layers. */
  baseSteps: number;
  /** How many steps of the prediction the image gave an exact layer. */
  mappedSteps: number;
  /** Problems of the image itself, without a line (skipped entries, a whiteout of nothing). */
  imageProblems: string[];
  /** The notes on steps whose image layer differs from their predicted one, in line order. `problems` contains them too. */
  differences: Problem[];
}

export interface LinkedAnalysis extends Analysis {
  image: LinkedImage;
}

/** Returns the linked image of an analysis, or `undefined` for a plain prediction. */
export function linkedImageOf(analysis: Analysis): LinkedImage | undefined {
  return (analysis as Partial<LinkedAnalysis>).image;
}

/** One step of the merged result before stacking. */
interface Item {
  step: Omit<Step, 'index'>;
  layer: Layer;
  source: StepSource;
  /** The index of the step in the prediction, for steps that have one. */
  predictedIndex?: number;
}

/**
 * Links `prediction` (an analysis of the Dockerfile text that `link` planned, with the same target
 * and build arguments) to `image`. When no history entry maps to any step, the prediction is kept
 * and only the mapping's problems are added. `contextDigest` reads the digests of the build
 * context's files, so that a file changed since the build at the same size shows as a difference.
 */
export function linkAnalysis(prediction: Analysis, image: ImageData, link: DockerfileLink, contextDigest?: ContextDigest): LinkedAnalysis {
  const { mapping } = link;
  const name = image.reference ?? image.source;
  const imageProblems = [...image.problems];
  const anyMapped = mapping.stepEntries.some((entry) => entry !== null);
  if (!anyMapped || mapping.stepEntries.length !== prediction.steps.length) {
    return {
      ...prediction,
      problems: sortProblems([...prediction.problems, ...mapping.problems]),
      image: { name, source: image.source, builder: mapping.builder, sources: prediction.steps.map(() => ({ kind: 'predicted', historyEntry: null })), baseSteps: 0, mappedSteps: 0, imageProblems, differences: [] },
    };
  }

  const items = mergeItems(prediction, image, link, name);
  const stack = new LayerStack();
  const steps: Step[] = [];
  const differences: Problem[] = [];
  // The plan's steps of the target's chain, at the indices of `prediction.steps`, as the mapping has them.
  const planned = stageChain(link.plan).flatMap((stage) => link.plan.stages[stage].steps);
  items.forEach((item, index) => {
    const stacked = stack.push(item.layer);
    steps.push({ ...item.step, index });
    if (item.source.kind === 'image' && item.predictedIndex !== undefined && comparable(prediction.steps[item.predictedIndex])) {
      const predicted = prediction.stack.layers[item.predictedIndex];
      const compareModes = keepsContextModes(planned[item.predictedIndex]);
      const message = predicted ? describeDifference(compareLayers({ stack: prediction.stack, layer: predicted }, { stack, layer: stacked }, contextDigest, compareModes)) : undefined;
      if (message) differences.push({ line: item.step.line, endLine: item.step.endLine, severity: 'info', message });
    }
  });
  imageProblems.push(...strayWhiteouts(stack, items));
  return {
    ...prediction,
    steps,
    stack,
    problems: sortProblems([...prediction.problems, ...mapping.problems, ...differences]),
    image: {
      name,
      source: image.source,
      builder: mapping.builder,
      sources: items.map((item) => item.source),
      baseSteps: items.filter((item) => item.source.kind === 'base').length,
      mappedSteps: items.filter((item) => item.source.kind === 'image').length,
      imageProblems,
      differences: sortProblems(differences),
    },
  };
}

/**
 * Tells whether a predicted step's layer can be compared with the image's. A step the prediction
 * fails, or never reaches because an earlier one fails, differs only as a result of that failure,
 * which its own error already names. The image exists, so it was built from another context.
 */
function comparable(step: Step | undefined): boolean {
  return step !== undefined && !step.failed && !step.notReached;
}

/** Reports whiteouts in the image's layers that delete nothing (harmless, but a sign of a sloppy builder). */
function strayWhiteouts(stack: LayerStack, items: Item[]): string[] {
  const problems: string[] = [];
  for (const stacked of stack.layers) {
    if (items[stacked.index].source.kind === 'predicted') continue;
    for (const classified of stacked.entries) {
      if (classified.change === 'deleted' && classified.lowerLayer === undefined) {
        problems.push(`Layer ${stacked.index}: the whiteout of ${classified.entry.path} deletes a path that no lower layer has.`);
      }
    }
  }
  return problems;
}

/**
 * Orders the base layers, the prediction's steps and the image's unmatched layers. History and
 * steps are in build order on both sides, so an unmatched layer goes right before the first step
 * mapped to a later history entry.
 * NOTE: a step whose entry is ambiguous keeps its predicted layer while the ambiguous entries
 * stay as unmatched layers, so that step's changes are counted twice.
 */
function mergeItems(prediction: Analysis, image: ImageData, link: DockerfileLink, name: string): Item[] {
  const { mapping } = link;
  const items: Item[] = [];
  const rootFrom = prediction.steps[0];
  for (let entry = 0; entry < mapping.baseEntries; entry++) {
    const layer = imageLayer(image, entry);
    if (layer && rootFrom) items.push({ step: baseStep(image, entry, rootFrom, name), layer, source: { kind: 'base', historyEntry: entry } });
  }
  let nextEntry = mapping.baseEntries;
  const emitUnmatched = (upTo: number, near: Step) => {
    for (; nextEntry < upTo; nextEntry++) {
      const layer = imageLayer(image, nextEntry);
      if (layer) items.push({ step: unmatchedStep(image, nextEntry, near, name), layer, source: { kind: 'unmatched', historyEntry: nextEntry } });
    }
  };
  prediction.steps.forEach((step, index) => {
    const entry = mapping.stepEntries[index];
    if (entry !== null && entry !== undefined) {
      emitUnmatched(entry, step);
      nextEntry = Math.max(nextEntry, entry + 1);
      items.push({ step: imageStep(image, entry, step, name), layer: imageLayer(image, entry) ?? makeLayer([]), source: { kind: 'image', historyEntry: entry }, predictedIndex: index });
    } else if (index === 0 && step.instruction === 'FROM' && mapping.baseEntries > 0) {
      items.push({ step: fromStep(step, mapping.baseEntries, name), layer: makeLayer([]), source: { kind: 'base', historyEntry: null }, predictedIndex: index });
    } else {
      items.push({ step: predictedStep(step, name), layer: prediction.stack.layers[index]?.layer ?? makeLayer([]), source: { kind: 'predicted', historyEntry: null }, predictedIndex: index });
    }
  });
  const last = prediction.steps[prediction.steps.length - 1];
  if (last) emitUnmatched(image.steps.length, last);
  return items;
}

/** Returns the layer a history entry made, or `undefined` for an entry without a layer. */
function imageLayer(image: ImageData, entry: number): Layer | undefined {
  const layer = image.steps[entry]?.layer;
  return layer === null || layer === undefined ? undefined : image.layers[layer].layer;
}

/**
 * Returns the recorded instruction of a history entry as one line (`ADD file:… in /`), or the
 * entry's text under the instruction `LAYER` when it names no instruction. For a base image
 * layer, bare words name none either (see `isBareWords`).
 */
function recordedText(image: ImageData, entry: number, base: boolean): { instruction: string; text: string } {
  const history = image.steps[entry].history;
  const recorded = parseCreatedBy(history.createdBy, history.comment);
  if (recorded.keyword === null || (base && isBareWords(recorded))) {
    const fallback = history.comment ? `history entry ${entry}: ${history.comment}` : `history entry ${entry} (no command recorded)`;
    return { instruction: 'LAYER', text: history.createdBy.trim() || fallback };
  }
  const body = recorded.keyword === 'RUN' ? recorded.command ?? recorded.body : recorded.body;
  return { instruction: recorded.keyword, text: `${recorded.keyword} ${body}`.trim() };
}

/**
 * Tells whether an entry reads as a RUN only because its text is bare words with no shell in
 * front. The classic builder records an exec-form RUN so, but `buildah commit` (1.28) records
 * `/bin/sh` for a layer that `buildah add` made without running anything, as base images are
 * often made. The text cannot tell the two apart, so a base layer is not called a RUN on its
 * strength. An image's own layer that no line maps to keeps the RUN, because the Dockerfile's
 * build most likely made it.
 */
function isBareWords(recorded: RecordedInstruction): boolean {
  const bareBuilder = recorded.builder === 'classic' || recorded.builder === 'buildah';
  return recorded.keyword === 'RUN' && bareBuilder && recorded.shellForm !== true;
}

function baseStep(image: ImageData, entry: number, rootFrom: Step, name: string): Omit<Step, 'index'> {
  const { instruction, text } = recordedText(image, entry, true);
  return {
    stage: rootFrom.stage,
    line: rootFrom.line,
    endLine: rootFrom.endLine,
    instruction,
    text,
    emptyLayer: false,
    certainty: 'exact',
    notes: [`A layer of the base image, read from the image ${name} (history entry ${entry}).`],
  };
}

function unmatchedStep(image: ImageData, entry: number, near: Step, name: string): Omit<Step, 'index'> {
  const { instruction, text } = recordedText(image, entry, false);
  return {
    stage: near.stage,
    line: near.line,
    endLine: near.endLine,
    instruction,
    text,
    emptyLayer: false,
    certainty: 'exact',
    notes: [`A layer of the image ${name} (history entry ${entry}) that no line of the Dockerfile made.`],
  };
}

function imageStep(image: ImageData, entry: number, step: Step, name: string): Omit<Step, 'index'> {
  const { index: _index, ...rest } = step;
  const emptyLayer = image.steps[entry].layer === null;
  const layerIndex = image.steps[entry].layer;
  const digest = layerIndex === null ? '' : `, diff ID ${image.layers[layerIndex].diffId}`;
  return { ...rest, emptyLayer, certainty: 'exact', notes: [`Read from the image ${name}: history entry ${entry}${digest}.`] };
}

function fromStep(step: Step, baseEntries: number, name: string): Omit<Step, 'index'> {
  const { index: _index, ...rest } = step;
  const entries = baseEntries === 1 ? 'history entry 0' : `history entries 0 to ${baseEntries - 1}`;
  const note = `The base image's layers are read from the image ${name} (${entries}). They are listed as the steps before this FROM.`;
  return { ...rest, emptyLayer: true, certainty: 'exact', notes: [note] };
}

function predictedStep(step: Step, name: string): Omit<Step, 'index'> {
  const { index: _index, ...rest } = step;
  // Builders may leave metadata-only steps out of the history, so a missing entry is no sign of a changed line.
  if (step.emptyLayer) return rest;
  return { ...rest, notes: [...step.notes, `No history entry of the image ${name} maps to this line, so its layer is predicted.`] };
}

function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.line - b.line);
}
