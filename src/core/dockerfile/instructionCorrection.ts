/**
 * Reads a misspelt instruction as the one instruction it is one edit away from. The builder still
 * rejects the line, but the user fixes the typo next, so the lines below are predicted as the
 * corrected Dockerfile would build them.
 */
import { closeInstructions, DOCKERFILE_INSTRUCTIONS } from './instructionNames';
import type { ParsedInstruction } from './parse';

/**
 * Returns the instruction with its keyword replaced by the only known instruction one edit away
 * (`WORKDIRR` read as WORKDIR), or `undefined` for a known keyword and for one with no such
 * instruction or several (`ARD` is one edit from ADD and from ARG).
 */
export function correctedInstruction(instruction: ParsedInstruction): ParsedInstruction | undefined {
  if (DOCKERFILE_INSTRUCTIONS.has(instruction.keyword)) return undefined;
  const close = closeInstructions(instruction.keyword);
  return close.length === 1 ? { ...instruction, keyword: close[0] } : undefined;
}
