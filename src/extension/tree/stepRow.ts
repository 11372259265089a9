/** The text of a step row in the Image Layers view. No `vscode` import, so it runs under plain mocha. */
import type { Analysis, Step } from '../../core/analysis/types';
import { unrecordedStepLabel } from '../image/sourceLabel';
import { cutAtWord, labelRoom } from './rowLayout';
import { describeStep, describeStepOf } from './stepDescription';
import { stepAccessibilityLabel, stepLabel } from './stepLabel';

export interface StepRowText {
  /** The instruction, cut so that the size and counts fit beside it at the default width. */
  label: string;
  /** Size and counts as signs, then the layer's source when an image is linked. */
  description: string;
  /** The layer's size and counts in words, for the tooltip. */
  layerWords: string;
  /** What a screen reader announces: the whole instruction, its lines, size and counts in words. */
  spoken: string;
  /** Whether the label is plain text rather than an instruction (an image layer with no recorded command). */
  plain: boolean;
}

/** Builds the text of a step's row. */
export function stepRowText(analysis: Analysis, step: Step): StepRowText {
  const layer = analysis.stack.layers[step.index];
  const facts = describeStep(step, layer, 'signs');
  const description = describeStepOf(analysis, step);
  const layerWords = describeStep(step, layer, 'words');
  const tail = description.slice(facts.length);
  const plainLabel = unrecordedStepLabel(analysis, step);
  const label = plainLabel === undefined ? stepLabel(step.text, facts) : cutAtWord(plainLabel, labelRoom(facts, 1));
  const spoken = stepAccessibilityLabel(plainLabel ?? step.text, step.line, step.endLine, `${layerWords}${tail}`);
  return { label, description, layerWords, spoken, plain: plainLabel !== undefined };
}
