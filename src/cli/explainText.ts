/** The human-readable output of `layer-lens explain`: the steps, the waste and problems, then the merged tree. */
import { describeCorrectedLayer } from '../core/analysis/correctedLayer';
import { notReachedReason, stepFailureWords } from '../core/analysis/notReached';
import { statesFailure } from '../core/analysis/rejectionStated';
import { quotedStageName } from '../core/analysis/stageBuildText';
import type { Analysis, Step } from '../core/analysis/types';
import { builderNames, type BuildahFormat } from '../core/dockerfile/builders';
import { triggerOrigin } from '../core/dockerfile/buildTriggers';
import { wasteReport } from '../core/model/merged';
import type { LayerSummary, StackedLayer } from '../core/model/stack';
import { hasWritesOfUnknownSize } from '../core/report/explainJson';
import { countRemovedPaths, describeRemovedPaths, formatBytes, formatShare, formatShareAtMost, joinWords, listsSizedFile, plural, type RemovedPaths } from '../core/report/format';
import type { BaseImageJson } from './baseImages';
import { describeBuildStop } from './buildStopText';
import { renderOtherStages } from './explainStages';
import { isAssumedBase, renderMerged } from './mergedTreeText';
import { describeSize } from './sizeText';
import { describeTypeChanges } from './typeChangeText';
import { escapeControlCharacters } from './terminalText';

/**
 * Renders an analysis, with the base images read for it, as lines of text for a terminal.
 * `buildahFormat` is the `--buildah-format` given, which the first line names.
 */
export function renderExplainText(analysis: Analysis, displayPath: string, baseImages: readonly BaseImageJson[] = [], buildahFormat?: BuildahFormat): string {
  const lines: string[] = [];
  const target = analysis.stages[analysis.target];
  lines.push(`${displayPath}: target stage ${stageName(analysis, analysis.target)}, ${plural(analysis.steps.length, 'step')}, ${describeBuilder(analysis, buildahFormat)}`);
  for (const image of baseImages) {
    const platform = image.platform === null ? '' : ` (${image.platform})`;
    lines.push(escapeControlCharacters(`Base image ${image.reference} read from ${image.source}${platform}`));
  }
  let stage = -1;
  let rejectionStatedAt: number | undefined;
  for (const step of analysis.steps) {
    if (step.stage !== stage) {
      stage = step.stage;
      lines.push('', `Stage ${stageName(analysis, stage)}`);
    }
    lines.push(renderStep(analysis, step, rejectionStatedAt));
    // The step the builder rejects states the reason too ("rejects the whole Dockerfile on this step").
    const statesRejection = step.notReached?.rejects === true || step.rejectsDockerfile === true;
    if (statesRejection && rejectionStatedAt === undefined) rejectionStatedAt = step.index;
  }
  const otherStages = renderOtherStages(analysis);
  if (otherStages.length > 0) lines.push('', ...otherStages);
  const stop = describeBuildStop(analysis);
  if (stop !== undefined) lines.push('', stop);
  // The waste and the problems come before the merged tree, the longest part, so that a terminal
  // or `| head` shows them.
  lines.push('', renderWaste(analysis));
  if (analysis.problems.length > 0) {
    lines.push('', 'Problems:');
    for (const problem of analysis.problems) lines.push(`  line ${problem.line}: ${problem.severity}: ${printable(problem.message)}`);
  }
  if (analysis.contextProblems.length > 0) {
    lines.push('', 'Build context problems:');
    for (const problem of analysis.contextProblems) lines.push(`  ${escapeControlCharacters(problem.path || '.')}: ${escapeControlCharacters(problem.message)}`);
  }
  lines.push('', ...renderMerged(analysis));
  if (target === undefined) lines.push('', 'No stage to analyse.');
  return lines.join('\n') + '\n';
}

/** Names the builder whose rules the prediction followed, and the options that choose it. */
function describeBuilder(analysis: Analysis, buildahFormat: BuildahFormat | undefined): string {
  const builder = analysis.builder ?? 'buildkit';
  const format = builder === 'buildah' && buildahFormat !== undefined ? ` --buildah-format ${buildahFormat}` : '';
  return `predicted for ${builderNames[builder]} (--builder ${builder}${format})`;
}

