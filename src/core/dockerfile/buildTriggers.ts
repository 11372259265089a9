/**
 * ONBUILD triggers: instructions that a stage or an image records for the builds that start
 * FROM it. Such a build runs the triggers of its immediate parent right after the FROM, in
 * order, as steps of its own stage that read its own build context. Its image keeps none of
 * them. Sources: Docker's ONBUILD reference, and a classic Docker Engine 20.10 build, which
 * printed "# Executing 1 build trigger" and committed one layer for the trigger.
 */
import { parseDockerfile, type ParsedInstruction } from './parse';

/** An instruction recorded by ONBUILD. */
export interface BuildTrigger {
  /** The instruction after `ONBUILD`, as written. */
  text: string;
  /** 1-based lines of the parent stage's ONBUILD; absent for a trigger read from a base image's configuration. */
  line?: number;
  endLine?: number;
}

/** The instructions that ONBUILD cannot record: builders reject them. */
const forbiddenKeywords = new Set(['ONBUILD', 'FROM', 'MAINTAINER']);

/** Returns whether ONBUILD may record an instruction with this upper-case keyword. */
export function isForbiddenTrigger(keyword: string): boolean {
  return forbiddenKeywords.has(keyword);
}

/**
 * Parses a trigger into the instruction that the FROM runs, placed on the FROM's lines, where
 * builders report its errors (BuildKit locates them at the stage's FROM). Returns `undefined` for
 * a trigger without an instruction.
 * NOTE: the trigger is parsed with the default escape character, as BuildKit parses the recorded
 * strings, whatever the parent Dockerfile's `# escape=` directive.
 */
export function triggerInstruction(trigger: BuildTrigger, from: ParsedInstruction): ParsedInstruction | undefined {
  const parsed = parseDockerfile(trigger.text).instructions[0];
  if (!parsed) return undefined;
  return { ...parsed, line: from.line, endLine: from.endLine, text: trigger.text };
}

/**
 * Tells whether a problem that lies on a step's lines belongs to the step. The steps of a FROM's
 * triggers share its lines, so a problem belongs to the step that runs its trigger, or to the
 * FROM when it names no trigger. `problemTrigger` and `stepTrigger` are their `trigger` fields.
 */
export function isStepProblem(problemTrigger: BuildTrigger | undefined, stepTrigger: BuildTrigger | undefined): boolean {
  if (problemTrigger === undefined || stepTrigger === undefined) return problemTrigger === stepTrigger;
  return problemTrigger.text === stepTrigger.text && problemTrigger.line === stepTrigger.line;
}

/** Names a trigger in a message: its text, and where it was recorded. */
export function triggerName(trigger: BuildTrigger): string {
  return `the build trigger "${trigger.text}" (${triggerOrigin(trigger)})`;
}

/** Names where a trigger was recorded: its ONBUILD line, or the base image. */
export function triggerOrigin(trigger: BuildTrigger): string {
  return trigger.line === undefined ? 'ONBUILD recorded by the base image' : `ONBUILD on line ${trigger.line}`;
}
