/**
 * The Image Layers view. It shows the analysis of the active Dockerfile editor, keeps showing
 * the last Dockerfile while another kind of editor is active, and redraws on every new analysis.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Analysis } from '../../core/analysis/types';
import { linkedImageOf } from '../../core/image/linkedAnalysis';
import type { AnalysisChange, AnalysisService } from '../analysisService';
import { shortImageName } from '../format';
import { LayersModel, stageOf, type LayersElement, type StepElement } from './elements';
import { toTreeItem } from './treeItems';
import { layersViewMessage } from './viewMessage';
import { defaultViewTitle, dockerfileViewTitle } from './viewTitle';

export const layersViewId = 'layerLens.layers';

/**
 * The context key that is true while the view shows a Dockerfile. The `when` clauses of the
 * view's title buttons test it, so that an empty view offers no button that would only fail.
 */
export const SHOWS_DOCKERFILE_KEY = 'layerLens.showsDockerfile';

export class LayersTree implements vscode.TreeDataProvider<LayersElement>, vscode.Disposable {
  readonly view: vscode.TreeView<LayersElement>;
  private readonly changed = new vscode.EventEmitter<LayersElement | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private document: vscode.Uri | undefined;
  private model: LayersModel | undefined;
  /** The value last given to `SHOWS_DOCKERFILE_KEY`, so that it is set only when it changes. */
  private showsDockerfileKey: boolean | undefined;

  constructor(private readonly service: AnalysisService) {
    this.view = vscode.window.createTreeView(layersViewId, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.view,
      this.changed,
      vscode.window.onDidChangeActiveTextEditor((editor) => this.follow(editor)),
      vscode.window.onDidChangeVisibleTextEditors(() => this.followVisible()),
      service.onDidChangeAnalysis((change) => this.onAnalysis(change)),
      // Another Dockerfile of the same name makes the title add the folder.
      vscode.workspace.onDidOpenTextDocument(() => this.updateHeading()),
      vscode.workspace.onDidCloseTextDocument(() => this.updateHeading()),
    );
    this.follow(vscode.window.activeTextEditor);
    this.followVisible();
  }

  /** The Dockerfile the view shows, if any. */
  get documentUri(): vscode.Uri | undefined {
    return this.document;
  }

  /** The value last given to the context key `SHOWS_DOCKERFILE_KEY`, `undefined` before the first. */
  get showsDockerfile(): boolean | undefined {
    return this.showsDockerfileKey;
  }

  /** The analysis the view shows, if any. */
  get analysis(): Analysis | undefined {
    return this.model?.analysis;
  }

  /** Returns the analysis whose layers an element belongs to: the target's, or its stage's own chain's. */
  analysisOf(element: LayersElement): Analysis | undefined {
    return this.model?.modelOf(element).analysis;
  }

  getTreeItem(element: LayersElement): vscode.TreeItem {
    // A redraw may still ask for an element of the analysis it is replacing.
    if (!this.model || !this.document) return new vscode.TreeItem('');
    const item = toTreeItem(element, this.model.modelOf(element), this.document);
    return scopeToStage(item, element);
  }

  getChildren(element?: LayersElement): LayersElement[] {
    return this.model?.children(element) ?? [];
  }

  getParent(element: LayersElement): LayersElement | undefined {
    return this.model?.parent(element);
  }

  /** Shows a Dockerfile in the view and waits for its analysis. */
  async show(uri: vscode.Uri): Promise<void> {
    if (this.document?.toString() !== uri.toString()) {
      this.document = uri;
      this.model = undefined;
      this.updateHeading();
      this.view.message = undefined;
      this.changed.fire(undefined);
    }
    const analysis = await this.service.settledAnalysisFor(uri);
    if (this.document?.toString() === uri.toString() && analysis && analysis !== this.model?.analysis) this.setAnalysis(analysis);
  }

