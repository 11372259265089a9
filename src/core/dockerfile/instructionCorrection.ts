/**
 * Reads a misspelt instruction as the one instruction it is one edit away from, and a misspelt
 * flag as the one flag of its instruction one edit away. The builder still rejects the line, but
 * the user fixes the typo next, so the lines below are predicted as the corrected Dockerfile
 * would build them.
 */
import { closeFlags, unknownFlags } from './flags';
import { closeInstructions, DOCKERFILE_INSTRUCTIONS } from './instructionNames';
import type { ParsedInstruction } from './parse';

/**
 * Returns the instruction with its keyword replaced by the only known instruction one edit away,
 * so that `WORKDIRR` reads as WORKDIR. Returns `undefined` for a known keyword, and for one that
 * is one edit from no instruction or from several (`ARD` is one edit from ADD and from ARG).
 */
export function correctedInstruction(instruction: ParsedInstruction): ParsedInstruction | undefined {
  if (DOCKERFILE_INSTRUCTIONS.has(instruction.keyword)) return undefined;
  const close = closeInstructions(instruction.keyword);
  return close.length === 1 ? { ...instruction, keyword: close[0] } : undefined;
}

/**
 * Returns the correction of each unknown flag of an instruction (`frm` read as `from` on a COPY).
 * Returns `undefined` when the instruction has no unknown flag, or when one of them has no single
 * correction: it is one edit away from no flag or several, or from a flag the line already gives.
 * A partly corrected line is neither the written nor the fixed one, so it is not corrected at all.
 */
export function flagCorrections(instruction: ParsedInstruction): Map<string, string> | undefined {
  const unknown = unknownFlags(instruction);
  if (unknown.length === 0) return undefined;
  const present = new Set(instruction.flags.map((flag) => flag.name));
  const corrections = new Map<string, string>();
  for (const name of unknown) {
    const close = closeFlags(instruction.keyword, name);
    if (close.length !== 1 || present.has(close[0]) || [...corrections.values()].includes(close[0])) return undefined;
    corrections.set(name, close[0]);
  }
  return corrections;
}

/** Returns the instruction with its flags renamed by `corrections` (from `flagCorrections`). */
export function withCorrectedFlags(instruction: ParsedInstruction, corrections: ReadonlyMap<string, string>): ParsedInstruction {
  return { ...instruction, flags: instruction.flags.map((flag) => ({ ...flag, name: corrections.get(flag.name) ?? flag.name })) };
}
