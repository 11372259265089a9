/**
 * Activation: registers the hover, the Image Layers view, the Merged Filesystem panel,
 * diagnostics, quick fixes and commands. Nothing is analysed here; the first analysis starts when a
 * Dockerfile is shown.
 */
import * as vscode from 'vscode';
import type { Analysis } from '../core/analysis/types';
import { AnalysisService } from './analysisService';
import { registerCommands } from './commands';
import { coreEngine } from './coreEngine';
import { ProblemDiagnostics } from './diagnostics';
import { dockerfileSelector } from './dockerfiles';
import { registerImageCommands } from './image/imageCommands';
import { ImageLibrary } from './image/imageLibrary';
import { ImageLinks } from './image/imageLinks';
import { ImageSupport } from './image/imageSupport';
import { LayerFileProvider, layerFileScheme } from './image/layerFileProvider';
import { OPEN_FILE_FROM_LAYER_COMMAND, openFileFromLayer } from './image/openFileFromLayer';
import { LayerHoverProvider } from './hover/hoverProvider';
import { createLog, Notifier } from './log';
import { registerMergedFilesystemPanel } from './panel/register';
import { WasteFixProvider } from './quickFixes/wasteFixProvider';
import { LayersTree } from './tree/layersTree';

/** The API that `activate` returns, for the integration tests. */
export interface LayerLensApi {
  layersTree: LayersTree;
  analysisFor(uri: vscode.Uri): Promise<Analysis | undefined>;
}

export function activate(context: vscode.ExtensionContext): LayerLensApi {
  const log = createLog();
  const notifier = new Notifier(log);
  const links = new ImageLinks(context.workspaceState);
  const library = new ImageLibrary(log);
  const service = new AnalysisService(coreEngine(), log, notifier, new ImageSupport(links, library, notifier, log));
  const layersTree = new LayersTree(service);
  context.subscriptions.push(
    log,
    links,
    service,
    layersTree,
    new ProblemDiagnostics(service, log),
    vscode.languages.registerHoverProvider(dockerfileSelector, new LayerHoverProvider(service)),
    vscode.languages.registerCodeActionsProvider(dockerfileSelector, new WasteFixProvider(service, log), WasteFixProvider.metadata),
    ...registerCommands(service, layersTree, log),
    registerMergedFilesystemPanel(context, service, log, () => layersTree.documentUri),
    ...registerImageCommands({ service, tree: layersTree, links, library, notifier, log }),
    vscode.workspace.registerTextDocumentContentProvider(layerFileScheme, new LayerFileProvider()),
    vscode.commands.registerCommand(OPEN_FILE_FROM_LAYER_COMMAND, (argument?: unknown) =>
      openFileFromLayer({ service, tree: layersTree, links, library, notifier, log }, argument),
    ),
    // Trust lets Layer Lens read the engine's base images, so every Dockerfile is analysed again.
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      library.forgetListing();
      void service.refresh();
    }),
  );
  service.start();
  log.info(`Layer Lens ${String(context.extension.packageJSON.version)} activated`);
  return { layersTree, analysisFor: (uri) => service.analysisFor(uri) };
}

export function deactivate(): void {}
