/**
 * The hover's markdown for one step of an analysis. A pure function of the analysis, so unit
 * tests render real analyses without VS Code; the provider only wraps the result.
 */
import type { Analysis, GlobalArgVariable, StageInfo, Step } from '../../core/analysis/types';
import type { ClassifiedEntry, StackedLayer, Tally } from '../../core/model/stack';
import { countRemovedPaths, describeRemovedPaths, listsSizedFile } from '../../core/report/format';
import { describeHidden } from '../../core/report/hiddenText';
import { escapeControlCharacters } from '../../core/report/controlCharacters';
import {
  capitalize,
  certaintyExplanations,
  formatBytes,
  formatLines,
  formatSize,
  formatTallySize,
  joinWords,
  plural,
  stageLabel,
} from '../format';
import { builderLine, builderNotes, modelledBuilder } from '../../core/dockerfile/builderNotes';
import { linkedImageOf } from '../../core/image/linkedAnalysis';
import { readBaseImage, stepSourceLabel } from '../image/sourceLabel';
import { describeAttributeDifference } from '../attributeText';
import { shadowedEntry } from '../../core/report/typeChange';
import { layerContent } from '../tree/stepDescription';
import { describeStageBuild } from '../../core/analysis/stageBuildText';
import { describeCauseReading, notReachedReason } from '../../core/analysis/notReached';
import { stepFailureParts } from '../../core/analysis/rejectionStated';
import { isEmptyLayerNote } from '../../core/predict/layerRule';
import { hasNoLayerReason, instructionPurpose, isKnownInstruction } from './instructionPurpose';
import { describeMissingLayer, unknownInstructionLayer } from './missingLayer';
import { describeShadowedFolders } from './shadowedFolders';
import { describeWastedWrites } from './wastedWrites';
import { describeTriggersRun, describeTriggerUse } from './buildTriggers';
import { describeExpansion, describeGlobalArgValues } from './expansionText';
import { layerOutline, maxListedPaths, type ChangeOutline, type ShadowOutline } from '../../core/model/layerOutline';
import { codeSpan, commandLink, plainText } from './markdown';

/** The commands that hover links may run; the provider trusts these and no others. */
export const hoverCommands = ['layerLens.revealLayer', 'layerLens.showMergedFilesystem'] as const;

/**
 * Finds the step of the target's chain whose lines (first to last, heredoc bodies included)
 * contain a 1-based line. When several do, the last wins: a linked image's base layers share the FROM
 * line with the FROM step. The steps of build triggers share it too, and the FROM's hover
 * describes them. `findStageStep` looks in the other stages too.
 */
export function stepAtLine(analysis: Analysis, line: number): Step | undefined {
  let found: Step | undefined;
  for (const step of analysis.steps) if (!step.trigger && step.line <= line && line <= step.endLine) found = step;
  return found;
}

/**
 * Renders the hover of a step. `view` is the analysis whose chain contains the step (see
 * `stageView`), `analysis` the whole analysis, and `documentUri` the Dockerfile's URI, passed to
 * the links.
 */
export function renderStepHover(view: Analysis, step: Step, documentUri: string, analysis: Analysis = view): string {
  const sections = [heading(view, step)];
  const built = describeStageBuild(analysis, step.stage, stageMarkdown);
  if (built) sections.push(built);
  const stop = notReachedReason(view, step, stageMarkdown);
  const reading = step.failed ? undefined : describeCauseReading(view, step, 'The prediction below');
  if (stop) sections.push(`**Not reached:** ${stop}.${reading ? ` ${reading}` : ''}`);
  const layer = view.stack.layers[step.index];
  const missingLayer = describeMissingLayer(view, step);
  if (step.instruction === 'FROM') sections.push(describeBase(view, step));
  if (!isKnownInstruction(step.instruction)) {
    sections.push(unknownInstruction(view, step));
  } else if (step.failed) {
    sections.push(...describeFailure(view, step));
  } else if (failsIfBuilt(view, step)) {
    sections.push(`**This step would fail** in a build that includes stage ${stageName(view, step.stage)}, as the warning on this line explains, so it makes no layer.`);
  } else if (missingLayer) {
    sections.push(missingLayer);
  } else if (step.emptyLayer || !layer) {
    sections.push(`This instruction **makes no filesystem layer**: it ${metadataPurpose(view, step)}.`);
    if (step.instruction === 'ONBUILD') sections.push(describeTriggerUse(analysis, step));
  } else if (step.instruction === 'FROM' && isAssumedBase(layer)) {
    // The step's note states that the base image is not read and names the assumed folders, so no line here repeats it.
    sections.push(certaintyLine(view, step));
  } else {
    // A step of the target's chain ends up in the image the build makes; another stage's does not.
    const shipped = analysis.steps.some((targetStep) => targetStep.line === step.line);
    sections.push(...describeLayer(view, layer, analysis.stageBuilds?.[step.stage]?.built === false, shipped));
    sections.push(certaintyLine(view, step));
  }
  const expansion = describeExpansion(step, layer);
  if (expansion) sections.push(expansion);
  const triggers = step.instruction === 'FROM' ? describeTriggersRun(view, step) : undefined;
  if (triggers) sections.push(triggers);
  const notes = stepNotes(view, step);
  if (notes.length > 0) sections.push(notes.map((note) => `- ${plainText(note)}`).join('\n'));
  const builder = builderSection(view, step);
  if (builder) sections.push(builder);
  sections.push(links(step, documentUri, view === analysis ? undefined : view.target));
  return sections.join('\n\n');
}

