/**
 * Quick fixes for RUN waste hints that name the earlier RUN which wrote the wasted bytes. One
 * merges the later RUN into it, the other moves only the cleanup (`rm` of the hinted paths) there,
 * so the files are deleted in the layer that creates them. Both return text edits for an editor.
 */
import type { Node } from 'web-tree-sitter';
import type { Problem } from '../../analysis/types';
import { parseDockerfile, type ParsedInstruction } from '../../dockerfile/parse';
import { planBuild } from '../../dockerfile/plan';
import { capitalize } from '../../report/format';
import { cleanupCrossingReason, isPlainAbsolute, mergeBlocker, operandPattern, resolvePath, type WorkdirOf } from './cleanupCrossing';
import type { ShellParser } from './shellParser';
import { knownWorkdirs } from './knownWorkdirs';
import { argsToSource, commandBreak, readContinuationStyle, removalRanges, type ChainCommand } from './runLayout';

/** A replacement of the Dockerfile text from offset `start` up to `end` (UTF-16 code units). */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/**
 * A quick fix: its title and edits, or the reason it cannot be applied, which an editor shows
 * on the greyed-out action.
 */
export type QuickFix = { title: string; edits: TextEdit[] } | { title: string; disabledReason: string };

/** Lists the quick fixes for one problem of the analysis of `text`; empty when it names no earlier step. */
export function wasteQuickFixes(text: string, problem: Problem, parser: ShellParser): QuickFix[] {
  if (!problem.writtenBy) return [];
  const dockerfile = parseDockerfile(text);
  const later = dockerfile.instructions.find((instruction) => instruction.line === problem.line);
  const earlier = dockerfile.instructions.find((instruction) => instruction.line === problem.writtenBy?.line);
  if (!later || !earlier || earlier.keyword !== 'RUN' || later.keyword !== 'RUN') return [];

  const lineNumber = earlier.line;
  const mergeTitle = `Merge into the RUN on line ${lineNumber}`;
  const moveTitle = `Move the cleanup into the RUN on line ${lineNumber}`;
  const blocked = flagsReason(earlier, later) ?? shellFormReason(earlier, parser) ?? shellFormReason(later, parser);
  if (blocked) return [{ title: mergeTitle, disabledReason: blocked }];

  const source = new SourceText(text);
  const escape = dockerfile.escape;
  const between = dockerfile.instructions.filter((instruction) => instruction.line > earlier.line && instruction.line < later.line);
  const blocker = mergeBlocker(between);
  const fixes: QuickFix[] = [blocker ? { title: mergeTitle, disabledReason: mergeBlockedReason(blocker, earlier) } : { title: mergeTitle, edits: mergeEdits(source, earlier, later, escape, parser) }];
  const workdirs = knownWorkdirs(planBuild(text));
  const workdirOf: WorkdirOf = (instruction) => workdirs.get(instruction.line);
  const cleanup = splitCleanup(later, problem.writtenBy.paths, parser, workdirOf(later));
  // Moving a cleanup that is the whole RUN is the merge, unless the merge is ruled out.
  if (!cleanup || (cleanup.wholeRun && !blocker)) return fixes;
  const crossing = relativeReason(earlier, later, cleanup, workdirOf, parser) ?? cleanupCrossingReason(between, cleanup.operands, workdirOf);
  if (crossing) fixes.push({ title: moveTitle, disabledReason: `${capitalize(crossing)}.` });
  else fixes.push({ title: moveTitle, edits: moveEdits(source, earlier, later, cleanup, escape) });
  return fixes;
}

/**
 * Explains why relative `rm` operands would delete other files in the earlier RUN, or returns
 * `undefined`. They are moved as written, so that RUN must end in the same folder: it runs in the
 * same working directory and changes folder nowhere in its script.
 */
function relativeReason(earlier: ParsedInstruction, later: ParsedInstruction, cleanup: Cleanup, workdirOf: WorkdirOf, parser: ShellParser): string | undefined {
  const relative = cleanup.written.find((operand) => !operand.startsWith('/'));
  if (relative === undefined) return undefined;
  const folder = workdirOf(later);
  if (workdirOf(earlier) !== folder) return `the cleanup deletes ${relative} in ${folder ?? 'its working directory'}, and the RUN on line ${earlier.line} runs in another folder`;
  if (withTree(parser, earlier.args, changesFolder)) return `the cleanup deletes ${relative} in ${folder ?? 'its working directory'}, and the RUN on line ${earlier.line} changes folder with cd`;
  return undefined;
}

/** Returns whether a script runs `cd`, `pushd` or `popd`, after which a relative path means another file. */
function changesFolder(node: Node): boolean {
  if (node.type === 'command' && ['cd', 'pushd', 'popd'].includes(node.childForFieldName('name')?.text ?? '')) return true;
  return node.namedChildren.some((child) => child !== null && changesFolder(child));
}

