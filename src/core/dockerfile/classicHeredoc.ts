/**
 * The classic builder's reading of heredocs. Its parser (Docker Engine 20.10) predates heredocs, so
 * it reads each body line and the closing line as instructions of their own, and an unknown one
 * rejects the whole Dockerfile before any step runs ("dockerfile parse error line 5: unknown
 * instruction: SET" for a `set -e` body line, seen in a real build).
 */
import { DOCKERFILE_INSTRUCTIONS } from './instructionNames';
import type { ParsedInstruction } from './parse';

/** A line the classic parser reads as an unknown instruction. */
export interface UnknownHeredocLine {
  /** 1-based line number in the Dockerfile. */
  line: number;
  text: string;
  keyword: string;
}

/**
 * Returns the first line of `instruction`'s heredocs that the classic parser reads as an unknown
 * instruction, or `undefined` when every body line and closing line starts with an instruction.
 */
export function classicUnknownHeredocLine(instruction: ParsedInstruction, lines: readonly string[]): UnknownHeredocLine | undefined {
  if (instruction.heredocs.length === 0) return undefined;
  // The body lines and closing lines are the instruction's lines after its first.
  for (let line = instruction.line + 1; line <= instruction.endLine; line++) {
    const text = (lines[line - 1] ?? '').trim();
    if (text === '' || text.startsWith('#')) continue;
    const keyword = text.split(/\s+/, 1)[0].toUpperCase();
    if (!DOCKERFILE_INSTRUCTIONS.has(keyword)) return { line, text, keyword };
  }
  return undefined;
}
