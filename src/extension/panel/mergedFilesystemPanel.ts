/**
 * One Merged Filesystem panel, for one Dockerfile: it loads the webview, handles its messages
 * and sends it new data when the analysis changes. Messages from the webview are validated
 * first, because a webview is untrusted.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Analysis } from '../../core/analysis/types';
import { validateWebviewMessage, type ExtensionMessage, type PanelData, type PickNotice, type ViewOptions, type WebviewMessage } from '../../protocol/webview';
import type { AnalysisService } from '../analysisService';
import { openContextFile, openNamedContextFile } from '../openContextFile';
import { PANEL_ICONS, PANEL_SCRIPTS, PANEL_STYLES, createNonce, renderPanelHtml } from './html';
import { buildPanelData, chooseLayer, chooseStage, type ShownStage } from './panelData';
import { describeLostPick, followPickedStep, pickStep, type PickedStep } from './pickedStep';
import { closedNoticeMessage } from './closedNotice';
import { sourceOf } from './sourceOf';
import { missingAnalysisMessage } from './missingAnalysis';
import { panelTitle } from './title';
import { shownProblemFilter } from '../settings';
import type { ViewOptionsStore } from './viewOptionsStore';

/** The service calls a panel makes. */
export type AnalysisSource = Pick<AnalysisService, 'analysisFor' | 'onDidChangeAnalysis'>;

export interface PanelContext {
  extensionUri: vscode.Uri;
  service: AnalysisSource;
  log: vscode.LogOutputChannel;
  viewOptions: ViewOptionsStore;
}

/** Returns the webview options: scripts on, and only `media/` readable. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')] };
}

/** The stage and layer requested of a panel. A layer counts in the chain of its stage, so the two go together. */
export interface PanelRequest {
  /** The layer, or `undefined` to follow the layer a panel opens at (see `chooseLayer`). */
  layer?: number;
  /** The stage index, or `undefined` for the target. */
  stage?: number;
  /**
   * The step of `layer`, so that the pick follows its step when an edit renumbers the layers.
   * Set when `layer` is first resolved against an analysis.
   */
  step?: PickedStep;
}

/** The data of one send, and what it was made from. */
interface BuiltData {
  analysis: Analysis;
  data: PanelData;
  /** The analysis of the stage's chain, whose layers the data counts. */
  view: Analysis;
  stage: number;
  layer: number;
}

