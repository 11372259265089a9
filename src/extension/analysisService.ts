/**
 * Keeps one analysis per Dockerfile (keyed by document URI) up to date: re-analyses after edits
 * and build context changes, debounced, and notifies the views through `onDidChangeAnalysis`.
 * The analysis itself is the core's; this class only decides when to run it and with what.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { unreadableContextMessage, type OptionNames } from '../core/analysis/optionNames';
import type { Analysis, Problem } from '../core/analysis/types';
import type { WalkProgress } from '../core/context/types';
import type { BuildahFormat, BuilderKind } from '../core/dockerfile/builders';
import type { PlanOptions } from '../core/dockerfile/plan';
import type { ImageResolver, UnreadImageHint } from '../core/predict/baseImage';
import { unusedBuildArgWarnings } from './buildArgProblems';
import { ContextWatchers } from './contextWatchers';
import { KeyedDebouncer } from './debounce';
import { isDockerfile } from './dockerfiles';
import { plural } from './format';
import { errorMessage, type Notifier } from './log';
import { settingNotices, settingWarningProblems, withSettingWarnings } from './settingProblems';
import { buildSettingsFor, refreshDelayFor } from './settings';
import { ShownTabs } from './shownTabs';

/** The input of one analysis run, passed to the core. */
export interface AnalysisRequest {
  dockerfilePath: string;
  text: string;
  contextPath: string;
  target?: string;
  buildArgs: Record<string, string>;
  /** The walked build context, as `AnalysisEngine.readContext` returned it. */
  context: unknown;
  /** Base images read from a linked image or the engine, for the prediction to stack on. */
  images?: ImageResolver;
  /** The advice on having each unread image of the build read. Without it the core gives a neutral sentence. */
  unreadImageHint?: UnreadImageHint;
  /** The builder whose rules the prediction follows; BuildKit when absent. */
  builder?: BuilderKind;
  /** Under buildah: the image format it writes (`oci` when absent), which decides whether SHELL and ONBUILD are kept. */
  buildahFormat?: BuildahFormat;
  /** The platform to build for, as `os/arch[/variant]`; the host's when absent. */
  platform?: string;
  /** Named build contexts: absolute host folders by name, read by `COPY --from=NAME`. */
  namedContexts?: Record<string, string>;
  /** The settings that chose the context, target and named contexts, as the core's problems name them. */
  optionNames?: OptionNames;
}

/**
 * Settings whose change makes every Dockerfile be analysed again. `refreshDelay` and `wasteHints`
 * change no prediction, but an analysis reports their invalid values.
 */
const analysisSettings = ['layerLens.buildContexts', 'layerLens.builder', 'layerLens.buildahFormat', 'layerLens.platform', 'layerLens.readBaseImagesFromEngine', 'layerLens.refreshDelay', 'layerLens.wasteHints'];

/** Adds real images to a run: `ImageSupport` in the extension, absent in tests that need none. */
export interface ImagePreparer {
  prepare(request: { uri: vscode.Uri; text: string; target?: string; buildArgs: Record<string, string>; platform?: string }): Promise<{
    images?: ImageResolver;
    unreadImageHint?: UnreadImageHint;
    builder?: BuilderKind;
    buildahFormat?: BuildahFormat;
    /** The build arguments to predict with, when the linked image records values for some. */
    buildArgs?: Record<string, string>;
    finish(prediction: Analysis): Analysis;
  }>;
}

/** The core functions the service calls, passed in so the service itself contains no analysis logic. */
export interface AnalysisEngine {
  /**
   * Returns the walked build context of `root` for `dockerfilePath` built by `builder` (BuildKit
   * when absent), walking it only when no cached walk is valid. `onProgress` follows a walk that
   * this call starts.
   */
  readContext(root: string, dockerfilePath: string, builder: BuilderKind | undefined, onProgress?: (progress: WalkProgress) => void): Promise<unknown>;
  /** Drops the cached walk of `root`, so the next `readContext` walks again. */
  invalidateContext(root: string): void;
  analyze(request: AnalysisRequest): Promise<Analysis>;
  /** Drops what the engine keeps of a Dockerfile's last analysis, once its document closes. */
  forgetAnalysis?(dockerfilePath: string): void;
}

