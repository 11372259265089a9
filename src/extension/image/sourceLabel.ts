/** Labels that tell exact image layers from predicted ones in the hover, the tree and the panel. No `vscode` import. */
import type { Analysis, Step } from '../../core/analysis/types';
import { linkedImageOf } from '../../core/image/linkedAnalysis';
import type { Certainty } from '../../core/model/layer';
import { certaintyExplanations } from '../format';

/** The instruction name a linked analysis gives a history entry whose command it cannot read. */
const unrecordedInstruction = 'LAYER';

/**
 * Returns where a step's layer comes from, as a short phrase (`from image NAME`, `predicted`),
 * or `undefined` when no image is linked to the analysis. `name` replaces the image's name, as
 * the Image Layers view's rows shorten it.
 */
export function stepSourceLabel(analysis: Analysis, step: Pick<Step, 'index'>, name?: string): string | undefined {
  const linked = linkedImageOf(analysis);
  const source = linked?.sources[step.index];
  if (!linked || !source) return undefined;
  const image = name ?? linked.name;
  switch (source.kind) {
    case 'image':
      return `from image ${image}`;
    case 'base':
      // The FROM step has no history entry of its own: the base image's layers are the steps before it.
      return source.historyEntry === null ? `base image from ${image}` : `base image layer from ${image}`;
    case 'unmatched':
      return `from image ${image}, no line`;
    default:
      return 'predicted';
  }
}

/**
 * Returns a step's certainty and the phrase that explains it. A layer read from a linked image,
 * or a base image's layer read for the prediction, is exact because the image contains it, not
 * because the prediction can follow it.
 */
export function stepCertainty(analysis: Analysis, step: Pick<Step, 'index' | 'certainty' | 'instruction' | 'stage'>): { certainty: Certainty; explanation: string } {
  const linked = linkedImageOf(analysis);
  const kind = linked?.sources[step.index]?.kind;
  if (linked && kind !== undefined && kind !== 'predicted') return { certainty: 'exact', explanation: `read from the image ${linked.name}.` };
  const base = readBaseImage(analysis, step);
  if (base !== undefined) return { certainty: 'exact', explanation: `read from the image ${base}.` };
  return { certainty: step.certainty, explanation: certaintyExplanations[step.certainty] };
}

/**
 * Returns the image a FROM step's layer was read from (from the engine or `--base-image`), or
 * `undefined` for any other step. An unread base image gives an `unknown` layer of assumed
 * folders, so an `exact` FROM of an image is one that was read.
 */
export function readBaseImage(analysis: Analysis, step: Pick<Step, 'certainty' | 'instruction' | 'stage'>): string | undefined {
  if (step.instruction !== 'FROM' || step.certainty !== 'exact') return undefined;
  const stage = analysis.stages[step.stage];
  if (!stage || stage.parentStage !== null || stage.baseResolved.toLowerCase() === 'scratch') return undefined;
  return stage.baseResolved;
}

/**
 * Returns a label for a step of a linked image whose history entry records no command (such as
 * the layer of an imported base image): `base layer 1 of 2 (busybox:1)` for a base image layer,
 * or `undefined` for a step that its instruction labels. The panel puts the step's number before
 * it (`#0 · line 1 · …`), so the label names what its count counts. The count comes before the
 * image, because a row of the view cuts the label's end and the stage row names the image.
 */
export function unrecordedStepLabel(analysis: Analysis, step: Pick<Step, 'index' | 'instruction' | 'stage'>): string | undefined {
  if (step.instruction !== unrecordedInstruction) return undefined;
  const sources = linkedImageOf(analysis)?.sources;
  const kind = sources?.[step.index]?.kind;
  if (kind === 'unmatched') return 'image layer without a recorded command';
  if (kind !== 'base') return undefined;
  // Base image layers are the first steps of a linked analysis, so the step index counts them.
  const layers = analysis.steps.filter((other) => other.stage === step.stage && other.instruction === unrecordedInstruction && sources?.[other.index]?.kind === 'base').length;
  const stage = analysis.stages[step.stage];
  const base = stage ? stage.baseResolved || stage.base : 'the base image';
  return `base layer ${step.index + 1} of ${layers} (${base})`;
}