export class MergedFilesystemPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private analysis: Analysis | undefined;
  /** The analysis whose chain the last data showed, for opening its paths. */
  private shownView: Analysis | undefined;
  private request: PanelRequest;
  private ready = false;
  /** The first data, made while the webview loads (see `prepare`), with the request it was made for. */
  private prepared: { request: PanelRequest; built: BuiltData } | undefined;
  /** Counts sends, so an analysis that arrives after a newer request is not sent over it. */
  private generation = 0;
  /** Set from the close of the Dockerfile until its next analysis, which the service runs once it is opened again. */
  private closed = false;
  private readonly disposed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;
  private readonly dataSent = new vscode.EventEmitter<PanelData>();
  /** Fires after the webview received new data, for tests that check what the panel shows. */
  readonly onDidSendData = this.dataSent.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly documentUri: vscode.Uri,
    private readonly context: PanelContext,
    request: PanelRequest,
  ) {
    this.request = request;
    panel.title = panelTitle(documentUri.fsPath);
    const media = vscode.Uri.joinPath(context.extensionUri, 'media');
    panel.iconPath = { light: vscode.Uri.joinPath(media, PANEL_ICONS.light), dark: vscode.Uri.joinPath(media, PANEL_ICONS.dark) };
    panel.webview.options = webviewOptions(context.extensionUri);
    panel.webview.html = this.html();
    void this.prepare().catch((error: unknown) => this.context.log.error(`Could not prepare the Merged Filesystem panel of ${documentUri.fsPath}`, error));
    this.disposables.push(
      this.disposed,
      this.dataSent,
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message)),
      context.service.onDidChangeAnalysis((change) => {
        if (change.uri.toString() === documentUri.toString()) void this.analysisChanged(change.analysis, change.closed === true);
      }),
    );
  }

  /**
   * Brings the panel to the front. A request with a layer or a stage replaces the one shown,
   * and a stage left out then means the target, because the layer counts in the target's chain.
   */
  reveal(request: PanelRequest): void {
    this.panel.reveal(undefined, false);
    if (request.layer === undefined && request.stage === undefined) return;
    this.request = request;
    if (this.ready) void this.send('update');
  }

  dispose(): void {
    this.ready = false;
    this.disposed.fire();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.panel.dispose();
  }

  private html(): string {
    const webview = this.panel.webview;
    const mediaUri = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'media', ...file.split('/'))).toString();
    return renderPanelHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUris: PANEL_SCRIPTS.map(mediaUri),
      styleUris: PANEL_STYLES.map(mediaUri),
      title: this.panel.title,
    });
  }

  /** Handles a message from the webview, and resolves once it is handled; errors go to the log. */
  receive(raw: unknown): Promise<void> {
    const result = validateWebviewMessage(raw);
    if (!result.ok) {
      this.context.log.warn(`Ignored a message from the Merged Filesystem panel of ${this.documentUri.fsPath}: ${result.error}`);
      return Promise.resolve();
    }
    return this.handle(result.value).catch((error: unknown) => {
      this.context.log.error(`The Merged Filesystem panel failed to handle "${result.value.type}" for ${this.documentUri.fsPath}`, error);
    });
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        // A webview sends `ready` again whenever it reloads (after being hidden), so each one gets a full `init`.
        this.ready = true;
        await this.send('init');
        return;
      case 'selectLayer':
        // The layer counts in the data the webview shows, which a newer analysis may have renumbered since.
        this.request = { ...this.request, layer: message.layer, step: this.shownView && pickStep(this.shownView.steps, message.layer) };
        await this.send('update');
        return;
      case 'selectStage':
        // The old layer counts in the old stage's chain, so the new stage starts at its top.
        this.request = { stage: message.stage };
        await this.send('update');
        return;
      case 'revealLine':
        await revealLine(this.documentUri, message.line, this.panel.viewColumn);
        return;
      case 'openPath':
        await this.openPath(message.path, message.layer);
        return;
      case 'setView':
        await this.context.viewOptions.set(this.documentUri, { filter: message.filter, sort: message.sort, showDeleted: message.showDeleted });
        return;
    }
  }

  /**
   * Shows a new analysis, or why there is none; `closed` is set when the Dockerfile was closed.
   * The last data stays on screen while the analysis is missing, because it is still the latest
   * result. After a close it gets a notice, which data sent after the next analysis drops.
   */
  private async analysisChanged(analysis: Analysis | undefined, closed: boolean): Promise<void> {
    // Kept before the `ready` check, so that a webview that loads later gets the notice with its `init`.
    const wasClosed = this.closed;
    this.closed = closed;
    if (!this.ready) return;
    if (analysis) {
      this.analysis = analysis;
      await this.send('update');
      return;
    }
    // Data on screen is sent again to add or drop the notice. Without data, a message explains.
    if (this.analysis && (closed || wasClosed)) await this.send('update');
    if (!this.analysis || !closed) {
      await this.post({ type: 'error', message: missingAnalysisMessage(path.basename(this.documentUri.fsPath), closed ? 'closed' : 'failed') });
    }
  }

  /** Sends the merged filesystem as of the requested layer, analysing first when needed. */
  private async send(type: 'init' | 'update'): Promise<void> {
    const generation = ++this.generation;
    const analysis = this.analysis ?? (await this.context.service.analysisFor(this.documentUri));
    if (generation !== this.generation || !this.ready) return;
    if (!analysis) {
      await this.post({ type: 'error', message: `Layer Lens could not analyse ${this.documentUri.fsPath}. See the Layer Lens output for the reason.` });
      return;
    }
    this.analysis = analysis;
    const started = Date.now();
    const prepared = this.takePrepared(analysis);
    const built = prepared ?? this.build(analysis);
    const { view, stage, layer } = built;
    const data: PanelData = this.closed ? { ...built.data, closedNotice: closedNoticeMessage(built.data.fileName) } : built.data;
    const message: ExtensionMessage = type === 'init' ? { type, ...data, options: this.viewOptions() } : { type, ...data };
    this.shownView = view;
    if (await this.post(message)) this.dataSent.fire(data);
    const when = prepared ? ', made while the webview loaded' : '';
    this.context.log.debug(`Sent the merged filesystem of ${this.documentUri.fsPath}, stage ${stage}, as of layer ${layer}: ${data.view.rows.names.length} rows in ${Date.now() - started} ms${when}`);
  }

  /**
   * Builds the first data while the webview loads, so that its `ready` finds the data made: on a
   * build context of 100,000 files that takes about 300 ms, and the webview about a second.
   */
  private async prepare(): Promise<void> {
    // `analysis` is not kept as the panel's own, because a change before `ready` goes unseen.
    // `send` requests the analysis again and uses this data only if it is the same one.
    const analysis = await this.context.service.analysisFor(this.documentUri);
    if (!analysis || this.ready || this.prepared) return;
    this.prepared = { request: this.request, built: this.build(analysis) };
  }

  /** Returns the prepared data if it matches `analysis` and the current request, and clears it. */
  private takePrepared(analysis: Analysis): BuiltData | undefined {
    const prepared = this.prepared;
    this.prepared = undefined;
    if (!prepared || prepared.built.analysis !== analysis) return undefined;
    const request = this.request;
    return prepared.request.layer === request.layer && prepared.request.stage === request.stage ? prepared.built : undefined;
  }

  /** Builds the data of the stage and layer requested. */
  private build(analysis: Analysis): BuiltData {
    const shown = this.followShownStage(analysis);
    const { layer, notice } = this.followPickedLayer(shown.view);
    const document = { uri: this.documentUri.toString(), fileName: path.basename(this.documentUri.fsPath) };
    const data = buildPanelData(analysis, document, layer, shown.stage, shownProblemFilter(this.documentUri));
    if (notice) data.pickNotice = notice;
    return { analysis, data, view: shown.view, stage: shown.stage, layer };
  }

  /**
   * Returns the requested layer of `view`. A picked layer follows its step, as the Image Layers
   * view keeps a step expanded when its line moves. When an edit changed or removed that step,
   * the nearest step is shown with a notice and becomes the pick. A panel that was never given a
   * layer follows the default layer of `chooseLayer`.
   */
  private followPickedLayer(view: Analysis): { layer: number; notice?: PickNotice } {
    const { layer: requested, step: picked } = this.request;
    if (requested === undefined) return { layer: chooseLayer(view, undefined) };
    const followed = picked && followPickedStep(view.steps, picked);
    const layer = followed ? followed.layer : chooseLayer(view, requested);
    this.request = { ...this.request, layer, step: pickStep(view.steps, layer) };
    const shownStep = view.steps.find((step) => step.index === layer);
    if (!picked || !followed?.lost || !shownStep) return { layer };
    this.context.log.debug(`The Merged Filesystem panel of ${this.documentUri.fsPath} shows layer ${layer}, because an edit changed or removed the step picked on line ${picked.line}.`);
    return { layer, notice: describeLostPick(picked, shownStep) };
  }

  /**
   * Returns the stage to show. When the requested stage is gone (an edit removed it or joined it
   * to the target's chain), the panel quietly follows the target from then on, from its top
   * layer, because the requested layer counted in the old chain.
   */
  private followShownStage(analysis: Analysis): ShownStage {
    const shown = chooseStage(analysis, this.request.stage);
    if (this.request.stage !== undefined && shown.stage !== this.request.stage) {
      this.context.log.debug(`The Merged Filesystem panel of ${this.documentUri.fsPath} shows the target, because stage ${this.request.stage} has no chain of its own now.`);
      this.request = {};
    }
    return shown;
  }

  private viewOptions(): ViewOptions | undefined {
    return this.context.viewOptions.get(this.documentUri);
  }

  /** Posts a message to the webview, and returns whether it was delivered. */
  private async post(message: ExtensionMessage): Promise<boolean> {
    const delivered = await this.panel.webview.postMessage(message);
    if (!delivered) this.context.log.debug(`The Merged Filesystem panel of ${this.documentUri.fsPath} rejected a "${message.type}" message because it is hidden or closed.`);
    return delivered;
  }

  /**
   * Opens the source of a merged path as of `layer`, as the webview's `openPath` message requests.
   * Resolves to the reason no editor opened, which the user sees as a notification unless no data
   * was sent yet, or to `undefined` when one opened.
   */
  async openPath(imagePath: string, layer: number): Promise<string | undefined> {
    // The layer counts in the chain the panel shows, which is not the target's for another stage.
    const analysis = this.shownView;
    if (!analysis) return `The Merged Filesystem panel of ${this.documentUri.fsPath} shows no analysis yet.`;
    const source = sourceOf(analysis, imagePath, layer);
    if (source.kind === 'file') {
      const file = { hostPath: source.hostPath, contextPath: analysis.contextPath, imagePath };
      return openContextFile(file, this.context.log, { viewColumn: editorColumn(this.documentUri) });
    }
    if (source.kind === 'named-context') return openNamedContextFile(source, imagePath, this.documentUri, this.context.log, { viewColumn: editorColumn(this.documentUri) });
    if (source.kind === 'line') {
      await revealLine(this.documentUri, source.line, this.panel.viewColumn);
      return undefined;
    }
    void vscode.window.showInformationMessage(source.message);
    return source.message;
  }
}