/** Explains why RUNs with different flags cannot be joined, or returns `undefined`. */
function flagsReason(earlier: ParsedInstruction, later: ParsedInstruction): string | undefined {
  if (JSON.stringify(earlier.flags) === JSON.stringify(later.flags)) return undefined;
  return `The RUNs on lines ${earlier.line} and ${later.line} have different flags, so their commands would run with other mounts or network settings.`;
}

/** Explains why an instruction between the RUNs rules out merging them. */
function mergeBlockedReason(between: ParsedInstruction, earlier: ParsedInstruction): string {
  if (between.keyword === 'FROM') return `Line ${between.line} starts another stage, so the RUN on line ${earlier.line} builds a different image.`;
  return `The ${between.keyword} on line ${between.line} runs between the two RUNs, and moving commands across it may change what they do.`;
}

/** Explains why a RUN's script cannot be edited as text, or returns `undefined`. */
function shellFormReason(run: ParsedInstruction, parser: ShellParser): string | undefined {
  if (run.json) return `The RUN on line ${run.line} is in exec form (JSON), which has no shell to join commands with.`;
  if (run.heredocs.length > 0) return `The RUN on line ${run.line} uses a heredoc, which a quick fix does not rewrite.`;
  return withTree(parser, run.args, (root) => {
    if (root.hasError) return `The RUN on line ${run.line} could not be parsed as a shell script.`;
    if (hasComment(root)) return `The RUN on line ${run.line} contains a shell comment, which would swallow the joined commands.`;
    return undefined;
  });
}

/** Appends the later RUN's commands to the earlier RUN, and removes the later RUN. */
function mergeEdits(source: SourceText, earlier: ParsedInstruction, later: ParsedInstruction, escape: string, parser: ShellParser): TextEdit[] {
  const body = commandText(source.text.slice(source.lineStart(later.line), source.lineEnd(later.endLine)), later.flags.length, escape);
  // `a && b; c` would run c even when a failed, so a list of several statements is grouped.
  const grouped = withTree(parser, later.args, (root) => topLevelItems(root) === undefined) ? `( ${body} )` : body;
  return [appendCommands(source, earlier, [grouped], escape), source.removeLines(later.line, later.endLine)];
}

/**
 * Appends the cleanup commands to the earlier RUN, and removes them from the later RUN, or the
 * whole RUN when nothing is left. The commands that stay keep their lines as written.
 */
function moveEdits(source: SourceText, earlier: ParsedInstruction, later: ParsedInstruction, cleanup: Cleanup, escape: string): TextEdit[] {
  const appended = appendCommands(source, earlier, cleanup.moved, escape);
  if (cleanup.wholeRun) return [appended, source.removeLines(later.line, later.endLine)];
  const toSource = argsToSource(later, escape, (line) => source.lineStart(line));
  const chain = cleanup.chain.map((command) => ({ ...toSource(command), remove: command.remove }));
  const first = source.lineStart(later.line);
  let rest = source.text.slice(first, source.lineEnd(later.endLine));
  // From the last range backwards, so the offsets of the earlier ones still hold.
  for (const cut of removalRanges(chain, source.text).reverse()) rest = rest.slice(0, cut.start - first) + rest.slice(cut.end - first);
  return [appended, source.replaceLines(later.line, later.endLine, rest)];
}

/** Returns the edit that adds `commands` after the last line of `run`, one per continuation line in the RUN's style. */
function appendCommands(source: SourceText, run: ParsedInstruction, commands: string[], escape: string): TextEdit {
  const end = source.lineEnd(run.endLine);
  const trailing = /[\s;]*$/.exec(source.text.slice(source.lineStart(run.endLine), end))?.[0].length ?? 0;
  const lineBreak = commandBreak(readContinuationStyle(run, escape), escape, source.eol);
  const added = commands.map((command) => lineBreak + command).join('');
  return { start: end - trailing, end, newText: added };
}

/**
 * Returns a RUN's text after the keyword and flags, as written, continuation lines and their line
 * endings included.
 */
function commandText(text: string, flagCount: number, escape: string): string {
  let rest = text.trimStart().replace(/^\S+\s*/, '');
  for (let i = 0; i < flagCount; i++) rest = rest.replace(/^--\S+\s*/, '');
  // A flag on a line of its own leaves the continuation behind it.
  while (rest.startsWith(escape)) rest = rest.slice(1).trimStart();
  return rest.replace(/[\s;]+$/, '');
}

interface Cleanup {
  moved: string[];
  /** Every command of the later RUN with its range in `args`, the moved ones marked `remove`. */
  chain: ChainCommand[];
  /** Whether every command is moved, so the later RUN goes. */
  wholeRun: boolean;
  /** The operands of the moved `rm` commands, options left out, relative ones taken from the RUN's folder where known. */
  operands: string[];
  /** The same operands as written. */
  written: string[];
}

/**
 * Splits a RUN that is a chain of `&&` commands into the `rm` commands that delete the hinted
 * paths and the rest. Returns `undefined` when nothing matches.
 */
