/**
 * How builders whose Dockerfile parser predates heredocs read them: each body line and the closing
 * line is an instruction of its own. The classic builder (Docker Engine 20.10) rejects the whole
 * Dockerfile over the first unknown one before any step runs ("dockerfile parse error line 5:
 * unknown instruction: SET" for a `set -e` body line). buildah 1.28.2 runs `RUN <<EOF` as
 * `/bin/sh -c <<EOF`, commits that layer, and then fails at the first unknown one as a step
 * ("Unknown instruction: "SET""). Both seen in real builds.
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
 * Returns the first line of `instruction`'s heredocs that such a parser reads as an unknown
 * instruction, or `undefined` when every body line and closing line starts with an instruction.
 */
export function unknownHeredocLine(instruction: ParsedInstruction, lines: readonly string[]): UnknownHeredocLine | undefined {
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

/**
 * Returns `instruction` as a parser without heredoc support reads it: its first lines, up to the
 * line with the `<<` operators, and each heredoc with an empty body. The shell reads a
 * here-document that the script ends before its body as empty, so `sh -c '<<EOF'` does nothing.
 * The body lines and closing lines are the last lines of the instruction.
 */
export function heredocHeader(instruction: ParsedInstruction): ParsedInstruction {
  const bodyLines = instruction.heredocs.reduce((count, heredoc) => count + lineCount(heredoc.body) + (heredoc.terminated ? 1 : 0), 0);
  const headerLines = Math.max(1, instruction.endLine - instruction.line + 1 - bodyLines);
  const text = instruction.text.split('\n').slice(0, headerLines).join('\n');
  const heredocs = instruction.heredocs.map((heredoc) => ({ ...heredoc, body: '', terminated: true }));
  return { ...instruction, endLine: instruction.line + headerLines - 1, text, heredocs };
}

/** Counts the lines of a heredoc body, whose last line ends with a newline. */
function lineCount(body: string): number {
  if (body === '') return 0;
  return body.split('\n').length - (body.endsWith('\n') ? 1 : 0);
}