export interface AnalysisChange {
  uri: vscode.Uri;
  /** The new analysis, or `undefined` when it failed or the document was closed. */
  analysis: Analysis | undefined;
  /**
   * Set when the document was closed or no tab shows it any more, which drops its analysis until
   * a tab shows it again.
   */
  closed?: true;
}

interface Entry {
  uri: vscode.Uri;
  /** Counts runs, so a run that finishes after a newer one started can tell it was superseded. */
  generation: number;
  /** Document version of the latest run. */
  version?: number;
  running?: Promise<Analysis | undefined>;
  /** Callers of `settledAnalysisFor` waiting for the run that a pending edit starts. */
  waiting: ((running: Promise<Analysis | undefined> | undefined) => void)[];
  analysis?: Analysis;
  contextPath?: string;
}

export class AnalysisService implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly changed = new vscode.EventEmitter<AnalysisChange>();
  private readonly edits = new KeyedDebouncer<string>((key) => this.rerun(key));
  private readonly watchers: ContextWatchers;
  private readonly tabs = new ShownTabs();
  /** Context roots walked since their last invalidation; only a first walk shows progress. */
  private readonly walkedRoots = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];

  /** Fires after every finished analysis, failed analysis and closed Dockerfile. */
  readonly onDidChangeAnalysis = this.changed.event;

  constructor(
    private readonly engine: AnalysisEngine,
    private readonly log: vscode.LogOutputChannel,
    private readonly notifier: Notifier,
    private readonly images?: ImagePreparer,
  ) {
    // Saving an analysed Dockerfile needs no new walk, because its edits are analysed as they happen.
    // NOTE: so a `COPY . .` layer keeps the Dockerfile's size from the last walk until something else changes.
    this.watchers = new ContextWatchers(
      (root, firstChange) => this.onContextChanged(root, firstChange),
      refreshDelayFor,
      (changed) => this.entries.has(changed.toString()),
      (root) => this.dropContext(root),
    );
    this.disposables.push(
      this.changed,
      this.watchers,
      this.tabs,
      vscode.workspace.onDidChangeTextDocument((event) => this.onEdit(event)),
      // A Dockerfile counts as closed when its last tab goes, because VS Code may keep its document for minutes.
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
      this.tabs.onDidChange(({ hidden, shown }) => {
        for (const uri of hidden) this.forget(uri);
        this.analyzeShown(shown);
      }),
      vscode.workspace.onDidChangeConfiguration((event) => this.onConfigurationChanged(event)),
      vscode.window.onDidChangeVisibleTextEditors((editors) => this.analyzeShown(editors.map((editor) => editor.document.uri))),
    );
  }

  /** Analyses the Dockerfiles already shown when the extension activates. */
  start(): void {
    this.analyzeShown(vscode.window.visibleTextEditors.map((editor) => editor.document.uri));
  }

  /** Returns whether the service analyses this document. */
  accepts(document: vscode.TextDocument): boolean {
    return isDockerfile(document);
  }

  /**
   * Returns the analysis of the document's current text, analysing now when the cached one is
   * older. A run that waits for `layerLens.refreshDelay` after an edit starts at once, so this is
   * for requests the user makes (a hover, a command). Returns `undefined` for documents that are
   * not Dockerfiles on disk and when the analysis fails.
   */
  async analysisFor(uri: vscode.Uri): Promise<Analysis | undefined> {
    const document = await this.openDockerfile(uri);
    if (!document) return undefined;
    const entry = this.entryFor(document.uri);
    if (entry.running && entry.version === document.version && !this.edits.isPending(entry.uri.toString())) {
      return entry.running;
    }
    return this.run(entry, document);
  }

  /**
   * Returns the analysis of the document's current text as `analysisFor` does, except that after
   * an edit it waits for the run that starts once `layerLens.refreshDelay` has passed. For views
   * that update on their own, so that typing never starts an analysis early.
   */
  async settledAnalysisFor(uri: vscode.Uri): Promise<Analysis | undefined> {
    const entry = this.entries.get(uri.toString());
    if (!entry || !this.edits.isPending(uri.toString())) return this.analysisFor(uri);
    const running = await new Promise<Promise<Analysis | undefined> | undefined>((resolve) => entry.waiting.push(resolve));
    return running;
  }

  /** Returns whether an edit of the document waits for `layerLens.refreshDelay` before its analysis. */
  hasPendingEdit(uri: vscode.Uri): boolean {
    return this.edits.isPending(uri.toString());
  }

  /** Returns the last finished analysis of a document without starting one. */
  latest(uri: vscode.Uri): Analysis | undefined {
    return this.entries.get(uri.toString())?.analysis;
  }

  /** Walks the build context again and re-analyses one Dockerfile, or every one known. */
  async refresh(uri?: vscode.Uri): Promise<void> {
    this.notifier.reset();
    const entries = uri ? [this.entryFor(uri)] : [...this.entries.values()];
    for (const entry of entries) {
      const contextPath = entry.contextPath ?? buildSettingsFor(entry.uri).contextPath;
      this.engine.invalidateContext(contextPath);
      this.walkedRoots.delete(contextPath);
    }
    await Promise.all(entries.map(async (entry) => {
      const document = await this.openDockerfile(entry.uri);
      if (document) await this.run(entry, document);
    }));
  }

  /** Analyses one Dockerfile again without walking its build context, as after a new image link. */
  async reanalyze(uri: vscode.Uri): Promise<Analysis | undefined> {
    const document = await this.openDockerfile(uri);
    if (!document) return undefined;
    return this.run(this.entryFor(document.uri), document);
  }

  dispose(): void {
    this.edits.dispose();
    for (const disposable of this.disposables) disposable.dispose();
    for (const entry of this.entries.values()) releaseWaiting(entry, undefined);
    this.entries.clear();
  }

  /**
   * Returns the Dockerfile at `uri`, opened when needed, or `undefined` when it is no Dockerfile
   * or closed. It can close during the wait: VS Code may deliver an editor change and the close
   * of that editor's document together, as when closing every editor group makes the Dockerfile
   * active for a moment before it closes. An analysis started then would outlive the close event,
   * and so would its problems.
   */
  private async openDockerfile(uri: vscode.Uri): Promise<vscode.TextDocument | undefined> {
    const document = await this.openDocument(uri);
    return document && !document.isClosed && isDockerfile(document) ? document : undefined;
  }

  private async openDocument(uri: vscode.Uri): Promise<vscode.TextDocument | undefined> {
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
    if (open) return open;
    if (uri.scheme !== 'file') return undefined;
    try {
      return await vscode.workspace.openTextDocument(uri);
    } catch (error) {
      this.notifier.error(`Layer Lens could not open ${uri.fsPath}: ${errorMessage(error)}`, error);
      return undefined;
    }
  }

  private entryFor(uri: vscode.Uri): Entry {
    const key = uri.toString();
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { uri, generation: 0, waiting: [] };
      this.entries.set(key, entry);
    }
    return entry;
  }

  private run(entry: Entry, document: vscode.TextDocument): Promise<Analysis | undefined> {
    this.edits.cancel(entry.uri.toString());
    const generation = ++entry.generation;
    entry.version = document.version;
    const running = this.analyze(entry, document.getText(), generation);
    entry.running = running;
    releaseWaiting(entry, running);
    return running;
  }

  /**
   * Runs one analysis. A run that a newer one superseded returns the newer run's result, so every
   * caller sees the latest text's analysis; a run for a closed document returns `undefined`.
   */
  private async analyze(entry: Entry, text: string, generation: number): Promise<Analysis | undefined> {
    const dockerfilePath = entry.uri.fsPath;
    const settings = buildSettingsFor(entry.uri);
    // Before the analysis, so that an invalid setting is reported also when the analysis fails.
    this.notifySettingProblems(settingWarningProblems(settings.warnings));
    const key = entry.uri.toString();
    const superseded = () => generation !== entry.generation || this.entries.get(key) !== entry;
    // NOTE: a superseded run is dropped, not stopped, because the service passes no abort signal to the core.
    // The newer run's promise; never this run's own, which would wait on itself.
    const newer = () => (this.entries.get(key) === entry && generation !== entry.generation ? entry.running : undefined);
    try {
      const { contextPath, target, buildArgs, platform } = settings;
      const prepared = await this.images?.prepare({ uri: entry.uri, text, target, buildArgs, platform });
      if (superseded()) return newer();
      // The builder decides which ignore file the walk reads.
      const builder = this.chooseBuilder(dockerfilePath, settings.builder, prepared?.builder);
      // The watcher is created before the walk, so that a change during the walk invalidates it and runs this Dockerfile again.
      // NOTE: VS Code starts a watcher outside the workspace folders asynchronously, so a change made at once may go unseen.
      entry.contextPath = contextPath;
      this.watchers.use(key, contextPath);
      const context = await this.readContextOrReport(settings.contextPath, dockerfilePath, builder, settings.optionNames.context);
      if (superseded()) return newer();
      const started = Date.now();
      // NOTE: only the main context is watched, so an edit inside a named context shows after the next edit or refresh.
      const { namedContexts } = settings;
      // The linked image's mapping may use build arguments read from its history, and the merge needs the same.
      const predictionArgs = prepared?.buildArgs ?? buildArgs;
      const prediction = await this.engine.analyze({ dockerfilePath, text, contextPath, target, buildArgs: predictionArgs, context, images: prepared?.images, unreadImageHint: prepared?.unreadImageHint, builder, buildahFormat: prepared?.buildahFormat ?? settings.buildahFormat, platform, namedContexts, optionNames: settings.optionNames });
      if (superseded()) return newer();
      const argWarnings = this.unusedArgWarnings(entry.uri, text, buildArgs, { target, builder, platform });
      const analysis = withSettingWarnings(prepared ? prepared.finish(prediction) : prediction, [...settings.warnings, ...argWarnings]);
      this.notifySettingProblems(analysis.problems);
      this.log.debug(`Analysed ${dockerfilePath} in ${Date.now() - started} ms: ${plural(analysis.steps.length, 'step')}, ${plural(analysis.problems.length, 'problem')}`);
      this.finish(entry, analysis, settings.contextPath);
      return analysis;
    } catch (error) {
      if (superseded()) return newer();
      this.notifier.error(`Layer Lens could not analyse ${path.basename(dockerfilePath)}: ${errorMessage(error)}`, error);
      this.finish(entry, undefined, settings.contextPath);
      return undefined;
    }
  }

  /** Shows each problem about a Layer Lens setting as a notification, once, as the Notifier shows each text once. */
  private notifySettingProblems(problems: readonly Problem[]): void {
    for (const notice of settingNotices(problems)) {
      // The message is the whole failure, so the log adds no error object to it.
      if (notice.severity === 'error') this.notifier.error(notice.text, notice.text);
      else this.notifier.warn(notice.text);
    }
  }

  /** Warns of the configured build arguments that no ARG of the built stages declares. */
  private unusedArgWarnings(uri: vscode.Uri, text: string, buildArgs: Record<string, string>, planOptions: PlanOptions): string[] {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    // Build arguments come only from the Dockerfile's entry in its workspace folder's settings.
    if (!folder || Object.keys(buildArgs).length === 0) return [];
    return unusedBuildArgWarnings(text, buildArgs, planOptions, path.relative(folder.uri.fsPath, uri.fsPath));
  }

  /**
   * Chooses the builder to model: the one that built a linked image, since the prediction is
   * merged with that image's layers, else the configured one.
   */
  private chooseBuilder(dockerfilePath: string, configured: BuilderKind | undefined, linked: BuilderKind | undefined): BuilderKind | undefined {
    if (linked === undefined) return configured;
    if (configured !== undefined && configured !== linked) {
      this.log.debug(`Predicting ${dockerfilePath} with ${linked}, the builder of its linked image, instead of the configured ${configured}`);
    }
    return linked;
  }

  private finish(entry: Entry, analysis: Analysis | undefined, contextPath: string): void {
    entry.analysis = analysis;
    entry.contextPath = contextPath;
    this.watchers.use(entry.uri.toString(), contextPath);
    this.changed.fire({ uri: entry.uri, analysis });
  }

  /**
   * Reads the build context, or returns `undefined` after a notice when it cannot be read. The
   * core then tries the walk itself and reports the failure as a problem on the Dockerfile, so
   * the steps still show.
   */
  private async readContextOrReport(root: string, dockerfilePath: string, builder: BuilderKind | undefined, option: string | undefined): Promise<unknown> {
    try {
      return await this.readContext(root, dockerfilePath, builder);
    } catch (error) {
      // The core's message already names the folder, so prefixing it with the folder again repeats it.
      const message = unreadableContextMessage(error, option);
      this.notifier.error(message.includes(root) ? `Layer Lens: ${message}` : `Layer Lens could not read the build context ${root}: ${message}`, error);
      return undefined;
    }
  }

  /** Reads the build context, showing progress in the status bar the first time a root is walked. */
  private async readContext(root: string, dockerfilePath: string, builder: BuilderKind | undefined): Promise<unknown> {
    if (this.walkedRoots.has(root)) return this.engine.readContext(root, dockerfilePath, builder);
    const title = `Layer Lens: reading the build context ${path.basename(root)}`;
    const context = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, (progress) =>
      this.engine.readContext(root, dockerfilePath, builder, ({ files, directories }) => {
        progress.report({ message: `${files} files, ${directories} folders` });
      }),
    );
    this.log.info(`Read the build context ${root}`);
    this.walkedRoots.add(root);
    return context;
  }

  private onEdit(event: vscode.TextDocumentChangeEvent): void {
    const key = event.document.uri.toString();
    if (event.contentChanges.length === 0 || !this.entries.has(key)) return;
    this.edits.schedule(key, refreshDelayFor(event.document.uri));
  }

  private rerun(key: string): void {
    const entry = this.entries.get(key);
    const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === key);
    if (entry && document) void this.run(entry, document);
  }

  private onContextChanged(root: string, firstChange: string): void {
    this.log.info(`Build context ${root} changed (first change: ${firstChange}); analysing again`);
    this.engine.invalidateContext(root);
    this.walkedRoots.delete(root);
    for (const entry of this.entries.values()) {
      if (entry.contextPath === root) this.rerun(entry.uri.toString());
    }
  }

  /**
   * Drops the cached walk of a root that is no longer watched. No change under it is reported
   * from then on, so a Dockerfile that opens again later must read it afresh.
   */
  private dropContext(root: string): void {
    this.engine.invalidateContext(root);
    this.walkedRoots.delete(root);
    this.log.debug(`Dropped the cached walk of the build context ${root}, which no open Dockerfile uses`);
  }

  private onConfigurationChanged(event: vscode.ConfigurationChangeEvent): void {
    if (!analysisSettings.some((name) => event.affectsConfiguration(name))) return;
    for (const entry of this.entries.values()) this.rerun(entry.uri.toString());
  }

  /**
   * Starts following the open Dockerfiles among `uris` that a tab shows. Both a visible editor
   * and a new tab call this, because VS Code reports the two separately and in either order: a
   * Dockerfile whose last tab just closed can still be reported as a visible editor.
   */
  private analyzeShown(uris: readonly vscode.Uri[]): void {
    for (const uri of uris) {
      const key = uri.toString();
      if (this.entries.has(key) || !this.tabs.has(uri)) continue;
      const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === key);
      if (document && !document.isClosed && isDockerfile(document)) void this.run(this.entryFor(uri), document);
    }
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.engine.forgetAnalysis?.(uri.fsPath);
    this.edits.cancel(key);
    this.watchers.release(key);
    releaseWaiting(entry, undefined);
    this.log.info(`Stopped analysing ${uri.fsPath} because it was closed or no tab shows it.`);
    this.changed.fire({ uri, analysis: undefined, closed: true });
  }
}

/** Hands the callers waiting on an entry its new run, or `undefined` when the entry is gone. */
function releaseWaiting(entry: Entry, running: Promise<Analysis | undefined> | undefined): void {
  const waiting = entry.waiting.splice(0);
  for (const resolve of waiting) resolve(running);
}