/**
 * Renders the hover of an `ARG` before the first FROM, which is no step of any stage: it makes
 * no layer, FROM lines can use it, and a stage can use it after its own `ARG NAME`. `variables`
 * are the line's values from `Analysis.globalArgs`, absent in an analysis without them.
 */
export function renderGlobalArgHover(text: string, variables: readonly GlobalArgVariable[] = []): string {
  const names = text.trim().replace(/^ARG\s+/i, '').split(/\s+/).map((word) => word.split('=')[0]).filter((name) => name !== '');
  const declared = names.map((name) => codeSpan(name)).join(', ');
  const values = describeGlobalArgValues(variables);
  // Where no FROM line reads any of the names, each item of the values states it, so this sentence leaves the FROM lines out.
  const readByFrom = variables.length === 0 || variables.some((variable) => !variable.unreadByFrom);
  const seen = readByFrom ? 'The FROM lines can use its value, and the steps of a stage see it' : 'The steps of a stage see its value';
  return [
    `**Build argument before the first FROM** (${declared || 'no name'})`,
    `This instruction **makes no filesystem layer**. ${seen} only after an \`ARG NAME\` without a value in that stage.`,
    ...(values ? [values] : []),
  ].join('\n\n');
}

/**
 * States how the builder rejects an unknown instruction, with its message: the parsers of BuildKit
 * and the classic builder reject the whole Dockerfile, and buildah fails when the build reaches
 * the step.
 */
function unknownInstruction(analysis: Analysis, step: Step): string {
  const keyword = step.instruction;
  if (analysis.builder !== 'buildah') {
    return (
      `**The build fails before any step runs:** ${codeSpan(keyword)} is not a Dockerfile instruction, and BuildKit and the classic builder ` +
      `reject the whole Dockerfile with ${codeSpan(`unknown instruction: ${keyword}`)}. ${unknownInstructionLayer(analysis, step)}`
    );
  }
  const fact = `${codeSpan(keyword)} is not a Dockerfile instruction, and buildah rejects it when the build reaches it, with ${codeSpan(`Unknown instruction: "${keyword}"`)}. ${unknownInstructionLayer(analysis, step)}`;
  // In a stage that buildah skips, the step never runs, so it fails nothing.
  return step.failed ? `**The build fails on this step:** ${fact}` : fact;
}

/**
 * Describes how a step fails and the layer its corrected line would make, one section each. A
 * failing step's diagnostic covers all of its lines, so VS Code shows it above this text in the
 * same hover (code-server 4.100.3). The errors are therefore left out, and so is the step's own
 * sentence where the error already states it.
 */
function describeFailure(view: Analysis, step: Step): string[] {
  const parts = stepFailureParts(view, step);
  if (!parts) return [];
  const sections = parts.words ? [`**${capitalize(parts.words.lead)}**, ${parts.words.rest}.`] : [];
  if (parts.corrected !== undefined) sections.push(parts.corrected);
  return sections;
}

/**
 * Names a stage in markdown: its name as plain text, an unnamed stage by its index. A code span
 * would set the name apart with wide gaps in the middle of a sentence.
 */
