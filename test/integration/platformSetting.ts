/**
 * An analysis service of its own for the suites that change `layerLens.platform`, with its own
 * image links and diagnostics, so that they check the warnings of one service only.
 */
import * as vscode from 'vscode';
import type { Analysis } from '../../src/core/analysis/types';
import { AnalysisService } from '../../src/extension/analysisService';
import { coreEngine } from '../../src/extension/coreEngine';
import { ProblemDiagnostics } from '../../src/extension/diagnostics';
import { readImage } from '../../src/core/image/readImage';
import type { ImageData, ImageSource } from '../../src/core/image/types';
import { ImageLibrary, type ReadOptions } from '../../src/extension/image/imageLibrary';
import { ImageLinks } from '../../src/extension/image/imageLinks';
import { ImageSupport } from '../../src/extension/image/imageSupport';
import { Notifier } from '../../src/extension/log';
import { waitUntil } from '../vscode/waitUntil';
import { analysisTimeoutMs } from './helpers';
import { MemoryState } from './memoryState';

/**
 * A notifier that also keeps each message it shows, since the test API cannot read notifications.
 * Like the notifier, it keeps a repeated message once until `reset`.
 */
class RecordingNotifier extends Notifier {
  readonly shownMessages: string[] = [];

  override warn(message: string): void {
    this.record(message);
    super.warn(message);
  }

  override error(message: string, error: unknown): void {
    this.record(message);
    super.error(message, error);
  }

  override reset(): void {
    this.shownMessages.length = 0;
    super.reset();
  }

  private record(message: string): void {
    if (!this.shownMessages.includes(message)) this.shownMessages.push(message);
  }
}

export class PlatformTestService implements vscode.Disposable {
  readonly links: ImageLinks;
  /** The texts of the warning and error notifications the service showed, in order. */
  readonly notifications: readonly string[];
  private readonly service: AnalysisService;
  private readonly disposables: vscode.Disposable[] = [];
  /** The workspace's own value of `layerLens.platform`, which `restore` puts back. */
  private readonly fixturePlatform: unknown;

  /** `name` names the output channel of the service's log; `readSource` reads the service's images. */
  constructor(name: string, readSource: (source: ImageSource, options: ReadOptions) => Promise<ImageData> = readImage) {
    this.fixturePlatform = vscode.workspace.getConfiguration('layerLens').inspect('platform')?.workspaceValue;
    const log = vscode.window.createOutputChannel(name, { log: true });
    const notifier = new RecordingNotifier(log);
    this.notifications = notifier.shownMessages;
    this.links = new ImageLinks(new MemoryState());
    this.service = new AnalysisService(coreEngine(), log, notifier, new ImageSupport(this.links, new ImageLibrary(log, readSource), notifier, log));
    this.disposables.push(this.service, new ProblemDiagnostics(this.service, log), this.links, log);
  }

  /** Sets `layerLens.platform` and returns the service's first analysis that `accept` takes. */
  async analyseFor(platform: string, uri: vscode.Uri, accept: (analysis: Analysis) => boolean): Promise<Analysis> {
    await vscode.workspace.getConfiguration('layerLens').update('platform', platform, vscode.ConfigurationTarget.Workspace);
    let found: Analysis | undefined;
    await waitUntil(`an analysis of ${uri.fsPath} for ${platform}`, analysisTimeoutMs, async () => {
      const analysis = await this.service.analysisFor(uri);
      if (analysis && accept(analysis)) found = analysis;
      return found !== undefined;
    });
    return found as Analysis;
  }

  /** Puts the workspace's value of `layerLens.platform` back and disposes of the service. */
  async restore(): Promise<void> {
    await vscode.workspace.getConfiguration('layerLens').update('platform', this.fixturePlatform, vscode.ConfigurationTarget.Workspace);
    this.dispose();
  }

  dispose(): void {
    for (const disposable of this.disposables.reverse()) disposable.dispose();
    this.disposables.length = 0;
  }
}