function renderWaste(analysis: Analysis): string {
  const report = wasteReport(analysis.stack);
  // Paths of unknown size make the known bytes a lower bound, and leave no share to give.
  if (report.unknownSizes > 0) {
    const unknown = unknownWaste(report.unknownSizes - report.unlistedFolders, report.unlistedFolders);
    if (report.wastedBytes === 0) return `Wasted: ${unknown}, shadowed or deleted by a later layer.`;
    return `Wasted: at least ${formatBytes(report.wastedBytes)}, plus ${unknown}, shadowed or deleted by a later layer.`;
  }
  const lowerBound = hasWritesOfUnknownSize(analysis);
  if (report.wastedBytes === 0 && report.totalBytes === 0 && !lowerBound) return 'Wasted: 0 B. No later layer hides file content that an earlier layer wrote.';
  // A later step may delete files that the prediction cannot list (the waste hints name them), so
  // with such hints the listed files are all the summary can speak for. A hint on a line of
  // another stage speaks of that stage's image, not of the target's.
  const unlisted = analysis.problems.some((problem) => problem.writtenBy !== undefined && isTargetChainLine(analysis, problem.line));
  if (report.wastedBytes === 0 && unlisted) return 'Wasted: no listed file is hidden by a later layer, but the waste hints below name files of unknown size that later steps delete.';
  if (report.wastedBytes === 0) return `Wasted: none of ${writtenBytes(report.totalBytes, lowerBound)} is hidden by a later layer.`;
  // The share sets 2,500 of 2,502 bytes apart from all of them, where both read 2.5 kB.
  const share = report.wastedBytes / report.totalBytes;
  const total = lowerBound ? `at least ${formatBytes(report.totalBytes)}` : formatBytes(report.totalBytes);
  return `Wasted: ${formatBytes(report.wastedBytes)} of ${total} written (${lowerBound ? formatShareAtMost(share) : formatShare(share)}) is shadowed or deleted by a later layer.`;
}

/**
 * Names the waste of unknown size: files whose size is unknown, and folders whose files the
 * prediction cannot list, which a later step hid or stored again whole (`1 path` would read as
 * one file where a folder may hold thousands).
 */
function unknownWaste(files: number, folders: number): string {
  const parts: string[] = [];
  if (files > 0) parts.push(`${plural(files, 'path')} of unknown size`);
  if (folders > 0) parts.push(`the files of ${plural(folders, 'folder')} that the prediction cannot list`);
  return joinWords(parts);
}

/** Tells whether `line` belongs to a step of the target's chain of stages. */
function isTargetChainLine(analysis: Analysis, line: number): boolean {
  return analysis.steps.some((step) => step.line <= line && line <= step.endLine);
}

/** Formats the bytes written, as a lower bound when some writes have unknown sizes. */
function writtenBytes(totalBytes: number, lowerBound: boolean): string {
  if (!lowerBound) return `${formatBytes(totalBytes)} written`;
  return totalBytes === 0 ? 'the bytes written (of unknown size)' : `the bytes written (at least ${formatBytes(totalBytes)})`;
}

function stageName(analysis: Analysis, index: number): string {
  const stage = analysis.stages[index];
  if (!stage) return '(none)';
  return stage.name === null ? `${index}` : `${index} "${stage.name}"`;
}

/**
 * Renders a step with its details. `rejectionStatedAt` is the step under which the reason that
 * the builder rejects the whole Dockerfile is already printed, if any.
 */
function renderStep(analysis: Analysis, step: Step, rejectionStatedAt: number | undefined): string {
  const head = `  #${String(step.index).padEnd(3)} line ${String(step.line).padEnd(4)} ${oneLine(step.text)}`;
  const details = describeStepLayer(analysis, step);
  const stop = notReachedReason(analysis, step, quotedStageName);
  // A rejected Dockerfile stops every step for one reason, so only the first step states it.
  if (stop && step.notReached?.rejects && rejectionStatedAt !== undefined) details.unshift(`not reached (see #${rejectionStatedAt})`);
  else if (stop) details.unshift(`not reached: ${printable(stop)}`);
  if (step.trigger) details.unshift(`build trigger of this FROM: ${printable(triggerOrigin(step.trigger))}`);
  // Notes name what the prediction assumed or could not follow, such as a command it does not model.
  for (const note of step.notes) details.push(`note: ${printable(note)}`);
  return [head, ...details.map((detail) => `        ${detail}`)].join('\n');
}

/** Describes what a step writes, or why it writes nothing, in one line or two. */
function describeStepLayer(analysis: Analysis, step: Step): string[] {
  const failure = stepFailureWords(step);
  // A step read as its correction keeps the layer of the fixed line, which the merged tree shows.
  const corrected = failure && describeCorrectedLayer(analysis.stack, step);
  // The text lists the errors under Problems, not under their steps, so no error states the failure here.
  if (failure && corrected) return statesFailure(step, [], corrected) ? [failure.lead, printable(corrected)] : [printable(corrected)];
  if (failure) return [`${failure.lead}, ${failure.rest}`];
  if (step.emptyLayer) return ['no filesystem layer'];
  const layer = analysis.stack.layers[step.index];
  if (step.instruction === 'FROM') return [describeBaseLayer(layer, step)];
  // A whiteout that hides nothing listed below removes a path that only the unread base image may hold.
  const unlisted = layer.entries.filter((classified) => classified.change === 'deleted' && !classified.hiddenCount).length;
  const emptied = layer.entries.filter((classified) => classified.entry.op === 'write' && classified.entry.emptied && classified.hidesUnlisted).length;
  const sizedFiles = { added: listsSizedFile(layer.entries, 'added'), modified: listsSizedFile(layer.entries, 'modified') };
  const counts = { removed: countRemovedPaths(layer.entries), unlisted, emptied, typeChanges: describeTypeChanges(analysis.stack, layer), sizedFiles };
  return [`${describeSummary(layer.summary, counts, step.certainty === 'unknown')}; ${step.certainty}`];
}