function stageMarkdown(stage: StageInfo): string {
  return plainText(stageLabel(stage));
}

function stageName(analysis: Analysis, index: number): string {
  const stage = analysis.stages[index];
  return stage ? stageMarkdown(stage) : String(index);
}

/**
 * Tells whether a step of a stage the builder skips would fail in a build of that stage. The
 * analysis lists its error as a warning (`demoteUnbuiltStageErrors`) and does not mark it failed.
 */
function failsIfBuilt(analysis: Analysis, step: Step): boolean {
  return analysis.problems.some((problem) => problem.failsIfBuilt && step.line <= problem.line && problem.line <= step.endLine);
}

function metadataPurpose(analysis: Analysis, step: Step): string {
  if (step.instruction === 'FROM' && linkedImageOf(analysis)?.sources[step.index]?.kind === 'base') {
    return 'starts from the base image, whose layers are the steps before it in the Image Layers view';
  }
  const stage = analysis.stages[step.stage];
  if (step.instruction === 'FROM' && stage?.parentStage !== null && stage?.parentStage !== undefined) {
    return 'continues with the filesystem of that stage';
  }
  return instructionPurpose(step.instruction);
}

/**
 * Numbers the step `#N` by its layer, as the CLI and the merged filesystem panel do, and names
 * the stage whose chain the number counts in: the target's for a step of its chain, else the
 * step's own stage. A step of a stage that the target continues also names its own stage.
 */
function heading(view: Analysis, step: Step): string {
  const number = `**Step #${step.index} of stage ${stageName(view, view.target)}**`;
  const ownStage = step.stage === view.target ? '' : ` · stage ${stageName(view, step.stage)}`;
  const source = stepSourceLabel(view, step);
  const sourceText = source ? ` · ${source}` : '';
  return `${number}${ownStage} · ${formatLines(step.line, step.endLine)}${sourceText}`;
}

/**
 * States the builder and storage the prediction models, and where another builder or vfs storage
 * would differ on this step. A step read from a linked image is no prediction and may come from
 * other storage, which its own notes name, so it gets neither. A step that fails gets the line
 * without notes, which would describe a layer it never makes.
 */
function builderSection(analysis: Analysis, step: Step): string | undefined {
  if (isReadFromImage(analysis, step)) return undefined;
  const line = builderLine(modelledBuilder(analysis));
  if (step.failed || failsIfBuilt(analysis, step)) return line;
  return [line, ...builderNotes(analysis, step)].join(' ');
}

/**
 * Returns a step's notes. The notes of a linked analysis name the image ("read from the image
 * NAME: history entry 2"), and for a step read from the image the heading names it already, so
 * those notes say "the image" and the hover names the image once.
 */
function stepNotes(analysis: Analysis, step: Step): string[] {
  // For a RUN, COPY or ADD, the hover's first sentence states why the classic builder records no layer, so its note would repeat it.
  const notes = hasNoLayerReason(step.instruction) ? step.notes.filter((note) => !isEmptyLayerNote(note)) : step.notes;
  const linked = linkedImageOf(analysis);
  if (!linked || !isReadFromImage(analysis, step)) return notes;
  return notes.map((note) => note.split(`the image ${linked.name}`).join('the image'));
}

function isReadFromImage(analysis: Analysis, step: Step): boolean {
  const kind = linkedImageOf(analysis)?.sources[step.index]?.kind;
  return kind !== undefined && kind !== 'predicted';
}

/** States the certainty of a step's layer, and for a layer read from an image, that it was read. */
function certaintyLine(analysis: Analysis, step: Step): string {
  const linked = linkedImageOf(analysis);
  const kind = linked?.sources[step.index]?.kind;
  // The heading names the image.
  if (linked && kind !== undefined && kind !== 'predicted') return '**Exact:** read from the image.';
  const base = readBaseImage(analysis, step);
  if (base !== undefined) return `**Exact:** read from the image ${codeSpan(base)}.`;
  return `**${capitalize(step.certainty)}:** ${certaintyExplanations[step.certainty]}`;
}

