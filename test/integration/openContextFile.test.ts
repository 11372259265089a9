import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { ShownPanel } from '../../src/extension/panel/register';
import type { PanelData } from '../../src/protocol/webview';
import { waitUntil } from '../vscode/waitUntil';
import { layerLensApi, openDockerfile, waitForAnalysis, workspaceUri, type LayerLensTestApi } from './helpers';
import { rowsOf, spokenOf, type Row } from './treeText';

const folder = 'open-paths';

function contextFile(name: string): string {
  return workspaceUri(`${folder}/${name}`).fsPath;
}

function activeFile(): string | undefined {
  return vscode.window.activeTextEditor?.document.uri.fsPath;
}

/** Waits for the next data that a panel sends, or rejects after 15 s. */
async function nextData(panel: ShownPanel | undefined): Promise<PanelData> {
  assert.ok(panel, 'Show Merged Filesystem returned no panel');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timed out after 15 s waiting for the panel's data")), 15_000);
  });
  try {
    return await Promise.race([panel.nextData(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Returns the panel's layer index of the step whose instruction starts with `prefix`. */
function layerOf(data: PanelData, prefix: string): number {
  const layer = data.layers.find((candidate) => candidate.text.startsWith(prefix));
  assert.ok(layer, `the panel lists no layer that starts with "${prefix}"`);
  return layer.index;
}

/** Opens the Merged Filesystem panel of `dockerfile` and waits for its first data. */
async function showPanel(dockerfile: vscode.Uri): Promise<{ panel: ShownPanel; data: PanelData }> {
  const result = await vscode.commands.executeCommand<ShownPanel | undefined>('layerLens.showMergedFilesystem', { uri: dockerfile.toString() });
  const data = await nextData(result);
  return { panel: result as ShownPanel, data };
}

/**
 * Replaces the file at `hostPath` with a link to the Dockerfile beside its folder, and checks that
 * the panel does not open `imagePath`, which the step starting with `prefix` copied from that file.
 */
async function checkLinkNotOpened(panel: ShownPanel, data: PanelData, hostPath: string, imagePath: string, prefix: string): Promise<void> {
  fs.rmSync(hostPath);
  fs.symlinkSync('../Dockerfile', hostPath);

  const message = await panel.openPath(imagePath, layerOf(data, prefix));

  assert.ok(message?.startsWith(`${hostPath} links to `), `message: ${message}`);
  assert.ok(message?.endsWith(', so Layer Lens does not open it.'), `message: ${message}`);
}

/** Finds the row of `imagePath` below the step whose instruction starts with `prefix`, once the view shows the Dockerfile. */
async function fileRow(api: LayerLensTestApi, prefix: string, imagePath: string): Promise<Row> {
  let pending: Row[] = [];
  await waitUntil(`the step "${prefix}" in the Image Layers view`, 15_000, async () => {
    for (const stage of await rowsOf(api.layersTree, undefined)) {
      const step = (await rowsOf(api.layersTree, stage.element)).find((row) => spokenOf(row.item).startsWith(prefix));
      if (step) pending = await rowsOf(api.layersTree, step.element);
    }
    return pending.length > 0;
  });
  while (pending.length > 0) {
    const row = pending.shift() as Row;
    if (String(row.item.tooltip).split('\n')[0] === imagePath) return row;
    pending.push(...(await rowsOf(api.layersTree, row.element)));
  }
  assert.fail(`no row ${imagePath} below "${prefix}"`);
}

describe('open context file', () => {
  let api: LayerLensTestApi;
  let dockerfile: vscode.Uri;

  before(async () => {
    api = await layerLensApi();
    dockerfile = (await openDockerfile(`${folder}/Dockerfile`)).document.uri;
    await waitForAnalysis(api, dockerfile);
  });

  // First, because the panel tests change the build context and so the next analysis.
  describe('Open File from Layer', () => {
    it('row of a stage outside the target chain', async () => {
      await vscode.window.showTextDocument(dockerfile, { preview: false });
      const row = await fileRow(api, 'COPY tool.sh /opt/helper.sh', '/opt/helper.sh');

      const opened = await vscode.commands.executeCommand('layerLens.openFileFromLayer', row.element);

      assert.strictEqual(opened, true);
      assert.strictEqual(activeFile(), contextFile('tool.sh'));
      assert.strictEqual(vscode.window.activeTextEditor?.document.getText(), '#!/bin/sh\necho tool\n');
    });
  });

  describe('from the Merged Filesystem panel', () => {
    let panel: ShownPanel;
    let data: PanelData;

    before(async () => {
      ({ panel, data } = await showPanel(dockerfile));
    });

    after(async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('file in the context opens', async () => {
      const message = await panel.openPath('/srv/kept.txt', layerOf(data, 'COPY kept.txt'));

      assert.strictEqual(message, undefined);
      assert.strictEqual(activeFile(), contextFile('kept.txt'));
    });

    it('link out of the context', async () => {
      await checkLinkNotOpened(panel, data, contextFile('escape.txt'), '/srv/escape.txt', 'COPY escape.txt');

      assert.notStrictEqual(activeFile(), workspaceUri('Dockerfile').fsPath);
    });

    // After the link test, because the deletion makes the COPY of gone.txt fail in the next analysis.
    it('file deleted since the analysis', async () => {
      const gonePath = contextFile('gone.txt');
      fs.rmSync(gonePath);

      const message = await panel.openPath('/srv/gone.txt', layerOf(data, 'COPY gone.txt'));

      assert.ok(message?.startsWith(`${gonePath} is missing: /srv/gone.txt was copied from it`), `message: ${message}`);
      assert.notStrictEqual(activeFile(), gonePath);
    });
  });
});

// The fixture's settings set namedContexts { shared: "named-context/libs" } for this Dockerfile.
describe('open named context file', () => {
  const namedFolder = 'named-context';
  let api: LayerLensTestApi;
  let dockerfile: vscode.Uri;

  function libsFile(name: string): string {
    return workspaceUri(`${namedFolder}/libs/${name}`).fsPath;
  }

  before(async () => {
    api = await layerLensApi();
    dockerfile = (await openDockerfile(`${namedFolder}/Dockerfile`)).document.uri;
    const analysis = await waitForAnalysis(api, dockerfile);
    assert.deepStrictEqual(analysis.problems.map((problem) => problem.message), [], 'the named context "shared" is not read from the fixture settings');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Open Source File in the view', async () => {
    await vscode.window.showTextDocument(dockerfile, { preview: false });
    const row = await fileRow(api, 'COPY --from=shared js/', '/srv/js/index.js');
    // A click on the row runs the same command.
    assert.strictEqual(row.item.command?.command, 'layerLens.openSourceFile');

    const opened = await vscode.commands.executeCommand('layerLens.openSourceFile', row.element);

    assert.strictEqual(opened, true);
    assert.strictEqual(activeFile(), libsFile('js/index.js'));
  });

  it('Open File from Layer on a predicted step', async () => {
    const analysis = await waitForAnalysis(api, dockerfile);
    const layer = analysis.steps.find((step) => step.text.startsWith('COPY --from=shared VERSION'))?.index;
    assert.ok(layer !== undefined, 'no step copies VERSION');

    const opened = await vscode.commands.executeCommand('layerLens.openFileFromLayer', { uri: dockerfile.toString(), layer, path: '/srv/SHARED_VERSION' });

    assert.strictEqual(opened, true);
    assert.strictEqual(activeFile(), libsFile('VERSION'));
    assert.strictEqual(vscode.window.activeTextEditor?.document.getText(), '1.2.3\n');
  });

  describe('from the Merged Filesystem panel', () => {
    let panel: ShownPanel;
    let data: PanelData;

    before(async () => {
      ({ panel, data } = await showPanel(dockerfile));
    });

    it('file opens from its folder', async () => {
      const message = await panel.openPath('/srv/SHARED_VERSION', layerOf(data, 'COPY --from=shared VERSION'));

      assert.strictEqual(message, undefined);
      assert.strictEqual(activeFile(), libsFile('VERSION'));
    });

    // The link's target lies inside the main build context, so only the named context's folder rejects it.
    it('link out of the named context', async () => {
      await checkLinkNotOpened(panel, data, libsFile('linked.txt'), '/srv/linked.txt', 'COPY --from=shared linked.txt');

      assert.notStrictEqual(activeFile(), dockerfile.fsPath);
    });
  });
});

// COPY of a folder copies its symbolic links as links, so their rows name the links themselves.
describe('symbolic link rows', () => {
  const linkFolder = 'link-rows';
  let api: LayerLensTestApi;
  let dockerfile: vscode.Uri;

  /** Clicks the row of `imagePath` as the view does and returns whether an editor opened. */
  async function clickRow(imagePath: string): Promise<unknown> {
    await vscode.window.showTextDocument(dockerfile, { preview: false });
    const row = await fileRow(api, 'COPY links/', imagePath);
    assert.strictEqual(row.item.command?.command, 'layerLens.openSourceFile');
    return vscode.commands.executeCommand('layerLens.openSourceFile', ...(row.item.command?.arguments ?? []));
  }

  before(async () => {
    api = await layerLensApi();
    dockerfile = (await openDockerfile(`${linkFolder}/Dockerfile`)).document.uri;
    await waitForAnalysis(api, dockerfile);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('link to a file opens the file', async () => {
    const opened = await clickRow('/srv/links/to-file');

    assert.strictEqual(opened, true);
    assert.strictEqual(activeFile(), workspaceUri(`${linkFolder}/data/notes.txt`).fsPath);
  });

  it('link to nothing opens nothing', async () => {
    const opened = await clickRow('/srv/links/dangling');

    assert.strictEqual(opened, false);
    assert.strictEqual(activeFile(), dockerfile.fsPath);
  });

  it('link to a folder opens nothing', async () => {
    const opened = await clickRow('/srv/links/to-dir');

    assert.strictEqual(opened, false);
    assert.strictEqual(activeFile(), dockerfile.fsPath);
  });

  it('messages of the panel name the links', async () => {
    const { panel, data } = await showPanel(dockerfile);
    const layer = layerOf(data, 'COPY links/');

    assert.strictEqual(await panel.openPath('/srv/links/dangling', layer), 'links/dangling is a symbolic link to nope, which does not exist, so there is no file to open.');
    assert.strictEqual(await panel.openPath('/srv/links/to-dir', layer), 'links/to-dir is a symbolic link to the folder ../data, so there is no file to open.');
  });
});

describe('open context file with a non-UTF-8 name', () => {
  // The file name `caf` + byte e9 + `.txt` is not valid UTF-8, so the test writes it from its bytes.
  const nonUtf8Folder = 'non-utf8-names';
  let root: string;

  before(() => {
    root = workspaceUri(nonUtf8Folder).fsPath;
    fs.mkdirSync(`${root}/src`, { recursive: true });
    fs.writeFileSync(`${root}/Dockerfile`, 'FROM scratch\nCOPY src/ /s/\n');
    fs.writeFileSync(Buffer.concat([Buffer.from(`${root}/src/caf`), Buffer.from([0xe9]), Buffer.from('.txt')]), 'cafe\n');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('panel names the cause', async () => {
    const dockerfile = (await openDockerfile(`${nonUtf8Folder}/Dockerfile`)).document.uri;
    await waitForAnalysis(await layerLensApi(), dockerfile);
    const { panel, data } = await showPanel(dockerfile);
    const hostPath = `${root}/src/caf\\xe9.txt`;

    const message = await panel.openPath('/s/caf\\xe9.txt', layerOf(data, 'COPY src/'));

    assert.strictEqual(message, `${hostPath} cannot be opened in the editor, because a name in its path is not valid UTF-8 (each invalid byte shows as \\xhh), and VS Code opens only paths that are valid UTF-8. /s/caf\\xe9.txt was copied from it. Open the file from a terminal, or rename it to a valid UTF-8 name and run "Layer Lens: Refresh".`);
    assert.notStrictEqual(activeFile(), hostPath);
  });
});
