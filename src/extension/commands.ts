/** The Layer Lens commands other than the merged filesystem panel's. */
import * as vscode from 'vscode';
import type { AnalysisService } from './analysisService';
import type { LayersTree } from './tree/layersTree';

export function registerCommands(service: AnalysisService, tree: LayersTree, log: vscode.LogOutputChannel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('layerLens.refresh', () => refresh(service, tree)),
    vscode.commands.registerCommand('layerLens.revealLayer', (stepIndex: unknown, uri: unknown) => revealLayer(tree, log, stepIndex, uri)),
    vscode.commands.registerCommand('layerLens.showOutput', () => log.show()),
  ];
}

/** Walks the build context again and re-analyses the Dockerfile in view (or the active one). */
async function refresh(service: AnalysisService, tree: LayersTree): Promise<void> {
  const active = vscode.window.activeTextEditor?.document;
  const uri = tree.documentUri ?? (active && service.accepts(active) ? active.uri : undefined);
  if (!uri) {
    void vscode.window.showInformationMessage('Layer Lens: open a Dockerfile to analyse it.');
    return;
  }
  await service.refresh(uri);
}

/**
 * Reveals a step's layer in the Image Layers view. Arguments: the step index, and optionally the
 * Dockerfile URI as a string or `Uri` (hover links pass a string, because they carry JSON).
 */
async function revealLayer(tree: LayersTree, log: vscode.LogOutputChannel, stepIndex: unknown, uri: unknown): Promise<void> {
  if (typeof stepIndex !== 'number' || !Number.isInteger(stepIndex) || stepIndex < 0) {
    log.warn(`layerLens.revealLayer expects a step index (a whole number from 0), not ${JSON.stringify(stepIndex)}.`);
    return;
  }
  let document: vscode.Uri | undefined;
  if (uri instanceof vscode.Uri) document = uri;
  else if (typeof uri === 'string') document = vscode.Uri.parse(uri, true);
  const revealed = await tree.revealStep(stepIndex, document);
  if (!revealed) log.warn(`layerLens.revealLayer: no step ${stepIndex} in ${(document ?? tree.documentUri)?.fsPath ?? 'the Image Layers view'}.`);
}
