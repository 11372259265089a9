/** The Layer Lens commands other than the merged filesystem panel's. */
import * as vscode from 'vscode';
import type { AnalysisService } from './analysisService';
import { noDockerfileMessage } from './noDockerfileMessage';
import { OPEN_SOURCE_FILE_COMMAND, openSourceFile } from './openSourceFile';
import type { LayersTree } from './tree/layersTree';

export function registerCommands(service: AnalysisService, tree: LayersTree, log: vscode.LogOutputChannel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('layerLens.refresh', () => refresh(service, tree)),
    vscode.commands.registerCommand('layerLens.revealLayer', (stepIndex: unknown, uri: unknown, stage: unknown) => revealLayer(tree, log, stepIndex, uri, stage)),
    vscode.commands.registerCommand('layerLens.showOutput', () => log.show()),
    vscode.commands.registerCommand(OPEN_SOURCE_FILE_COMMAND, (element: unknown) => openSourceFile(tree, log, element)),
  ];
}

/** Walks the build context again and re-analyses the Dockerfile in view (or the active one). */
async function refresh(service: AnalysisService, tree: LayersTree): Promise<void> {
  const active = vscode.window.activeTextEditor?.document;
  const uri = tree.documentUri ?? (active && service.accepts(active) ? active.uri : undefined);
  if (!uri) {
    void vscode.window.showWarningMessage(`Layer Lens: ${noDockerfileMessage('Refresh')}`);
    return;
  }
  await service.refresh(uri);
}

/**
 * Reveals a step's layer in the Image Layers view. Arguments: the step index, and optionally the
 * Dockerfile URI as a string or `Uri` (hover links pass a string, because they carry JSON) and
 * the stage index of a step outside the target's chain, whose index counts in that stage's chain.
 */
async function revealLayer(tree: LayersTree, log: vscode.LogOutputChannel, stepIndex: unknown, uri: unknown, stage: unknown): Promise<void> {
  if (!isIndex(stepIndex)) {
    log.warn(`layerLens.revealLayer expects a step index (a whole number from 0), not ${JSON.stringify(stepIndex)}.`);
    return;
  }
  if (stage !== undefined && !isIndex(stage)) {
    log.warn(`layerLens.revealLayer expects a stage index (a whole number from 0) or none, not ${JSON.stringify(stage)}.`);
    return;
  }
  let document: vscode.Uri | undefined;
  if (uri instanceof vscode.Uri) document = uri;
  else if (typeof uri === 'string') document = vscode.Uri.parse(uri, true);
  const revealed = await tree.revealStep(stepIndex, document, stage);
  if (!revealed) {
    const where = (document ?? tree.documentUri)?.fsPath ?? 'the Image Layers view';
    log.warn(`layerLens.revealLayer: no step ${stepIndex}${stage === undefined ? '' : ` of stage ${stage}`} in ${where}.`);
  }
}

function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
