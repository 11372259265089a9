import * as assert from 'assert';
import * as vscode from 'vscode';
import { extensionId, openDockerfile } from './helpers';
import { waitUntil } from '../vscode/waitUntil';

describe('activation', () => {
  it('activates when a Dockerfile opens', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is not installed`);

    const editor = await openDockerfile('Dockerfile');

    assert.strictEqual(editor.document.languageId, 'dockerfile');
    await waitUntil('Layer Lens to activate', 20_000, () => extension.isActive);
  });
});