function describeBase(analysis: Analysis, step: Step): string {
  const stage = analysis.stages[step.stage];
  if (!stage) return '';
  if (stage.parentStage !== null) {
    const parent = analysis.stages[stage.parentStage];
    return `Continues stage ${parent ? stageMarkdown(parent) : String(stage.parentStage)}.`;
  }
  if (stage.baseResolved === 'scratch') return 'Starts from `scratch`, an empty filesystem.';
  const resolved = stage.baseResolved !== stage.base ? ` (expands to ${codeSpan(stage.baseResolved)})` : '';
  const linked = linkedImageOf(analysis);
  const baseLayers = linked ? analysis.steps.filter((other) => linked.sources[other.index]?.kind === 'base' && !other.emptyLayer) : [];
  if (!linked || baseLayers.length === 0) return `Base image ${codeSpan(stage.base)}${resolved}.`;
  const bytes = baseLayers.reduce((total, other) => total + layerContent(analysis.stack.layers[other.index].summary).bytes, 0);
  return `Base image ${codeSpan(stage.base)}${resolved}: ${plural(baseLayers.length, 'layer')} (${formatBytes(bytes)}) read from the image.`;
}

/** Tells whether a layer is only the folders assumed for a base image that was not read. */
function isAssumedBase(layer: StackedLayer): boolean {
  return layer.entries.length > 0 && layer.entries.every((classified) => classified.entry.origin?.kind === 'assumed-base');
}

/** Describes a step's layer; `skipped` for a stage the builder does not build, whose layer is only what a build of it would make. */
function describeLayer(analysis: Analysis, layer: StackedLayer, skipped = false, shipped = true): string[] {
  const { summary } = layer;
  const makes = skipped ? 'In a build of this stage, it would make' : 'Makes';
  const lines = [`${makes} ${describeLayerSize(layer)}.`];
  // Sizes in a layer that may write unlisted paths are lower bounds, worded as the CLI words them.
  const open = layer.layer.certainty === 'unknown';
  const outline = layerOutline(analysis.stack, layer);
  const { added, modified, deleted } = outline;
  if (added.count > 0) {
    lines.push(`**Adds** ${plural(added.count, 'path')} (${formatTallySize(summary.added, open, listsSizedFile(layer.entries, 'added'))}):\n${listPaths(added, analysis)}`);
  }
  if (modified.count > 0) {
    // Shadowed folders contain no bytes, so they are named instead of given a size of 0 B.
    const emptyTally = summary.shadowed.bytes === 0 && summary.shadowed.unknownSizes === 0;
    const folders = emptyTally ? describeShadowedFolders(analysis.stack, layer) : undefined;
    const shadowedSize = folders ?? formatTallySize(summary.shadowed);
    const shadowed = describeShadowed(analysis, outline.shadowing, outline.shadowingBase, shadowedSize);
    lines.push(`**Modifies** ${plural(modified.count, 'path')} (${formatTallySize(summary.modified, open, listsSizedFile(layer.entries, 'modified'))}), ${shadowed}:\n${listPaths(modified, analysis)}`);
  }
  if (deleted.count > 0) lines.push(`**Deletes** ${describeDeletions(layer.entries, outline.unlistedDeletions, summary.deleted)}:\n${listPaths(deleted, analysis)}`);
  const wasted = describeWastedWrites(analysis, layer, outline.files, shipped);
  if (wasted) lines.push(wasted);
  if (layer.entries.length === 0) lines.push('No changes are listed for this layer.');
  return lines;
}

/**
 * Describes a layer and its size. A layer of unknown certainty may write paths it does not list,
 * so the size of the listed paths is only part of it, and a size of nothing known is no size.
 */
function describeLayerSize(layer: StackedLayer): string {
  const content = layerContent(layer.summary);
  const size = formatTallySize(content);
  if (layer.layer.certainty !== 'unknown') return content.bytes === 0 && content.unknownSizes > 0 ? 'a filesystem layer of unknown size' : `a filesystem layer of ${size}`;
  if (content.bytes === 0) return 'a filesystem layer whose contents and size are unknown';
  return `a filesystem layer whose full contents are unknown; the paths listed here come to ${size}`;
}

/**
 * Counts what a layer's deletions remove, as the CLI does, with what its opaque folders and files
 * over folders hide among `entries`. A whiteout of a path that no lower layer lists removes
 * nothing listed, so it is counted apart (`unlisted` of them), with an unknown size.
 */
