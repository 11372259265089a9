/** The text of a step row in the Image Layers view. No `vscode` import, so it runs under plain mocha. */
import { stepErrors } from '../../core/analysis/notReached';
import type { Analysis, Step } from '../../core/analysis/types';
import { triggerName, triggerOrigin } from '../../core/dockerfile/buildTriggers';
import { linkedImageOf } from '../../core/image/linkedAnalysis';
import { capitalize, formatLines, shortImageName } from '../format';
import { stepSourceLabel, unrecordedStepLabel } from '../image/sourceLabel';
import { cutAtWord, labelLength } from './rowLayout';
import { describeLayer, describeStep, describeStepOf } from './stepDescription';
import { stepAccessibilityLabel, stepLabel } from './stepLabel';

export interface StepRowText {
  /** The instruction, cut so that the size and counts fit beside it at the default width. */
  label: string;
  /** Size and counts as signs, then the step's status in short (`not run`), then `predicted` for a step a linked image has no layer for. */
  description: string;
  /** The layer's size and counts in words, for the tooltip. */
  layerWords: string;
  /** The text a screen reader announces: the whole instruction, its step number and lines, size and counts in words. */
  spoken: string;
  /** Whether the label is plain text rather than an instruction (an image layer with no recorded command). */
  plain: boolean;
  /** For a step that runs an ONBUILD trigger: where the trigger comes from and which FROM runs it, for the tooltip. */
  trigger?: string;
}

/** Builds the text of a step's row. */
export function stepRowText(analysis: Analysis, step: Step): StepRowText {
  const layer = analysis.stack.layers[step.index];
  // The label leaves room for the whole description: size, counts, status and a `predicted` mark.
  const description = describeStepOf(analysis, step);
  const plainLabel = unrecordedStepLabel(analysis, step);
  const label = plainLabel === undefined ? stepLabel(step.text, description, flagsNamedByErrors(analysis, step)) : cutAtWord(plainLabel, labelLength(plainLabel, description, 1));
  // A screen reader hears no view message with each row, so the spoken text keeps the layer's source.
  const linked = linkedImageOf(analysis);
  const source = linked ? stepSourceLabel(analysis, step, shortImageName(linked)) : undefined;
  const trigger = describeTrigger(step);
  const spoken = stepAccessibilityLabel(plainLabel ?? step.text, step.index, step.line, step.endLine, [describeStep(step, layer, 'words'), trigger, source].filter(Boolean).join(' · '));
  // The tooltip states the status in sentences of its own, so its layer line gives only the size and counts.
  const layerWords = describeLayer(step, layer, 'words');
  const text: StepRowText = { label, description, layerWords, spoken, plain: plainLabel !== undefined };
  if (trigger) text.trigger = trigger;
  return text;
}

/**
 * Describes where the instruction of a step that runs an ONBUILD trigger comes from and which
 * FROM runs it (`build trigger (ONBUILD on line 2), run by the FROM on line 5`), or returns
 * `undefined` for any other step.
 */
export function describeTrigger(step: Step): string | undefined {
  if (!step.trigger) return undefined;
  return `build trigger (${triggerOrigin(step.trigger)}), run by the FROM on ${formatLines(step.line, step.endLine)}`;
}

/**
 * Returns the flags (without `--`) that the errors on a failing step's lines name, such as `frm`
 * for "COPY has no flag --frm". The label keeps those options, because they are why the step fails.
 * The error of a trigger's step starts by quoting the trigger with all its flags, so that quote
 * is left out: it names no flag as the reason.
 */
function flagsNamedByErrors(analysis: Analysis, step: Step): ReadonlySet<string> {
  if (!step.failed) return new Set();
  const quote = step.trigger ? `${capitalize(triggerName(step.trigger))}: ` : '';
  const messages = stepErrors(analysis.problems, step).map((message) => (quote !== '' && message.startsWith(quote) ? message.slice(quote.length) : message));
  return new Set(messages.flatMap((message) => [...message.matchAll(/(?<![\w-])--([A-Za-z][\w-]*)/g)].map((match) => match[1])));
}
