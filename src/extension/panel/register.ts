/**
 * The command `layerLens.showMergedFilesystem` and the serializer that brings its panels back
 * after a reload. Keeps one panel per Dockerfile and reveals it when it is already open.
 */
import * as vscode from 'vscode';
import { MERGED_FILESYSTEM_VIEW_TYPE, validatePanelState, type PanelData } from '../../protocol/webview';
import { isDockerfile } from '../dockerfiles';
import { noDockerfileMessage } from '../noDockerfileMessage';
import { MergedFilesystemPanel, webviewOptions, type AnalysisSource, type PanelContext, type PanelRequest } from './mergedFilesystemPanel';
import { validateShowArguments } from './panelData';
import { panelTitle } from './title';
import { ViewOptionsStore } from './viewOptionsStore';

export const SHOW_MERGED_FILESYSTEM_COMMAND = 'layerLens.showMergedFilesystem';

/**
 * The command's result, so that the integration tests can check the data a panel sends. It
 * has only functions, because VS Code serializes the result of a command that a hover link runs,
 * and the panel object itself has circular references.
 */
export interface ShownPanel {
  /** Resolves with the next data that the webview receives. */
  nextData(): Promise<PanelData>;
  /** Runs the open action of a row, as the webview's `openPath` message does (see `MergedFilesystemPanel.openPath`). */
  openPath(imagePath: string, layer: number): Promise<string | undefined>;
  /** Handles `message` as if the webview had posted it, and resolves once it is handled. */
  receive(message: unknown): Promise<void>;
}

function shownPanel(panel: MergedFilesystemPanel): ShownPanel {
  return {
    nextData: () =>
      new Promise((resolve) => {
        const listener = panel.onDidSendData((data) => {
          listener.dispose();
          resolve(data);
        });
      }),
    openPath: (imagePath, layer) => panel.openPath(imagePath, layer),
    receive: (message) => panel.receive(message),
  };
}

/**
 * Registers the command and the serializer. The command takes no argument (the active
 * Dockerfile), a `vscode.Uri` (from a menu), or `{ uri: string, layer?: number, stage?: number }`
 * (from a hover), and returns a `ShownPanel`, or `undefined` for an invalid argument.
 * `service` is the extension's `AnalysisService`; only the two members `AnalysisSource` names are used.
 * `shownDockerfile` returns the Dockerfile the Image Layers view shows, taken when no argument is
 * given and the active editor is not a Dockerfile, because the view's title button runs it so.
 */
export function registerMergedFilesystemPanel(
  context: vscode.ExtensionContext,
  service: AnalysisSource,
  log: vscode.LogOutputChannel,
  shownDockerfile: () => vscode.Uri | undefined,
): vscode.Disposable {
  const panelContext: PanelContext = { extensionUri: context.extensionUri, service, log, viewOptions: new ViewOptionsStore(context.workspaceState) };
  const panels = new Map<string, MergedFilesystemPanel>();

  const track = (panel: MergedFilesystemPanel) => {
    const key = panel.documentUri.toString();
    panels.set(key, panel);
    panel.onDidDispose(() => {
      if (panels.get(key) === panel) panels.delete(key);
    });
  };

  const show = (documentUri: vscode.Uri, request: PanelRequest): MergedFilesystemPanel => {
    const open = panels.get(documentUri.toString());
    if (open) {
      open.reveal(request);
      return open;
    }
    const column = openPanelColumn(panels.values());
    const webviewPanel = vscode.window.createWebviewPanel(MERGED_FILESYSTEM_VIEW_TYPE, panelTitle(documentUri.fsPath), column, webviewOptions(context.extensionUri));
    const panel = new MergedFilesystemPanel(webviewPanel, documentUri, panelContext, request);
    track(panel);
    return panel;
  };

  const command = vscode.commands.registerCommand(SHOW_MERGED_FILESYSTEM_COMMAND, (argument?: unknown): ShownPanel | undefined => {
    const target = commandTarget(argument, shownDockerfile);
    if ('error' in target) {
      log.warn(`${SHOW_MERGED_FILESYSTEM_COMMAND}: ${target.error}`);
      void vscode.window.showWarningMessage(`Layer Lens: ${target.error}`);
      return undefined;
    }
    return shownPanel(show(target.uri, target.request));
  });

  const serializer = vscode.window.registerWebviewPanelSerializer(MERGED_FILESYSTEM_VIEW_TYPE, {
    deserializeWebviewPanel: async (webviewPanel: vscode.WebviewPanel, state: unknown) => {
      const restored = validatePanelState(state);
      if (!restored.ok) {
        // A panel closed before it got data has no state; there is nothing to restore it to.
        log.info(`Closed a restored Merged Filesystem panel: ${restored.error}`);
        webviewPanel.dispose();
        return;
      }
      const documentUri = vscode.Uri.parse(restored.value.uri, true);
      if (panels.has(documentUri.toString())) {
        webviewPanel.dispose();
        return;
      }
      const { layer, stage } = restored.value;
      track(new MergedFilesystemPanel(webviewPanel, documentUri, panelContext, { layer: layer >= 0 ? layer : undefined, stage }));
    },
  });

  return vscode.Disposable.from(command, serializer, {
    dispose: () => {
      for (const panel of [...panels.values()]) panel.dispose();
    },
  });
}

/**
 * Returns the column for a new panel: that of an open panel, a visible one first, else beside the
 * active editor. A panel opened beside each time would add an editor group per Dockerfile shown.
 */
function openPanelColumn(open: Iterable<MergedFilesystemPanel>): vscode.ViewColumn {
  const webviews = [...open].map((panel) => panel.panel);
  const existing = webviews.find((webview) => webview.visible && webview.viewColumn !== undefined) ?? webviews.find((webview) => webview.viewColumn !== undefined);
  return existing?.viewColumn ?? vscode.ViewColumn.Beside;
}

type CommandTarget = { uri: vscode.Uri; request: PanelRequest } | { error: string };

/** Resolves the command's argument to a Dockerfile, a stage and a layer. */
function commandTarget(argument: unknown, shownDockerfile: () => vscode.Uri | undefined): CommandTarget {
  if (argument instanceof vscode.Uri) return { uri: argument, request: {} };
  if (argument !== undefined) {
    const parsed = validateShowArguments(argument);
    if (!parsed.ok) return { error: `Show Merged Filesystem received an invalid argument. ${parsed.error}` };
    try {
      return { uri: vscode.Uri.parse(parsed.value.uri, true), request: { layer: parsed.value.layer, stage: parsed.value.stage } };
    } catch (error) {
      return { error: `Show Merged Filesystem received an invalid URI ${JSON.stringify(parsed.value.uri)}: ${String(error)}` };
    }
  }
  const document = vscode.window.activeTextEditor?.document;
  if (document && isDockerfile(document)) return { uri: document.uri, request: {} };
  const viewDockerfile = shownDockerfile();
  if (viewDockerfile) return { uri: viewDockerfile, request: {} };
  return { error: noDockerfileMessage('Show Merged Filesystem') };
}
