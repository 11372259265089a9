/** Turns Image Layers elements into tree items: labels, descriptions, icons and click actions. */
import * as vscode from 'vscode';
import { notReachedReason } from '../../core/analysis/notReached';
import { stepFailureParts } from '../../core/analysis/rejectionStated';
import { linkedImageOf } from '../../core/image/linkedAnalysis';
import type { ChangeKind } from '../../core/model/layer';
import { capitalize, formatLines, stageLabel } from '../format';
import { stepCertainty } from '../image/sourceLabel';
import { formatMode, formatOwner } from '../attributeText';
import { shadowedEntry } from '../../core/report/typeChange';
import { OPEN_SOURCE_FILE_COMMAND } from '../openSourceFile';
import { changeAccessibilityLabel } from './changeRow';
import { changeSource } from './changeSource';
import { changeDepth, changeSize, describeChange, isFolder } from './changeTree';
import { fileRowKind } from './fileRowKind';
import type { ChangeElement, LayersElement, LayersModel, StageElement, StepElement } from './elements';
import { stageAccessibilityLabel, stageDescription, stageFromLine } from './stageText';
import { changeRowId, stepRowId } from './rowIds';
import { cutInMiddle, labelLength } from './rowLayout';
import { stepRowText, type StepRowText } from './stepRow';
import { plainText } from '../hover/markdown';
import { shortenContextPaths } from '../problemText';

/** Icons per change, coloured like source control decorations; the description also names the change. */
const changeIcons: Record<ChangeKind, vscode.ThemeIcon> = {
  added: new vscode.ThemeIcon('diff-added', new vscode.ThemeColor('gitDecoration.addedResourceForeground')),
  modified: new vscode.ThemeIcon('diff-modified', new vscode.ThemeColor('gitDecoration.modifiedResourceForeground')),
  deleted: new vscode.ThemeIcon('diff-removed', new vscode.ThemeColor('gitDecoration.deletedResourceForeground')),
};

/**
 * Icons of folder rows, leaf or not, in the colours of `changeIcons`. The codicon `file-directory`
 * is used because VS Code (1.100) draws `ThemeIcon.Folder` from the file icon theme and drops its colour.
 */
const folderIcons: Record<ChangeKind, vscode.ThemeIcon> = {
  added: new vscode.ThemeIcon('file-directory', new vscode.ThemeColor('gitDecoration.addedResourceForeground')),
  modified: new vscode.ThemeIcon('file-directory', new vscode.ThemeColor('gitDecoration.modifiedResourceForeground')),
  deleted: new vscode.ThemeIcon('file-directory', new vscode.ThemeColor('gitDecoration.deletedResourceForeground')),
};

/** The icon of a folder that only contains changed paths, drawn like the changed folders. */
const folderIcon = new vscode.ThemeIcon('file-directory');

/** The icon of a step the build fails on, which makes no layer. */
const failedStepIcon = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));

/** Builds the tree item of an element; `document` is the analysed Dockerfile. */
export function toTreeItem(element: LayersElement, model: LayersModel, document: vscode.Uri): vscode.TreeItem {
  if (element.kind === 'stage') return stageItem(element, document);
  if (element.kind === 'step') return stepItem(element, model, document);
  return changeItem(element, model, document);
}

function stageItem(element: StageElement, document: vscode.Uri): vscode.TreeItem {
  const { stage } = element;
  // Stages outside the target's chain start collapsed, so that the target's layers stay in view.
  const expanded = element.inTarget ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
  const item = new vscode.TreeItem(`stage ${stageLabel(stage)}`, expanded);
  item.id = `${document.toString()}#stage-${stage.index}`;
  item.description = stageDescription(element);
  const from = stageFromLine(element);
  item.tooltip = element.buildSentence ? `${from}\n${element.buildSentence}` : from;
  item.accessibilityInformation = { label: stageAccessibilityLabel(element) };
  item.iconPath = new vscode.ThemeIcon('layers');
  item.contextValue = 'layerLens.stage';
  return item;
}

function stepItem(element: StepElement, model: LayersModel, document: vscode.Uri): vscode.TreeItem {
  const { step } = element;
  const collapsible = model.hasChanges(step) ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None;
  const text = stepRowText(model.analysis, step);
  const item = new vscode.TreeItem(text.label, collapsible);
  item.id = stepRowId(document.toString(), model.analysis.steps, step);
  item.description = text.description;
  // The label may be cut and the counts are signs, so the tooltip and the screen reader get the whole instruction and words.
  item.tooltip = stepTooltip(model, step, text);
  item.accessibilityInformation = { label: text.spoken };
  item.iconPath = step.failed ? failedStepIcon : new vscode.ThemeIcon(step.emptyLayer ? 'symbol-property' : 'layers');
  item.contextValue = step.emptyLayer ? 'layerLens.metadataStep' : 'layerLens.layerStep';
  const line = new vscode.Range(step.line - 1, 0, step.line - 1, 0);
  item.command = { title: 'Go to Instruction', command: 'vscode.open', arguments: [document, { selection: line, preserveFocus: true }] };
  return item;
}

