/** Parses a RUN script for the interpreter, telling a script the shell rejects from one the parser cannot read. */
import type { ShellNode } from './ast';
import { convertProgram, ConvertedSyntaxError } from './convert';
import type { ShellParser } from './shellParser';
import { findShellSyntaxError, type ShellSyntaxError } from './syntaxCheck';

/**
 * Parses a script into the interpreter's tree. Returns the syntax error when every POSIX shell
 * rejects the script, or why it cannot be followed when only tree-sitter-bash fails on it.
 */
export function parseScript(parser: ShellParser, text: string): ShellNode | { syntaxError: ShellSyntaxError } | string {
  const tree = parser.parse(text);
  try {
    if (tree.rootNode.hasError) {
      const syntaxError = findShellSyntaxError(text);
      if (syntaxError) return { syntaxError };
      const line = firstErrorLine(tree.rootNode);
      return `The RUN script could not be parsed as a shell script (near line ${line} of the script).`;
    }
    return convertProgram(tree.rootNode);
  } catch (error) {
    if (error instanceof ConvertedSyntaxError) return { syntaxError: error.syntaxError };
    throw error;
  } finally {
    tree.delete();
  }
}

function firstErrorLine(node: import('web-tree-sitter').Node): number {
  if (node.type === 'ERROR' || node.isMissing) return node.startPosition.row + 1;
  for (const child of node.children) {
    if (child && child.hasError) return firstErrorLine(child);
  }
  return node.startPosition.row + 1;
}

/**
 * Describes a syntax error of the script `text`, which `shell` runs, as the problem of its RUN.
 * `printed` is the error the shell prints, where the prediction words it.
 */
export function syntaxErrorMessage(error: ShellSyntaxError, text: string, shell: string, printed?: string): string {
  const description = error.description[0].toUpperCase() + error.description.slice(1);
  // A one-line script needs no line number: the problem is on the RUN's line.
  const where = text.includes('\n') ? ` (line ${error.line} of the script)` : '';
  const quoted = printed === undefined ? '' : ` (${printed})`;
  return `This RUN's script has a syntax error, so ${shell} rejects it${quoted} and the build fails on this line. ${description}${where}. Correct the script.`;
}
