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
