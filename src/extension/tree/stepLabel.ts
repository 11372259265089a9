/** The label of a step row in the Image Layers view. No `vscode` import, so it runs under plain mocha. */
import { formatLines, oneLineInstruction } from '../format';
import { cutAtWord, labelRoom } from './rowLayout';

/**
 * Returns an instruction on one line without the options before its arguments (`--from=build`,
 * `--mount=…`, `--chown=…`), and a FROM without its `AS name`, which the stage row gives. Two
 * COPY rows then differ by their sources and destination, not by a flag prefix they share.
 */
export function compactInstruction(text: string): string {
  const line = oneLineInstruction(text, Number.MAX_SAFE_INTEGER);
  const match = /^(\S+)((?:\s+--[A-Za-z][\w-]*(?:=\S*)?)*)\s*(.*)$/.exec(line);
  if (!match) return line;
  const [, keyword, , rest] = match;
  const argumentsText = keyword.toUpperCase() === 'FROM' ? rest.replace(/\s+AS\s+\S+$/i, '') : rest;
  return argumentsText === '' ? keyword : `${keyword} ${argumentsText}`;
}

/** Returns a step's label: its compact instruction, cut after a whole word to leave room for `facts`. */
export function stepLabel(text: string, facts: string): string {
  return cutAtWord(compactInstruction(text), labelRoom(facts, 1));
}

/** Returns what a screen reader announces for a step row: the whole instruction, its line and the description. */
export function stepAccessibilityLabel(text: string, line: number, endLine: number, description: string): string {
  return `${oneLineInstruction(text, Number.MAX_SAFE_INTEGER)}, ${formatLines(line, endLine)}, ${description}`;
}
