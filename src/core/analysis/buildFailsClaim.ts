/**
 * The claim with which a step's error states that the build fails on its line. It is removed for a
 * line that the build does not fail on: a step of a stage the builder skips, or a line that a
 * linked image shows built.
 */

/**
 * The ways in which the prediction's errors state that the build fails on their step, each with the
 * text that takes its place. The errors come from src/core/predict and src/core/dockerfile/plan.ts.
 * Most end with the sentence "The build fails on this line." (or "at this step."). A failing RUN's
 * end with ", so the build fails on this line.", and a RUN's syntax error or missing shell states
 * it in a clause ("and the build fails on this line."). A builder's rejection starts with "The
 * build fails here:".
 */
const FAILURE_CLAIMS: ReadonlyArray<[RegExp, (match: string, letter?: string) => string]> = [
  [/ The build fails (?:on this line|at this step)(?: \("[^"]*"\))?\.$/, () => ''],
  [/,? (?:so|and) the build fails on this line\./, () => '.'],
  [/, so the build fails on this line; (\w)/, (_match, letter = '') => `. ${letter.toUpperCase()}`],
  [/^The build fails here: (\w)/, (_match, letter = '') => letter.toUpperCase()],
];

/** Removes from a step's error its claim that the build fails on its line, in each form of `FAILURE_CLAIMS`. */
export function withoutBuildFailsClaim(message: string): string {
  let error = message;
  for (const [claim, replacement] of FAILURE_CLAIMS) error = error.replace(claim, replacement);
  return error;
}

/** Tells whether a message states that the build fails, in a form `withoutBuildFailsClaim` left in place. */
export function claimsBuildFails(message: string): boolean {
  return /\bbuild fails\b/i.test(message);
}