/** Describes the layer a FROM stacks: an unread base image's, or the paths of the image read for it. */
function describeBaseLayer(layer: StackedLayer, step: Step): string {
  if (layer.entries.some(isAssumedBase)) return 'base image layers: contents unknown';
  return `base image read: ${plural(layer.summary.added.count, 'path')} (${formatBytes(layer.summary.added.bytes)}); ${step.certainty}`;
}

/** The counts and facts beside a layer's summary that `describeSummary` words. */
interface SummaryCounts {
  removed: RemovedPaths;
  unlisted: number;
  emptied: number;
  typeChanges: string | undefined;
  sizedFiles: { added: boolean; modified: boolean };
}

/**
 * Describes a layer's changes. `removed` counts what its whiteouts, opaque folders and files over
 * folders remove of the lower layers, and `unlisted` counts the whiteouts of paths no lower layer
 * lists. The JSON lists both kinds of whiteout. `emptied` counts folders whose unlisted lower contents the layer deletes
 * (`rm -rf dir/*`). The summary counts every lower path that whiteouts and opaque folders remove.
 * `typeChanges` names the modified paths whose type changed (`1 folder → file`). `open` is set
 * for a layer that may contain more than it lists, whose sizes are then lower bounds.
 * `sizedFiles` marks whether the added and the modified paths include a file of known size.
 */
function describeSummary(summary: LayerSummary, counts: SummaryCounts, open: boolean): string {
  const parts: string[] = [];
  if (summary.added.count > 0) parts.push(`adds ${formatCount(summary.added.count)} (${describeSize(summary.added, open, counts.sizedFiles.added)})`);
  if (summary.modified.count > 0) parts.push(describeModified(summary, counts, open));
  if (summary.deleted.count > 0) parts.push(describeDeleted(summary.deleted, counts.removed));
  if (counts.unlisted > 0) parts.push(`deletes ${plural(counts.unlisted, 'path')} that earlier layers do not list (size unknown)`);
  if (counts.emptied > 0) parts.push(`empties ${plural(counts.emptied, 'folder')} of files that earlier layers do not list (size unknown)`);
  return parts.length > 0 ? parts.join(', ') : 'no listed changes';
}

/** Describes the modified paths, with `typeChanges` (`1 folder → file`) after their size in the brackets. */
function describeModified(summary: LayerSummary, { typeChanges, sizedFiles }: SummaryCounts, open: boolean): string {
  const size = describeSize(summary.modified, open, sizedFiles.modified);
  const modified = `modifies ${formatCount(summary.modified.count)} (${typeChanges ? `${size}, ${typeChanges}` : size})`;
  // Folders and empty files shadow no bytes, so a "shadowing 0 B" would only add noise.
  const shadowed = summary.shadowed;
  if (shadowed.bytes === 0 && shadowed.unknownSizes === 0) return modified;
  return `${modified}, shadowing ${describeSize(shadowed, false)}`;
}

function describeDeleted(deleted: LayerSummary['deleted'], removed: RemovedPaths): string {
  const size = describeSize(deleted, false);
  if (removed.whiteouts === deleted.count) return `deletes ${formatCount(removed.whiteouts)} (${size})`;
  // An opaque folder, or a file written over a folder, hides lower paths without a whiteout.
  if (removed.whiteouts === 0) return `hides ${plural(deleted.count, 'lower path')} (${size})`;
  return `deletes ${describeRemovedPaths(removed)} (${size})`;
}

/** Formats a count grouped by thousands, as `plural` does for the counts in headings. */
function formatCount(count: number): string {
  return count.toLocaleString('en');
}

/** Shows an instruction on one line: continuations joined, a heredoc body cut, control characters escaped. */
function oneLine(text: string): string {
  const lines = text.split('\n');
  const heredoc = lines.length > 1 && /<<-?["']?[A-Za-z0-9_.-]+/.test(lines[0]);
  const joined = heredoc ? lines[0] + ' …' : text.replace(/[ \t]*\\?[ \t]*\n[ \t]*/g, ' ');
  const flat = printable(joined.trim());
  return flat.length > 100 ? flat.slice(0, 99) + '…' : flat;
}

/** Escapes control characters, so that a binary Dockerfile line cannot drive the terminal. */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
