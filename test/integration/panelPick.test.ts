import * as assert from 'assert';
import * as vscode from 'vscode';
import { layerLensApi, waitForAnalysis, within, workspaceUri } from './helpers';
import type { PanelData } from '../../src/protocol/webview';
import type { ShownPanel } from '../../src/extension/panel/register';

const LINES = ['FROM scratch', 'WORKDIR /srv', 'ENV MODE=prod', 'RUN echo one > /srv/a', 'RUN echo two > /srv/b', 'USER app', 'CMD ["/srv/run"]'];

/** Returns the instruction of the layer the panel's data is as of. */
function asOfStepText(data: PanelData): string | undefined {
  return data.layers.find((layer) => layer.index === data.view.asOf)?.text;
}

describe('panel layer picked by the user', () => {
  let uri: vscode.Uri;
  let document: vscode.TextDocument;
  let panel: ShownPanel;

  before(async () => {
    const api = await layerLensApi();
    uri = workspaceUri('panel-pick/Dockerfile');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(`${LINES.join('\n')}\n`));
    document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    await waitForAnalysis(api, uri);
    const opened = await vscode.commands.executeCommand<ShownPanel | undefined>('layerLens.showMergedFilesystem', { uri: uri.toString() });
    assert.ok(opened, 'the command returned no panel');
    panel = opened;
    await within(panel.nextData(), 'the first data');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /** Picks `layer` as the webview's layer list does, and returns the data sent for it. */
  async function pickLayer(layer: number): Promise<PanelData> {
    const sent = panel.nextData();
    await panel.receive({ type: 'selectLayer', layer });
    return within(sent, `the data of layer ${layer}`);
  }

  /** Inserts `text` as a line before the 1-based `line`, and returns the data sent after the new analysis. */
  async function insertLine(line: number, text: string): Promise<PanelData> {
    const sent = panel.nextData();
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(line - 1, 0), `${text}\n`);
    assert.ok(await vscode.workspace.applyEdit(edit), 'the edit was not applied');
    return within(sent, `the data after inserting "${text}"`);
  }

  /** Replaces the 1-based `line` with `text`, and returns the data sent after the new analysis. */
  async function replaceLine(line: number, text: string): Promise<PanelData> {
    const sent = panel.nextData();
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, document.lineAt(line - 1).range, text);
    assert.ok(await vscode.workspace.applyEdit(edit), 'the edit was not applied');
    return within(sent, `the data after line ${line} became "${text}"`);
  }

  it('follows its step when a line is inserted above', async () => {
    const picked = await pickLayer(4);
    assert.strictEqual(asOfStepText(picked), 'RUN echo two > /srv/b');

    const after = await insertLine(3, 'ENV X=1');

    assert.strictEqual(after.view.asOf, 5);
    assert.strictEqual(asOfStepText(after), 'RUN echo two > /srv/b');
    assert.strictEqual(after.pickNotice, undefined);
  });

  it('last layer picked stays on its step', async () => {
    const picked = await pickLayer(7);
    assert.strictEqual(asOfStepText(picked), 'CMD ["/srv/run"]');

    const after = await insertLine(picked.layers[7].line, 'RUN echo three > /srv/c');

    assert.strictEqual(after.view.asOf, 8);
    assert.strictEqual(asOfStepText(after), 'CMD ["/srv/run"]');
  });

  it('edited step shown in place with a notice', async () => {
    const line = LINES.indexOf('RUN echo one > /srv/a') + 2;
    assert.strictEqual(document.lineAt(line - 1).text, 'RUN echo one > /srv/a');
    await pickLayer(4);

    const after = await replaceLine(line, 'RUN echo uno > /srv/a');

    assert.strictEqual(after.view.asOf, 4);
    assert.strictEqual(asOfStepText(after), 'RUN echo uno > /srv/a');
    assert.deepStrictEqual(after.pickNotice, {
      line,
      message: `The step you picked (RUN echo one > /srv/a, line ${line}) was changed or removed, so the panel shows the nearest step, #4 RUN on line ${line}.`,
    });
  });
});
