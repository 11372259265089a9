/**
 * The layout of a shell-form RUN on the Dockerfile lines: where each character of its joined
 * arguments is written, and which line-break style its `&&` chain uses, so that quick fixes can
 * edit the text and keep that style.
 */
import { joinContinuations, type ParsedInstruction } from '../../dockerfile/parse';

/**
 * The line-break style of a RUN's command chain. In `leading` style each continuation line starts
 * with the operator, after `indent` and before `gap`. In `trailing` style the operator ends the
 * line before, ahead of the escape character.
 */
export type ContinuationStyle = { kind: 'trailing' } | { kind: 'leading'; indent: string; gap: string };

const leadingOperator = /^([ \t]*)(?:&&|\|\||;)([ \t]*)/;
const trailingOperator = /(?:&&|\|\||;)[ \t]*$/;

/**
 * Reads the style of a RUN's continuation lines: `leading` when they start with `&&`, `||` or `;`,
 * else `trailing`. When a RUN mixes both, its last line break decides, because commands are
 * appended after it.
 */
export function readContinuationStyle(run: ParsedInstruction, escape: string): ContinuationStyle {
  const lines = run.text.split('\n').filter((line, index) => index === 0 || !isSkippedLine(line));
  let style: ContinuationStyle = { kind: 'trailing' };
  for (let i = 1; i < lines.length; i++) {
    const leading = leadingOperator.exec(lines[i]);
    if (leading) style = { kind: 'leading', indent: leading[1], gap: leading[2] };
    else if (trailingOperator.test(lines[i - 1].trimEnd().slice(0, -escape.length))) style = { kind: 'trailing' };
  }
  return style;
}

/** Returns the text that ends a line of a RUN and starts the next one with a further `&&` command. */
export function commandBreak(style: ContinuationStyle, escape: string, eol: string): string {
  if (style.kind === 'leading') return ` ${escape}${eol}${style.indent}&&${style.gap}`;
  return ` && ${escape}${eol}    `;
}

/** A range of a text, from `start` up to `end` (UTF-16 code units). */
export interface TextRange {
  start: number;
  end: number;
}

/** A command of a RUN's `&&` chain: its range, and whether a fix removes it. */
export interface ChainCommand extends TextRange {
  remove: boolean;
}

/**
 * Returns a function that maps a range of `run.args` to the range of the Dockerfile text where it
 * is written. A range that spans a line continuation maps to one that spans the escape, the line
 * ending and any comment lines in between. `lineStart` gives the offset of a 1-based line.
 */
export function argsToSource(run: ParsedInstruction, escape: string, lineStart: (line: number) => number): (range: TextRange) => TextRange {
  const lines = run.text.split('\n');
  // The join drops each line's escape and the comment lines, so joining the lines before line k,
  // closed by an empty line, gives the offset where line k's text begins in the joined text.
  const starts = lines.map((_, k) => joinContinuations([...lines.slice(0, k), ''], escape).length);
  // parseDockerfile takes `args` from the end of the same joined text, after the keyword and flags.
  const argsStart = joinContinuations(lines, escape).trimEnd().length - run.args.length;
  const toSource = (offset: number): number => {
    const position = argsStart + offset;
    // Comment lines take no room in the joined text, so the last line starting at or before the position contains it.
    let k = starts.length - 1;
    while (k > 0 && starts[k] > position) k--;
    return lineStart(run.line + k) + position - starts[k];
  };
  return (range) => ({ start: toSource(range.start), end: toSource(range.end - 1) + 1 });
}

/**
 * Returns the ranges of `text` that delete the commands marked `remove`, each run of them with one
 * `&&`. The `&&` before a run goes with it, so comment lines above the next command stay with that
 * command. A run that starts the chain, or that the next command follows on the same line, takes
 * the `&&` after it instead, so the commands that stay keep their lines. Some command must stay.
 */
export function removalRanges(chain: ChainCommand[], text: string): TextRange[] {
  const ranges: TextRange[] = [];
  for (let first = 0; first < chain.length; first++) {
    if (!chain[first].remove) continue;
    let last = first;
    while (last + 1 < chain.length && chain[last + 1].remove) last++;
    const previous = chain[first - 1];
    const next = chain[last + 1];
    const nextOnSameLine = next !== undefined && !text.slice(chain[last].end, next.start).includes('\n');
    if (previous && !nextOnSameLine) ranges.push({ start: previous.end, end: chain[last].end });
    else if (next) ranges.push({ start: chain[first].start, end: next.start });
    first = last;
  }
  return ranges;
}

/** Returns whether Docker drops a line inside a continuation: a comment or an empty line. */
function isSkippedLine(line: string): boolean {
  return /^\s*#/.test(line) || line.trim() === '';
}
