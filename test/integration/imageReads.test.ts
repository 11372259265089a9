import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { linkedImageOf } from '../../src/core/image/linkedAnalysis';
import { readImage } from '../../src/core/image/readImage';
import { AnalysisService } from '../../src/extension/analysisService';
import { coreEngine } from '../../src/extension/coreEngine';
import { analyzeImage } from '../../src/extension/image/imageCommands';
import { ImageLibrary } from '../../src/extension/image/imageLibrary';
import { ImageLinks } from '../../src/extension/image/imageLinks';
import { ImageSupport } from '../../src/extension/image/imageSupport';
import { Notifier } from '../../src/extension/log';
import type { LayersTree } from '../../src/extension/tree/layersTree';
import { extensionId, layerLensApi, openDockerfile } from './helpers';
import { MemoryState } from './memoryState';

function archivePath(): string {
  const extension = vscode.extensions.getExtension(extensionId);
  assert.ok(extension, `${extensionId} is not installed in this editor`);
  return path.join(extension.extensionPath, 'test', 'fixtures', 'images', '16-rm-rf-recreate.docker-overlay2.tar');
}

describe('image reads per link', () => {
  const reads: string[] = [];
  const disposables: vscode.Disposable[] = [];
  let service: AnalysisService;
  let tree: LayersTree;
  let links: ImageLinks;
  let library: ImageLibrary;
  let notifier: Notifier;
  let log: vscode.LogOutputChannel;

  before(async () => {
    // The extension's own tree: a second tree of the same view id would take over the view, and
    // disposing it would leave the extension's tree without a data provider for later tests.
    tree = (await layerLensApi()).layersTree as unknown as LayersTree;
    log = vscode.window.createOutputChannel('Layer Lens image reads test', { log: true });
    notifier = new Notifier(log);
    links = new ImageLinks(new MemoryState());
    library = new ImageLibrary(log, (source, options) => {
      reads.push(source.kind === 'path' ? source.path : source.kind);
      return readImage(source, options);
    });
    service = new AnalysisService(coreEngine(), log, notifier, new ImageSupport(links, library, notifier, log));
    disposables.push(service, links, log);
  });

  after(() => {
    for (const disposable of disposables.reverse()) disposable.dispose();
  });

  it('one link reads the archive once', async () => {
    const document = (await openDockerfile('images/rm-rf/Dockerfile')).document;
    const source = archivePath();

    const linked = await analyzeImage({ service, tree, links, library, notifier, log }, { uri: document.uri.toString(), source });
    assert.strictEqual(linked, true);
    assert.deepStrictEqual(reads, [source]);

    // The hover and the views ask for the analysis again, and an edit or a file change reruns it.
    const analysis = await service.analysisFor(document.uri);
    assert.ok(analysis, 'no analysis after the link');
    assert.ok(linkedImageOf(analysis), 'the analysis after the link has no linked image');
    await service.reanalyze(document.uri);
    await service.refresh(document.uri);
    assert.deepStrictEqual(reads, [source]);
  });

  it('linking again reads the archive again', async () => {
    const document = (await openDockerfile('images/rm-rf/Dockerfile')).document;
    const source = archivePath();
    reads.length = 0;

    assert.strictEqual(await analyzeImage({ service, tree, links, library, notifier, log }, { uri: document.uri.toString(), source }), true);
    assert.deepStrictEqual(reads, [source]);
  });
});
