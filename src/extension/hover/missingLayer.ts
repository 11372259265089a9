/**
 * The hover's words for a step that can write files but has no layer in the linked image. Such a
 * step is no metadata-only step: the build ran it and stored no change for it.
 */
import { describeCorrectedLayer } from '../../core/analysis/correctedLayer';
import type { Analysis, Step } from '../../core/analysis/types';
import { linkedImageOf } from '../../core/image/linkedAnalysis';

/** Instructions that can write files, so that a missing layer means the build stored no change. */
const writingInstructions = new Set(['ADD', 'COPY', 'RUN', 'WORKDIR']);

const writeReason =
  'The step likely changed nothing that the build\'s storage keeps. For example, vfs storage leaves out a file written again with the same content, mode and owner, which overlay storage stores again.';

const workdirReason =
  'The folder likely existed already, because the classic builder makes a WORKDIR layer only when it creates the folder. buildah makes none here and creates a missing folder in the layer of the next RUN, COPY or ADD.';

/**
 * Describes a step of the linked image whose history entry has no layer although its instruction
 * can write files. Returns `undefined` for any other step, including steps the prediction supplies.
 */
export function describeMissingLayer(analysis: Analysis, step: Step): string | undefined {
  if (!step.emptyLayer || !writingInstructions.has(step.instruction)) return undefined;
  if (linkedImageOf(analysis)?.sources[step.index]?.kind !== 'image') return undefined;
  const reason = step.instruction === 'WORKDIR' ? workdirReason : writeReason;
  return `**The image has no layer for this step**, so the build stored no change for it. ${reason}`;
}

/**
 * Returns the hover's sentence on the layer of a step with an unknown instruction: none, except
 * for a step read as its correction, which is shown with the layer the fixed line would make.
 */
export function unknownInstructionLayer(analysis: Analysis, step: Step): string {
  return describeCorrectedLayer(analysis.stack, step) ?? 'This line makes no layer.';
}