  /**
   * Selects the step with index `stepIndex` and expands its changes; with a `uri`, first shows
   * that Dockerfile. A `stage` outside the target's chain looks the index up in that stage's own
   * chain. Returns the revealed element, or `undefined` when there is no such step.
   */
  async revealStep(stepIndex: number, uri?: vscode.Uri, stage?: number): Promise<StepElement | undefined> {
    const target = uri ?? this.document;
    if (!target) return undefined;
    await this.show(target);
    const element = this.model?.stepElement(stepIndex, stage);
    if (element) await this.view.reveal(element, { select: true, focus: true, expand: true });
    return element;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  private follow(editor: vscode.TextEditor | undefined): void {
    if (editor && this.service.accepts(editor.document)) void this.show(editor.document.uri);
  }

  /**
   * Shows a visible Dockerfile while the view shows none. After a window reload with a webview
   * as the active tab there is no active text editor, but a Dockerfile may be open beside it.
   */
  private followVisible(closed?: vscode.Uri): void {
    if (this.document) return;
    // VS Code may still list a Dockerfile whose last tab just closed as visible, so `closed` is skipped.
    const visible = vscode.window.visibleTextEditors.find((editor) => this.service.accepts(editor.document) && editor.document.uri.toString() !== closed?.toString());
    if (visible) void this.show(visible.document.uri);
  }

  private onAnalysis({ uri, analysis, closed }: AnalysisChange): void {
    if (uri.toString() !== this.document?.toString()) return;
    if (analysis) {
      this.setAnalysis(analysis);
      return;
    }
    if (closed) {
      this.close(uri);
      return;
    }
    this.model = undefined;
    this.updateHeading();
    this.view.message = `${path.basename(uri.fsPath)} could not be analysed. Run "Layer Lens: Show Output" for the reason.`;
    this.changed.fire(undefined);
  }

  /**
   * Empties the view when the service stops analysing its Dockerfile, which happens when no tab
   * shows it any more. VS Code can keep the closed document in `workspace.textDocuments` for
   * minutes, so only the service's `closed` flag distinguishes a close from a failed analysis.
   * The view then shows another visible Dockerfile, or its welcome text.
   */
  private close(uri: vscode.Uri): void {
    this.document = undefined;
    this.model = undefined;
    void vscode.commands.executeCommand('setContext', 'layerLens.imageLinked', false);
    this.updateHeading();
    this.view.message = undefined;
    this.changed.fire(undefined);
    this.followVisible(uri);
  }

  /**
   * Names the Dockerfile in the view's title, and its linked image in the description. VS Code
   * shows a view alone in its container as "Layer Lens: TITLE" and leaves its description out.
   * With an analysis, it also sets the message, which names the Dockerfile as the title does.
   */
  private updateHeading(): void {
    this.updateShowsDockerfileKey();
    if (!this.document) {
      this.view.title = defaultViewTitle;
      this.view.description = undefined;
      return;
    }
    const openDockerfiles = vscode.workspace.textDocuments.filter((document) => this.service.accepts(document)).map((document) => document.uri.fsPath);
    const title = dockerfileViewTitle(this.document.fsPath, openDockerfiles, vscode.workspace.asRelativePath(this.document, false));
    this.view.title = title;
    const linked = this.model ? linkedImageOf(this.model.analysis) : undefined;
    this.view.description = linked ? shortImageName(linked) : undefined;
    if (this.model) this.view.message = layersViewMessage(this.model.analysis, title);
  }

  private updateShowsDockerfileKey(): void {
    const shows = this.document !== undefined;
    if (shows === this.showsDockerfileKey) return;
    this.showsDockerfileKey = shows;
    void vscode.commands.executeCommand('setContext', SHOWS_DOCKERFILE_KEY, shows);
  }

  private setAnalysis(analysis: Analysis): void {
    this.model = new LayersModel(analysis);
    const linked = linkedImageOf(analysis);
    // The context key shows "Unlink Image" in the view's title bar only when there is a link.
    void vscode.commands.executeCommand('setContext', 'layerLens.imageLinked', linked !== undefined);
    this.updateHeading();
    this.changed.fire(undefined);
  }
}

/**
 * Adds the stage to the id of a row outside the target's chain, because its steps are numbered
 * within their own stage's chain and share indices with the target's steps.
 */
function scopeToStage(item: vscode.TreeItem, element: LayersElement): vscode.TreeItem {
  const stage = stageOf(element);
  if (!stage.inTarget && item.id !== undefined) item.id = `${item.id}@stage-${stage.stage.index}`;
  return item;
}
