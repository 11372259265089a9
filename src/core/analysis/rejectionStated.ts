/** Joining a failing step's own sentence with the errors on its lines, without saying the same twice. */
import type { Step } from './types';

/**
 * Tells whether the errors on a step's lines already say that the builder rejects the whole
 * Dockerfile, as most rejection messages do for the Problems panel. A view that lists them beside
 * the sentence of `stepFailureWords` ("the builder rejects the whole Dockerfile on this step")
 * then leaves that sentence out, because it would say the same again.
 */
export function errorsStateRejection(step: Step, errors: readonly string[]): boolean {
  return step.rejectsDockerfile === true && !step.notReached && errors.some((error) => /\brejects? the whole Dockerfile\b/.test(error));
}
