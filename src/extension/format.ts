/**
 * Plain-text formatting shared by the hover, the tree and the output channel. Nothing here
 * imports `vscode`, so it runs under plain mocha.
 */
import type { Certainty } from '../core/model/layer';
import type { Tally } from '../core/model/stack';
import type { StageInfo } from '../core/analysis/types';
import { capitalize, formatBytes, formatSizeTally, joinWords, plural } from '../core/report/format';

export { capitalize, formatBytes, joinWords, plural };

/** Formats a size that may be unknown (`null`). */
export function formatSize(size: number | null): string {
  return size === null ? 'unknown size' : formatBytes(size);
}

/** Formats a tally's bytes as the CLI's `explain` does (see `formatSizeTally`). */
export function formatTallySize(tally: Tally, open = false, sizedFile = false): string {
  return formatSizeTally(tally, open, sizedFile);
}

/**
 * Returns the short name of a linked image for a row: its reference when the image records one,
 * else the file or folder name of its source. Hovers and tooltips give the whole source.
 */
export function shortImageName(image: { name: string; source: string }): string {
  if (image.name !== image.source) return image.name;
  // Split on both separators, so that a Windows path shortens on any host.
  const segments = image.source.split(/[\\/]/).filter((segment) => segment !== '');
  return segments[segments.length - 1] ?? image.source;
}

/**
 * Shortens an instruction to one line for a label: continuation backslashes and the line breaks
 * after them become single spaces, and only the first line of a heredoc is kept.
 */
export function oneLineInstruction(text: string, maxLength = 80): string {
  const firstLine = text.replace(/\\[ \t]*\r?\n\s*/g, ' ').split(/\r?\n/)[0];
  const collapsed = firstLine.replace(/\s+/g, ' ').trim();
  return collapsed.length <= maxLength ? collapsed : collapsed.slice(0, maxLength - 1).trimEnd() + '…';
}

/** Names a stage for people: `build` for a named stage, `2` for an unnamed one, after the word "stage". */
export function stageLabel(stage: StageInfo): string {
  return stage.name ?? String(stage.index);
}

/** Formats 1-based lines as `line 4` or `lines 4–7`. */
export function formatLines(line: number, endLine: number): string {
  return endLine > line ? `lines ${line}–${endLine}` : `line ${line}`;
}

/** The meaning of each certainty, as a phrase that follows the certainty's name. */
export const certaintyExplanations: Record<Certainty, string> = {
  exact: 'follows from the Dockerfile and the build context, as a builder would write it.',
  estimated: 'a best guess that can be wrong, such as a directory assumed to exist in the base image.',
  unknown: 'cannot be known without building the image, such as the files of a base image or what a RUN writes.',
};
