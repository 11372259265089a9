/** Shared steps of the integration tests, which run inside the extension host. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { Analysis } from '../../src/core/analysis/types';
import { waitUntil } from '../vscode/waitUntil';

export const extensionId = 'layer-lens.layer-lens';

/** What Layer Lens's `activate()` returns for tests. */
export interface LayerLensTestApi {
  layersTree: vscode.TreeDataProvider<unknown>;
  analysisFor(uri: vscode.Uri): Promise<Analysis | undefined>;
}

/** Enough for the small fixture project to be analysed, even on a slow CI machine. */
export const analysisTimeoutMs = 15_000;

export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the fixture workspace is not open');
  return folder;
}

export function workspaceUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, ...relativePath.split('/'));
}

/** Reads the size in bytes of a file of the fixture workspace. */
export function fileSize(relativePath: string): number {
  return fs.statSync(workspaceUri(relativePath).fsPath).size;
}

export async function openDockerfile(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relativePath));
  return vscode.window.showTextDocument(document, { preview: false });
}

export async function layerLensApi(): Promise<LayerLensTestApi> {
  const extension = vscode.extensions.getExtension<LayerLensTestApi>(extensionId);
  assert.ok(extension, `${extensionId} is not installed in this editor`);
  const api = await extension.activate();
  assert.ok(api, 'activate() returned no test API');
  assert.strictEqual(typeof api.analysisFor, 'function', 'the test API has no analysisFor()');
  return api;
}

/** Returns the first analysis of `uri` that `accept` takes, polling while the extension works. */
export async function waitForAnalysis(
  api: LayerLensTestApi,
  uri: vscode.Uri,
  accept: (analysis: Analysis) => boolean = () => true,
): Promise<Analysis> {
  let found: Analysis | undefined;
  await waitUntil(`an analysis of ${uri.fsPath}`, analysisTimeoutMs, async () => {
    const analysis = await api.analysisFor(uri);
    if (analysis !== undefined && accept(analysis)) found = analysis;
    return found !== undefined;
  });
  return found as Analysis;
}

/** Resolves when VS Code closes the document of `uri`. */
export function closeOf(uri: vscode.Uri): Promise<void> {
  return new Promise((resolve) => {
    const listener = vscode.workspace.onDidCloseTextDocument((document) => {
      if (document.uri.toString() !== uri.toString()) return;
      listener.dispose();
      resolve();
    });
  });
}

/** Returns the tab that shows the text document `uri`. */
export function textTabOf(uri: vscode.Uri): vscode.Tab {
  const tab = vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .find((candidate) => candidate.input instanceof vscode.TabInputText && candidate.input.uri.toString() === uri.toString());
  assert.ok(tab, `no tab shows ${uri.fsPath}`);
  return tab;
}

/** Waits for `promise`, or fails naming `step` after 10 s, so that a hang names its step. */
export async function within<T>(promise: Promise<T>, step: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${step}`)), 10_000);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Returns the plain text of every hover that the providers give at a 1-based line. */
export async function hoverTextAt(uri: vscode.Uri, line: number, character = 1): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
    'vscode.executeHoverProvider',
    uri,
    new vscode.Position(line - 1, character),
  );
  return hovers.flatMap((hover) => hover.contents.map(contentText)).join('\n');
}

/** Drops markdown emphasis and code marks, so tests compare the words a user reads. */
export function plainText(markdown: string): string {
  return markdown.replace(/\*\*/g, '').replace(/`/g, '');
}

function contentText(content: vscode.MarkdownString | vscode.MarkedString): string {
  if (typeof content === 'string') return plainText(content);
  if ('language' in content) return content.value;
  return plainText(content.value);
}

/** Returns the diagnostics that Layer Lens published for `uri`, once `accept` takes them. */
export async function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
): Promise<vscode.Diagnostic[]> {
  let found: vscode.Diagnostic[] = [];
  await waitUntil(`Layer Lens diagnostics on ${uri.fsPath}`, analysisTimeoutMs, () => {
    found = vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'Layer Lens');
    return accept(found);
  });
  return found;
}

/** Returns the 1-based line of the first line of `document` that starts with `prefix`. */
export function lineStartingWith(document: vscode.TextDocument, prefix: string): number {
  for (let index = 0; index < document.lineCount; index++) {
    if (document.lineAt(index).text.startsWith(prefix)) return index + 1;
  }
  throw new Error(`no line of ${document.uri.fsPath} starts with "${prefix}"`);
}
