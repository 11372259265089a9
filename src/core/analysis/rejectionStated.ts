/** Joining a failing step's own sentence with the errors on its lines, without saying the same twice. */
import { describeCorrectedLayer } from './correctedLayer';
import { stepErrors, stepFailureWords, type StepFailureWords } from './notReached';
import type { LayerStack } from '../model/stack';
import type { Problem, Step } from './types';

/**
 * Tells whether the errors on a step's lines already state the sentence of `stepFailureWords`, so
 * that a view listing them beside it leaves that sentence out. They do for a step on which the
 * builder rejects the whole Dockerfile, as most rejection messages state for the Problems panel.
 * They also do for a step not reached whose error reads "This step would fail once line N is
 * fixed", which replaces "this step would fail too".
 */
export function errorsStateFailure(step: Step, errors: readonly string[]): boolean {
  if (step.notReached) return errors.some((error) => /\bthis step would fail once\b/i.test(error));
  return step.rejectsDockerfile === true && errors.some((error) => /\brejects? the whole Dockerfile\b/.test(error));
}

/**
 * Tells whether a view gives the sentence of `stepFailureWords` for a failing step, beside the
 * `errors` it lists on the step's lines and its `corrected` layer (`describeCorrectedLayer`).
 * A step not reached that has a corrected layer gets none: its reason for not being reached
 * already names what stops the build, and "this step would fail too, so it makes no layer" would
 * contradict the layer that the merged filesystem shows for it.
 */
export function statesFailure(step: Step, errors: readonly string[], corrected: string | undefined): boolean {
  if (step.notReached && corrected !== undefined) return false;
  return !errorsStateFailure(step, errors);
}

/** The parts of a failing step's explanation that every view gives, in this order. */
export interface StepFailureParts {
  /** The step's own sentence, absent where `statesFailure` leaves it out. */
  words?: StepFailureWords;
  /** The messages of the errors on the step's lines, as the Problems panel lists them before paths are shortened. */
  errors: string[];
  /** The layer of the fixed line (`describeCorrectedLayer`). */
  corrected?: string;
}

/**
 * Collects the parts of a failing step's explanation, so that the hover, the Image Layers view's
 * tooltip and the merged filesystem panel give the same reason. `undefined` for a step that does
 * not fail.
 */
export function stepFailureParts(analysis: { stack: LayerStack; problems?: readonly Problem[] }, step: Step): StepFailureParts | undefined {
  const words = stepFailureWords(step);
  if (!words) return undefined;
  const errors = stepErrors(analysis.problems ?? [], step);
  const corrected = describeCorrectedLayer(analysis.stack, step);
  const parts: StepFailureParts = { errors };
  if (statesFailure(step, errors, corrected)) parts.words = words;
  if (corrected !== undefined) parts.corrected = corrected;
  return parts;
}
