/** The label of a step row in the Image Layers view. No `vscode` import, so it runs under plain mocha. */
import { formatLines, oneLineInstruction } from '../format';
import { cutAtWord, labelLength, minLabelLength } from './rowLayout';

/**
 * Returns an instruction on one line without the options before its arguments (`--mount=…`,
 * `--chown=…`, `--link`), and a FROM without its `AS name`, which the stage row gives. Two COPY
 * rows then differ by their sources and destination, not by a flag prefix they share. A COPY
 * --from keeps its stage or image as `←name`, since rows that copy the same path from two stages
 * (`builder-amd64`, `builder-arm64`) differ by nothing else. The arrow takes one character, stands
 * for every source of the COPY at once, and reads the same for a stage, a stage's number or an
 * image reference, where a `name:path` form would give `nginx:1.25:/etc/nginx`.
 */
export function compactInstruction(text: string): string {
  const line = oneLineInstruction(text, Number.MAX_SAFE_INTEGER);
  const match = /^(\S+)((?:\s+--[A-Za-z][\w-]*(?:=\S*)?)*)\s*(.*)$/.exec(line);
  if (!match) return line;
  const [, keyword, options, rest] = match;
  const argumentsText = keyword.toUpperCase() === 'FROM' ? rest.replace(/\s+AS\s+\S+$/i, '') : rest;
  const from = keyword.toUpperCase() === 'COPY' ? /(?:^|\s)--from=(\S+)/i.exec(options)?.[1] : undefined;
  return [keyword, from === undefined ? '' : `←${from}`, argumentsText].filter((part) => part !== '').join(' ');
}

/**
 * Returns a step's label: its compact instruction, cut after a whole word to leave room for
 * `facts`. A FROM label may be cut down to `FROM…`, below the minimum of other labels, because
 * the stage row above it names the base image, and a read base image's facts (`2.0 MB · +282 ·
 * not run`) need more room than most.
 */
export function stepLabel(text: string, facts: string): string {
  const instruction = compactInstruction(text);
  const keyword = /^\S+/.exec(instruction)?.[0] ?? '';
  const minimum = keyword.toUpperCase() === 'FROM' ? keyword.length + 1 : minLabelLength;
  return cutAtWord(instruction, labelLength(instruction, facts, 1, minimum));
}

/**
 * Returns what a screen reader announces for a step row: the whole instruction, its step number
 * and lines, and the description. The hover and the Merged Filesystem panel name a step only by
 * its number (`#5 COPY`), so the number lets a listener find that step's row.
 */
export function stepAccessibilityLabel(text: string, index: number, line: number, endLine: number, description: string): string {
  return `${oneLineInstruction(text, Number.MAX_SAFE_INTEGER)}, step #${index} on ${formatLines(line, endLine)}, ${description}`;
}
