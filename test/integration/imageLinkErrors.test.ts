import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { linkedImageOf } from '../../src/core/image/linkedAnalysis';
import { AnalysisService } from '../../src/extension/analysisService';
import { coreEngine } from '../../src/extension/coreEngine';
import { analyzeImage, type ImageCommandContext } from '../../src/extension/image/imageCommands';
import { ImageLibrary } from '../../src/extension/image/imageLibrary';
import { ImageLinks } from '../../src/extension/image/imageLinks';
import { ImageSupport } from '../../src/extension/image/imageSupport';
import { Notifier } from '../../src/extension/log';
import type { LayersTree } from '../../src/extension/tree/layersTree';
import { buildTar } from '../unit/archive/tarBuilder';
import { waitUntil } from '../vscode/waitUntil';
import { extensionId, layerLensApi, openDockerfile } from './helpers';
import { MemoryState } from './memoryState';

const imageName = 'oracle/16-rm-rf-recreate:docker-overlay2';

/** A notifier that also keeps the errors shown for commands, so the test can read their words. */
class RecordingNotifier extends Notifier {
  readonly errors: string[] = [];

  override errorNow(message: string, error: unknown): void {
    this.errors.push(message);
    super.errorNow(message, error);
  }
}

function archivePath(): string {
  const extension = vscode.extensions.getExtension(extensionId);
  assert.ok(extension, `${extensionId} is not installed in this editor`);
  return path.join(extension.extensionPath, 'test', 'fixtures', 'images', '16-rm-rf-recreate.docker-overlay2.tar');
}

describe('failed image link', () => {
  const disposables: vscode.Disposable[] = [];
  const shownInformation: string[] = [];
  const originalInformation = vscode.window.showInformationMessage;
  const originalOpenDialog = vscode.window.showOpenDialog;
  const originalDockerHost = process.env.DOCKER_HOST;
  let folder: string;
  let context: ImageCommandContext;
  let notifier: RecordingNotifier;
  let dockerfile: vscode.Uri;

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'layer-lens-link-errors-'));
    // No engine listens on this socket, so listing the engine's images fails the same way on every machine.
    process.env.DOCKER_HOST = `unix://${path.join(folder, 'no-engine.sock')}`;
    // The notices are recorded here and still shown, so the editor behaves as for a user.
    (vscode.window as { showInformationMessage: unknown }).showInformationMessage = (message: string, ...rest: never[]) => {
      shownInformation.push(message);
      return originalInformation(message, ...rest);
    };

    const tree = (await layerLensApi()).layersTree as unknown as LayersTree;
    const log = vscode.window.createOutputChannel('Layer Lens link errors test', { log: true });
    notifier = new RecordingNotifier(log);
    const links = new ImageLinks(new MemoryState());
    const library = new ImageLibrary(log);
    const service = new AnalysisService(coreEngine(), log, notifier, new ImageSupport(links, library, notifier, log));
    disposables.push(service, links, log);
    context = { service, tree, links, library, notifier, log };

    dockerfile = (await openDockerfile('images/rm-rf/Dockerfile')).document.uri;
    assert.strictEqual(await analyzeImage(context, { uri: dockerfile.toString(), source: archivePath() }), true);
    assert.strictEqual(await linkedName(), imageName);
  });

  after(() => {
    (vscode.window as { showInformationMessage: unknown }).showInformationMessage = originalInformation;
    (vscode.window as { showOpenDialog: unknown }).showOpenDialog = originalOpenDialog;
    if (originalDockerHost === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = originalDockerHost;
    for (const disposable of disposables.reverse()) disposable.dispose();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  async function linkedName(): Promise<string | undefined> {
    const analysis = await context.service.analysisFor(dockerfile);
    assert.ok(analysis, 'no analysis');
    return linkedImageOf(analysis)?.name;
  }

  /** Links `source` and returns the error shown, checking that the earlier link stays. */
  async function failedLink(source: string): Promise<string> {
    notifier.errors.length = 0;
    assert.strictEqual(await analyzeImage(context, { uri: dockerfile.toString(), source }), false);
    assert.strictEqual(await linkedName(), imageName);
    assert.strictEqual(notifier.errors.length, 1, notifier.errors.join('\n'));
    return notifier.errors[0];
  }

  it('truncated archive keeps the link', async () => {
    const truncated = path.join(folder, 'truncated.tar');
    fs.writeFileSync(truncated, fs.readFileSync(archivePath()).subarray(0, 3000));

    const message = await failedLink(truncated);

    assert.ok(message.startsWith(`Layer Lens could not read ${truncated}: ${truncated} is a truncated tar archive`), message);
    assert.ok(message.endsWith(`. The views keep showing ${imageName}, which stays linked to images/rm-rf/Dockerfile.`), message);
  });

  it('tar of no image keeps the link', async () => {
    const notImage = path.join(folder, 'notes.tar');
    fs.writeFileSync(notImage, buildTar([{ name: 'notes.txt', body: 'not an image\n' }]));

    const message = await failedLink(notImage);

    assert.ok(message.startsWith(`Layer Lens could not read ${notImage}: `), message);
    assert.ok(message.endsWith(` The views keep showing ${imageName}, which stays linked to images/rm-rf/Dockerfile.`), message);
  });

  it('engine notice shows once per session', async () => {
    const truncated = path.join(folder, 'picked.tar');
    fs.writeFileSync(truncated, fs.readFileSync(archivePath()).subarray(0, 3000));
    const dialogs: string[] = [];
    (vscode.window as { showOpenDialog: unknown }).showOpenDialog = (options: vscode.OpenDialogOptions) => {
      dialogs.push(options.title ?? '');
      return Promise.resolve([vscode.Uri.file(truncated)]);
    };
    shownInformation.length = 0;
    notifier.errors.length = 0;

    // The first run closes the picker, the second takes its first item: an image archive.
    for (const action of ['workbench.action.closeQuickOpen', 'workbench.action.acceptSelectedQuickOpenItem']) {
      let settled = false;
      const linked = analyzeImage(context, { uri: dockerfile.toString() }).finally(() => (settled = true));
      await waitUntil(`the picker to answer ${action}`, 15_000, async () => {
        await vscode.commands.executeCommand(action);
        return settled;
      });
      assert.strictEqual(await linked, false);
    }

    const notices = shownInformation.filter((message) => message.includes('could not list the container engine\'s images'));
    assert.strictEqual(notices.length, 1, shownInformation.join('\n'));
    assert.deepStrictEqual(dialogs, ['Choose an image archive']);
    assert.strictEqual(notifier.errors.length, 1, notifier.errors.join('\n'));
    assert.ok(notifier.errors[0].endsWith(`The views keep showing ${imageName}, which stays linked to images/rm-rf/Dockerfile.`), notifier.errors[0]);
  });
});
