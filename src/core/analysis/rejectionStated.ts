/** Joining a failing step's own sentence with the errors on its lines, without saying the same twice. */
import type { Step } from './types';

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