function splitCleanup(later: ParsedInstruction, paths: string[], parser: ShellParser, workdir: string | undefined): Cleanup | undefined {
  return withTree(parser, later.args, (root) => {
    const items = topLevelItems(root);
    if (!items) return undefined;
    const moved = items.filter((item) => deletesAny(item.node, paths, workdir));
    if (moved.length === 0) return undefined;
    const written = moved.flatMap((item) => commandArguments(item.node)).filter((word) => !word.startsWith('-'));
    return {
      moved: moved.map((item) => item.text),
      chain: items.map((item) => ({ start: item.start, end: item.end, remove: moved.includes(item) })),
      wholeRun: moved.length === items.length,
      operands: written.map((operand) => resolvePath(operand, workdir)),
      written,
    };
  });
}

function commandArguments(node: Node): string[] {
  return node.childrenForFieldName('argument').filter((child): child is Node => child !== null).map((child) => child.text);
}

interface ChainItem {
  node: Node;
  /** The command as written, with the redirects that the shell applies to it. */
  text: string;
  /** The offsets of that text in the script. */
  start: number;
  end: number;
}

/** Lists the commands of a script that is one `&&` chain; `undefined` for any other shape. */
function topLevelItems(root: Node): ChainItem[] | undefined {
  const statements = root.namedChildren.filter((child): child is Node => child !== null);
  if (statements.length !== 1) return undefined;
  const whole = statements[0];
  let statement = whole;
  let redirects: string[] = [];
  // tree-sitter-bash hangs `a && b > f` as a redirect of the whole list, though it applies to b.
  const body = statement.type === 'redirected_statement' ? statement.childForFieldName('body') : null;
  if (body?.type === 'list') {
    redirects = statement.childrenForFieldName('redirect').filter((child): child is Node => child !== null).map((child) => child.text);
    statement = body;
  }
  const items: ChainItem[] = [];
  const visit = (node: Node): boolean => {
    if (node.type !== 'list') {
      items.push({ node, text: node.text, start: node.startIndex, end: node.endIndex });
      return true;
    }
    const operators = node.children.filter((child) => child !== null && !child.isNamed).map((child) => child?.type);
    if (operators.some((operator) => operator !== '&&')) return false;
    return node.namedChildren.every((child) => child !== null && visit(child));
  };
  if (!visit(statement)) return undefined;
  const last = items[items.length - 1];
  if (redirects.length > 0) {
    last.text = [last.text, ...redirects].join(' ');
    last.end = whole.endIndex;
  }
  return items;
}

/** Returns whether a node is an `rm` command with an operand that covers one of the paths. */
function deletesAny(node: Node, paths: string[], workdir: string | undefined): boolean {
  if (node.type !== 'command') return false;
  const name = node.childForFieldName('name')?.text ?? '';
  if (name !== 'rm' && !name.endsWith('/rm')) return false;
  const operands = commandArguments(node).filter((word) => !word.startsWith('-')).map((operand) => resolvePath(operand, workdir));
  // NOTE: only operands without variables or quotes that resolve to absolute paths are matched, so `rm -rf "$DIR"` is not moved.
  const patterns = operands.filter(isPlainAbsolute).map(operandPattern);
  return paths.some((path) => patterns.some((pattern) => pattern.test(path)));
}

function hasComment(node: Node): boolean {
  if (node.type === 'comment') return true;
  return node.namedChildren.some((child) => child !== null && hasComment(child));
}

/** Parses a script, calls `use` with its root, and frees the tree. */
function withTree<T>(parser: ShellParser, script: string, use: (root: Node) => T): T {
  const tree = parser.parse(script);
  try {
    return use(tree.rootNode);
  } finally {
    tree.delete();
  }
}

/** Line offsets of the Dockerfile text, with its line ending (`\n` or `\r\n`). */
class SourceText {
  private readonly starts: number[] = [0];
  readonly eol: string;

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.starts.push(i + 1);
    this.eol = text.includes('\r\n') ? '\r\n' : '\n';
  }

  /** Returns the offset of the first character of a 1-based line. */
  lineStart(line: number): number {
    return this.starts[line - 1] ?? this.text.length;
  }

  /** Returns the offset just past the last character of a 1-based line, before its line ending. */
  lineEnd(line: number): number {
    const next = this.starts[line];
    if (next === undefined) return this.text.length;
    return this.text[next - 2] === '\r' ? next - 2 : next - 1;
  }

  /** Returns the edit that removes whole lines, their line endings included. */
  removeLines(first: number, last: number): TextEdit {
    // In a file without a final line ending, the line before keeps its ending, so the file gets one.
    return { start: this.lineStart(first), end: this.starts[last] ?? this.text.length, newText: '' };
  }

  /** Returns the edit that replaces whole lines, keeping the last line's ending. */
  replaceLines(first: number, last: number, newText: string): TextEdit {
    return { start: this.lineStart(first), end: this.lineEnd(last), newText };
  }
}
