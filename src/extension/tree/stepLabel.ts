/** The label of a step row in the Image Layers view. No `vscode` import, so it runs under plain mocha. */
import { formatLines, oneLineInstruction } from '../format';
import { cutAtWord, fitsBeside, labelLength, minLabelLength } from './rowLayout';

/** The parts of an instruction that a step row shows, in their order. */
interface CompactParts {
  keyword: string;
  /** The options the row keeps as written, such as a flag the builder rejects (`--frm=build`). */
  keptOptions: string[];
  /** The stage or image a COPY copies from, shown as `←name`. */
  from?: string;
  argumentsText: string;
}

const noFlags: ReadonlySet<string> = new Set();

/**
 * Splits a line into the parts a row shows. An ONBUILD line's parts are those of the instruction
 * it records, with `ONBUILD` before its keyword, so that `ONBUILD COPY --from=assets …` reads
 * `ONBUILD COPY ←assets …` as the trigger's own row reads `COPY ←assets …`.
 */
function compactParts(line: string, keptFlags: ReadonlySet<string>): CompactParts | undefined {
  const match = /^((?:ONBUILD\s+)?)(\S+)((?:\s+--[A-Za-z][\w-]*(?:=\S*)?)*)\s*(.*)$/i.exec(line);
  if (!match) return undefined;
  const [, onbuild, keyword, optionsText, rest] = match;
  const options = optionsText.split(/\s+/).filter((option) => option !== '');
  const keptOptions = options.filter((option) => keptFlags.has(optionName(option)));
  const argumentsText = keyword.toUpperCase() === 'FROM' ? rest.replace(/\s+AS\s+\S+$/i, '') : rest;
  const fromOption = keyword.toUpperCase() === 'COPY' ? options.find((option) => /^--from=\S/i.test(option)) : undefined;
  const from = fromOption === undefined || keptOptions.includes(fromOption) ? undefined : fromOption.slice('--from='.length);
  const shownKeyword = onbuild === '' ? keyword : `${onbuild.trimEnd()} ${keyword}`;
  return { keyword: shownKeyword, keptOptions, from, argumentsText };
}

function optionName(option: string): string {
  return /^--([^=]+)/.exec(option)?.[1] ?? '';
}

/**
 * Returns an instruction on one line without the options before its arguments (`--mount=…`,
 * `--chown=…`, `--link`), and a FROM without its `AS name`, which the stage row gives. Two COPY
 * rows then differ by their sources and destination, not by a flag prefix they share. A COPY
 * --from keeps its stage or image as `←name`, since rows that copy the same path from two stages
 * (`builder-amd64`, `builder-arm64`) differ by nothing else. The arrow takes one character, stands
 * for every source of the COPY at once, and reads the same for a stage, a stage's number or an
 * image reference, where a `name:path` form would give `nginx:1.25:/etc/nginx`. The options named
 * in `keptFlags` (without `--`) stay as written, so that a row shows a flag the builder rejects.
 */
export function compactInstruction(text: string, keptFlags: ReadonlySet<string> = noFlags): string {
  const line = oneLineInstruction(text, Number.MAX_SAFE_INTEGER);
  const parts = compactParts(line, keptFlags);
  return parts ? joinParts(parts) : line;
}

function joinParts(parts: CompactParts): string {
  const from = parts.from === undefined ? '' : `←${parts.from}`;
  return [parts.keyword, ...parts.keptOptions, from, parts.argumentsText].filter((part) => part !== '').join(' ');
}

/**
 * Returns how many characters of a compact instruction a label keeps at least. That is the
 * keyword and the first two characters after it (`COPY ←b…`), up to `minLabelLength`, so that the
 * row still names its instruction and leaves its facts in sight. A FROM label may be cut down to
 * `FROM…`, because the stage row above it names the base image, and a read base image's facts
 * (`2.0 MB · +282 · not run`) need more room than most.
 */
function keywordMinimum(keyword: string): number {
  return keyword.toUpperCase() === 'FROM' ? keyword.length + 1 : Math.min(keyword.length + 4, minLabelLength);
}

/** Returns the length of the keyword and the kept options, with a space and the ellipsis, so `cutAtWord` cuts after the last kept option at the latest. */
function keptOptionsLength(parts: CompactParts): number {
  return [parts.keyword, ...parts.keptOptions].join(' ').length + 2;
}

/** Returns an option without its value (`--mount=…` for `--mount=type=cache,target=/var/cache/apt`). */
function optionNameOnly(option: string): string {
  return option.includes('=') ? `${option.slice(0, option.indexOf('='))}=…` : option;
}

/**
 * Returns a step's label: its compact instruction, cut after a whole word to leave room for
 * `facts`, keeping the options named in `keptFlags`. A kept option stays whole when it fits
 * beside the facts. Otherwise the label is the keyword and the kept options' names
 * (`RUN --mount=…`), because the name is what the error on the line refers to, and a long value
 * (`--mount=type=cache,target=/var/cache/apt`) would push the step's state out of sight.
 * When even that leaves no room for all the facts, a shorter form is taken (see `shorterLabels`).
 */
export function stepLabel(text: string, facts: string, keptFlags: ReadonlySet<string> = noFlags): string {
  const line = oneLineInstruction(text, Number.MAX_SAFE_INTEGER);
  const parts = compactParts(line, keptFlags);
  if (!parts) return cutAtWord(line, labelLength(line, facts, 1));
  const first = firstLabel(parts, facts);
  if (fitsBeside(first, facts, 1)) return first;
  // Beside facts that fit no form, the longest form names the instruction best, since the state is out of sight anyway.
  return shorterLabels(parts).find((label) => fitsBeside(label, facts, 1)) ?? first;
}

/** Returns the label that keeps the most of the instruction beside `facts`, down to `keywordMinimum`. */
function firstLabel(parts: CompactParts, facts: string): string {
  const instruction = joinParts(parts);
  const length = labelLength(instruction, facts, 1, keywordMinimum(parts.keyword));
  const keptWhole = length === instruction.length || length >= keptOptionsLength(parts);
  if (parts.keptOptions.length === 0 || keptWhole) return cutAtWord(instruction, length);
  return namesLabel(parts, parts.keptOptions.map(optionNameOnly));
}

/**
 * Returns the shorter labels a row falls back to, longest first, when its facts (a linked
 * image's counts with copy-ups, `8 B · +1 ~106 -101 · not run`) do not fit beside the first.
 * The keyword alone (`RUN…`) then keeps the state in sight, as for a FROM. A kept option keeps
 * its name, without the `=` (`COPY --frm…`), as the error names it (`--frm`).
 */
function shorterLabels(parts: CompactParts): string[] {
  if (parts.keptOptions.length === 0) return [`${parts.keyword}…`];
  return [namesLabel(parts, parts.keptOptions.map(optionNameOnly)), namesLabel(parts, parts.keptOptions.map((option) => `--${optionName(option)}`))];
}

function namesLabel(parts: CompactParts, options: string[]): string {
  const names = [parts.keyword, ...options].join(' ');
  return names.endsWith('…') ? names : `${names}…`;
}

/**
 * Returns what a screen reader announces for a step row: the whole instruction, its step number
 * and lines, and the description. The hover and the Merged Filesystem panel name a step only by
 * its number (`#5 COPY`), so the number lets a listener find that step's row.
 */
export function stepAccessibilityLabel(text: string, index: number, line: number, endLine: number, description: string): string {
  return `${oneLineInstruction(text, Number.MAX_SAFE_INTEGER)}, step #${index} on ${formatLines(line, endLine)}, ${description}`;
}