/** Returns the column of an editor showing `uri`, or the first column. */
function editorColumn(uri: vscode.Uri): vscode.ViewColumn {
  const editor = vscode.window.visibleTextEditors.find((candidate) => candidate.document.uri.toString() === uri.toString());
  return editor?.viewColumn ?? vscode.ViewColumn.One;
}

/**
 * Returns the column to show the Dockerfile in: that of an editor or tab showing it, else a group
 * other than the panel's (the active one first), so that the Dockerfile does not cover the panel.
 * A click in a webview need not make its group active, so "beside the active group" could be the
 * panel's own group.
 */
function dockerfileColumn(uri: vscode.Uri, panelColumn: vscode.ViewColumn | undefined): vscode.ViewColumn {
  const editor = vscode.window.visibleTextEditors.find((candidate) => candidate.document.uri.toString() === uri.toString());
  if (editor?.viewColumn !== undefined) return editor.viewColumn;
  const groups = vscode.window.tabGroups;
  const showing = groups.all.find((candidate) =>
    candidate.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString()),
  );
  if (showing) return showing.viewColumn;
  const other = [groups.activeTabGroup, ...groups.all].find((group) => group.viewColumn !== panelColumn);
  return other?.viewColumn ?? vscode.ViewColumn.Beside;
}

/**
 * Shows the Dockerfile with the cursor on a 1-based line (the last line when it is past the end),
 * outside the group of the panel in `panelColumn`. The tab is no preview, because the next file opened from the Explorer would replace a preview
 * and so close the Dockerfile again.
 */
async function revealLine(uri: vscode.Uri, line: number, panelColumn: vscode.ViewColumn | undefined): Promise<void> {
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document, { viewColumn: dockerfileColumn(uri, panelColumn), preserveFocus: false, preview: false });
  const range = document.lineAt(Math.min(line, document.lineCount) - 1).range;
  editor.selection = new vscode.Selection(range.start, range.start);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
