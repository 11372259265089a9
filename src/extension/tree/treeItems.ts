/** Turns Image Layers elements into tree items: labels, descriptions, icons and click actions. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { linkedImageOf } from '../../core/image/linkedAnalysis';
import type { ChangeKind } from '../../core/model/layer';
import { certaintyExplanations, capitalize, formatLines, oneLineInstruction, stageLabel } from '../format';
import { describeChange, isFolder } from './changeTree';
import type { ChangeElement, LayersElement, LayersModel, StageElement, StepElement } from './elements';
import { describeStepOf } from './stepDescription';

/** Icons per change, coloured like source control decorations; the description also names the change. */
const changeIcons: Record<ChangeKind, vscode.ThemeIcon> = {
  added: new vscode.ThemeIcon('diff-added', new vscode.ThemeColor('gitDecoration.addedResourceForeground')),
  modified: new vscode.ThemeIcon('diff-modified', new vscode.ThemeColor('gitDecoration.modifiedResourceForeground')),
  deleted: new vscode.ThemeIcon('diff-removed', new vscode.ThemeColor('gitDecoration.deletedResourceForeground')),
};

/** Builds the tree item of an element; `document` is the analysed Dockerfile. */
export function toTreeItem(element: LayersElement, model: LayersModel, document: vscode.Uri): vscode.TreeItem {
  if (element.kind === 'stage') return stageItem(element, document);
  if (element.kind === 'step') return stepItem(element, model, document);
  return changeItem(element, model, document);
}

function stageItem(element: StageElement, document: vscode.Uri): vscode.TreeItem {
  const { stage } = element;
  const item = new vscode.TreeItem(`stage ${stageLabel(stage)}`, vscode.TreeItemCollapsibleState.Expanded);
  item.id = `${document.toString()}#stage-${stage.index}`;
  item.description = stage.baseResolved || stage.base;
  item.tooltip = `FROM ${stage.base}${stage.baseResolved !== stage.base ? ` (expands to ${stage.baseResolved})` : ''}, line ${stage.line}`;
  item.iconPath = new vscode.ThemeIcon('layers');
  item.contextValue = 'layerLens.stage';
  return item;
}

function stepItem(element: StepElement, model: LayersModel, document: vscode.Uri): vscode.TreeItem {
  const { step } = element;
  const collapsible = model.hasChanges(step) ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None;
  const item = new vscode.TreeItem(oneLineInstruction(step.text), collapsible);
  item.id = `${document.toString()}#step-${step.index}`;
  item.description = describeStepOf(model.analysis, step);
  const tooltip = new vscode.MarkdownString(`Step ${step.index + 1} of ${model.analysis.steps.length}, ${formatLines(step.line, step.endLine)}\n\n`);
  tooltip.appendCodeblock(step.text, 'dockerfile');
  if (!step.emptyLayer) tooltip.appendMarkdown(`\n\n**${capitalize(step.certainty)}:** ${certaintyExplanations[step.certainty]}`);
  item.tooltip = tooltip;
  item.iconPath = new vscode.ThemeIcon(step.emptyLayer ? 'symbol-property' : 'layers');
  item.contextValue = step.emptyLayer ? 'layerLens.metadataStep' : 'layerLens.layerStep';
  const line = new vscode.Range(step.line - 1, 0, step.line - 1, 0);
  item.command = { title: 'Go to Instruction', command: 'vscode.open', arguments: [document, { selection: line, preserveFocus: true }] };
  return item;
}

function changeItem(element: ChangeElement, model: LayersModel, document: vscode.Uri): vscode.TreeItem {
  const { node } = element;
  const folder = isFolder(node);
  const collapsible = node.children.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None;
  const item = new vscode.TreeItem(node.label, collapsible);
  item.id = `${document.toString()}#step-${element.owner.step.index}:${node.path}`;
  item.tooltip = node.path;
  if (!node.change) {
    item.iconPath = vscode.ThemeIcon.Folder;
    return item;
  }
  const lineOfLayer = (layer: number) => model.analysis.steps[layer]?.line;
  item.description = describeChange(node.change, lineOfLayer);
  item.tooltip = `${node.path}\n${item.description}`;
  item.iconPath = changeIcons[node.change.change];
  // File rows of an image layer get `.file.image`, which offers "Open File from Layer" in their menu.
  const fromImage = linkedImageOf(model.analysis)?.sources[element.owner.step.index]?.kind;
  const fileKind = fromImage && fromImage !== 'predicted' ? '.file.image' : '.file';
  item.contextValue = `layerLens.change.${node.change.change}${folder ? '' : fileKind}`;
  const source = folder ? undefined : contextSource(node.change.entry.origin, model.analysis.contextPath);
  if (source) item.command = { title: 'Open Source', command: 'vscode.open', arguments: [source, { preview: true }] };
  return item;
}

/** Returns the host file an entry was copied from, when it came from the build context. */
export function contextSource(origin: { kind: string; path?: string } | undefined, contextPath: string): vscode.Uri | undefined {
  if (origin?.kind !== 'context' || origin.path === undefined) return undefined;
  // Context origins are relative to the context root and `/`-separated; a leading `/` is tolerated.
  const relative = origin.path.replace(/^\/+/, '');
  return vscode.Uri.file(path.join(contextPath, ...relative.split('/')));
}
