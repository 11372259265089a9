/** The label of a step row in the Image Layers view. No `vscode` import, so it runs under plain mocha. */
import { formatLines, oneLineInstruction } from '../format';

/**
 * Maximum length of a step's label. VS Code cuts a row at the view's edge, and at the default
 * side bar width (about 300 pixels) a step row shows about 33 characters (measured in code-server
 * 4.100.3). A longer label would hide the size and counts that the description gives after it.
 */
export const maxStepLabelLength = 24;

/** Returns a step's instruction on one line, cut after a whole word to `maxStepLabelLength`. */
export function shortStepLabel(text: string): string {
  const line = oneLineInstruction(text, Number.MAX_SAFE_INTEGER);
  if (line.length <= maxStepLabelLength) return line;
  const head = line.slice(0, maxStepLabelLength - 1);
  const space = head.lastIndexOf(' ');
  // A cut at a word that gives up more than a third of the room shows less than a cut inside the word.
  const end = space >= (maxStepLabelLength * 2) / 3 ? space : head.length;
  return `${head.slice(0, end).trimEnd()}…`;
}

/** Returns what a screen reader announces for a step row: the whole instruction, its line and the description. */
export function stepAccessibilityLabel(text: string, line: number, endLine: number, description: string): string {
  return `${oneLineInstruction(text, Number.MAX_SAFE_INTEGER)}, ${formatLines(line, endLine)}, ${description}`;
}