function describeDeletions(entries: ClassifiedEntry[], unlisted: number, tally: Tally): string {
  const removed = countRemovedPaths(entries);
  const parts: string[] = [];
  if (removed.whiteouts > 0) parts.push(`${describeRemovedPaths(removed)} (${formatTallySize(tally)})`);
  if (unlisted > 0) parts.push(`${plural(unlisted, 'path')} that earlier layers do not list (unknown size)`);
  // After "hides 1 lower path", a bare "and 1 path" would read as hidden too, so the verb returns.
  if (parts.length === 2 && removed.hiddenByWrites > 0) return `${parts[0]}, and deletes ${parts[1]}`;
  return joinWords(parts);
}

/**
 * Describes the lower versions that modified entries shadow. Folders assumed to be in an unread
 * base image (`fromBase`) have unknown contents, so they are named apart and get no size. `size`
 * describes the other versions: their size, or `a folder` when they are folders.
 */
function describeShadowed(analysis: Analysis, others: ShadowOutline, fromBase: ShadowOutline, size: string): string {
  const parts: string[] = [];
  // Each modified path shadows one version, the one its layer's write hides.
  const versions = others.count === 1 ? 'the version' : 'the versions';
  if (others.count > 0) parts.push(`${versions} from ${lowerLines(analysis, others.lowerLayers)} (${size})`);
  if (fromBase.count > 0) parts.push(`the base image's folders (${lowerLines(analysis, fromBase.lowerLayers)}), whose contents are unknown`);
  return `shadowing ${joinWords(parts)}`;
}

/** Lists the lines of the given lower layers, lowest first. */
function lowerLines(analysis: Analysis, layers: readonly number[]): string {
  const lines = new Set<number>();
  for (const layer of layers) {
    const step = analysis.steps[layer];
    if (step) lines.add(step.line);
  }
  const sorted = [...lines].sort((a, b) => a - b);
  return sorted.length === 1 ? `line ${sorted[0]}` : `lines ${joinWords(sorted.map(String))}`;
}

function lowerStep(analysis: Analysis, classified: ClassifiedEntry): Step | undefined {
  return classified.lowerLayer === undefined ? undefined : analysis.steps[classified.lowerLayer];
}

/** Lists the largest paths first (unknown sizes last, then by path), then how many are left. */
function listPaths(change: ChangeOutline, analysis: Analysis): string {
  const listed = change.listed.map((classified) => `- ${describePath(classified, analysis)}`);
  if (change.count > maxListedPaths) listed.push(`- and ${(change.count - maxListedPaths).toLocaleString('en')} more`);
  return listed.join('\n');
}

function describePath(classified: ClassifiedEntry, analysis: Analysis): string {
  const { entry } = classified;
  const details: string[] = [];
  if (entry.op === 'write') {
    if (entry.type === 'directory') details.push('directory');
    else if (entry.type === 'symlink' || entry.type === 'hardlink') details.push(`${entry.type} to ${codeSpan(escapeControlCharacters(entry.linkTarget ?? '?'))}`);
    else details.push(formatSize(entry.size));
    if (entry.opaque) details.push('opaque');
    const attributeChange = describeAttributeDifference(classified, shadowedEntry(analysis.stack, classified));
    if (attributeChange) details.push(attributeChange);
  }
  const lower = lowerStep(analysis, classified);
  const hidden = describeHidden(classified, lower?.line);
  if (hidden) details.push(hidden);
  if (classified.change === 'modified' && lower) details.push(`shadows line ${lower.line}`);
  if (entry.certainty !== 'exact') details.push(entry.certainty);
  // A newline or tab in a name would show as a space in Markdown, so it shows as the CLI's escape.
  return `${codeSpan(escapeControlCharacters(entry.path))} ${details.join(', ')}`.trimEnd();
}

/**
 * Links to the step's layer in the Image Layers view and the merged filesystem panel. `stage` is
 * set for a step outside the target's chain, whose index counts in that stage's own chain.
 */
function links(step: Step, documentUri: string, stage: number | undefined): string {
  const revealArguments = stage === undefined ? [step.index, documentUri] : [step.index, documentUri, stage];
  const reveal = commandLink('Reveal in Image Layers', 'layerLens.revealLayer', revealArguments);
  const panelArgument = stage === undefined ? { uri: documentUri, layer: step.index } : { uri: documentUri, layer: step.index, stage };
  const merged = commandLink('Show merged filesystem at this layer', 'layerLens.showMergedFilesystem', [panelArgument]);
  return `${reveal} · ${merged}`;
}