/**
 * Builds a step's tooltip: its place, its text, its layer in words and where its layer's
 * certainty comes from. A history entry without a recorded command is shown as plain text,
 * since it is no instruction.
 */
function stepTooltip(model: LayersModel, step: StepElement['step'], text: StepRowText): vscode.MarkdownString {
  // Text goes in through `plainText`, not `appendText`, which turns every space into `&nbsp;` so
  // that a long message never wraps and runs past the tooltip's edge.
  const tooltip = new vscode.MarkdownString(`Step #${step.index} · ${formatLines(step.line, step.endLine)}\n\n`);
  if (text.plain) tooltip.appendMarkdown(plainText(step.text));
  else tooltip.appendCodeblock(step.text, 'dockerfile');
  if (text.trigger) tooltip.appendMarkdown(`\n\n${plainText(`${capitalize(text.trigger)}.`)}`);
  if (!step.emptyLayer && !step.failed) tooltip.appendMarkdown(`\n\n**Layer:** ${plainText(text.layerWords)}`);
  const stop = notReachedReason(model.analysis, step, stageLabel);
  if (stop) {
    tooltip.appendMarkdown('\n\n**Not reached:** ');
    tooltip.appendMarkdown(plainText(`${stop}.`));
  }
  const failure = stepFailureParts(model.analysis, step);
  if (failure) {
    if (failure.words) {
      tooltip.appendMarkdown(`\n\n**${capitalize(failure.words.lead)}**, `);
      tooltip.appendMarkdown(plainText(`${failure.words.rest}.`));
    }
    // The errors on the step's lines give the reason, with context paths shortened as in the Problems panel.
    for (const error of failure.errors) {
      tooltip.appendMarkdown(`\n\n${plainText(shortenContextPaths(error, model.analysis.contextPath))}`);
    }
    if (failure.corrected) tooltip.appendMarkdown(`\n\n${plainText(failure.corrected)}`);
  }
  if (!step.emptyLayer) {
    const { certainty, explanation } = stepCertainty(model.analysis, step);
    tooltip.appendMarkdown(`\n\n**${capitalize(certainty)}:** `);
    tooltip.appendMarkdown(plainText(explanation));
  }
  return tooltip;
}

function changeItem(element: ChangeElement, model: LayersModel, document: vscode.Uri): vscode.TreeItem {
  const { node } = element;
  const folder = isFolder(node);
  const collapsible = node.children.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None;
  // A long name is cut in the middle, keeping its end, so that the size stays in sight. The kind
  // after it may go past the edge, because the icon shows it too.
  const label = node.change ? cutInMiddle(node.label, labelLength(node.label, changeSize(node.change) ?? '', changeDepth(node))) : node.label;
  const item = new vscode.TreeItem(label, collapsible);
  item.id = changeRowId(document.toString(), model.analysis.steps, element.owner.step, node.path);
  item.tooltip = node.path;
  const lineOfLayer = (layer: number) => model.analysis.steps[layer]?.line;
  // Without it, VS Code reads the tooltip: a bare path, or lines that run into one another.
  item.accessibilityInformation = { label: changeAccessibilityLabel(node, lineOfLayer, model.analysis.stack) };
  if (!node.change) {
    item.iconPath = folderIcon;
    return item;
  }
  const { entry } = node.change;
  item.description = describeChange(node.change, lineOfLayer, shadowedEntry(model.analysis.stack, node.change));
  // The description names a mode or owner only when it changed, so the tooltip gives both.
  const attributes = entry.op === 'write' ? `\nmode ${formatMode(entry.mode)} · owner ${formatOwner(entry.uid, entry.gid)}` : '';
  item.tooltip = `${node.path}\n${item.description}${attributes}`;
  // A deletion records no type, but one that hides more than itself deleted a directory.
  const folderLike = folder || (node.change.hiddenCount ?? 0) > 1;
  item.iconPath = folderLike ? folderIcons[node.change.change] : changeIcons[node.change.change];
  const source = folder ? undefined : changeSource(element, model.analysis.contextPath);
  item.contextValue = `layerLens.change.${node.change.change}${source ? fileRowKind(linkedImageOf(model.analysis), element.owner.step.index, source) : ''}`;
  // A click opens a copied context file, also one of a named build context, through the command so
  // that a file deleted since the analysis gets a message.
  if (source?.kind === 'file' || source?.kind === 'named-context') {
    item.command = { title: 'Open Source File', command: OPEN_SOURCE_FILE_COMMAND, arguments: [element] };
  }
  return item;
}
