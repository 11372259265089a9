/**
 * Read-only documents of files as one image layer has them, on the `layer-lens-layer` scheme.
 * The URI's path is the file's image path with the step in its name (see `stepFilePath`), for
 * the editor tab. The query names the image source, the layer's diff ID and the image path.
 * Contents are read when a document opens.
 */
import * as vscode from 'vscode';
import { readLayerFile } from '../../core/image/layerFile';
import { renderLayerFile } from '../../core/image/layerFileText';
import { isInsideFolders } from './imageSpec';
import { stepFilePath } from './layerFileName';

export const layerFileScheme = 'layer-lens-layer';

/** The file of a layer that a document shows. */
export interface LayerFileAddress {
  /** Absolute path of an image archive or OCI layout folder. */
  source: string;
  diffId: string;
  path: string;
}

/** Returns the URI of a layer's file, shown as the file of step `step` (its index in the Image Layers view). */
export function layerFileUri(address: LayerFileAddress, step: number): vscode.Uri {
  const query = new URLSearchParams({ source: address.source, layer: address.diffId, path: address.path }).toString();
  return vscode.Uri.from({ scheme: layerFileScheme, path: stepFilePath(address.path, step), query });
}

/** Parses a document URI back into its address; returns an error sentence for a malformed one. */
export function parseLayerFileUri(uri: vscode.Uri): LayerFileAddress | { error: string } {
  const query = new URLSearchParams(uri.query);
  const source = query.get('source');
  const diffId = query.get('layer');
  const imagePath = query.get('path');
  if (!source || !diffId || !imagePath) return { error: `${uri.toString()} does not name an image source, a layer and a path: open the file again from the Image Layers view.` };
  return { source, diffId, path: imagePath };
}

export class LayerFileProvider implements vscode.TextDocumentContentProvider {
  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const address = parseLayerFileUri(uri);
    if ('error' in address) throw new Error(address.error);
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file').map((folder) => folder.uri.fsPath);
    if (!vscode.workspace.isTrusted && !isInsideFolders(address.source, folders)) {
      throw new Error(`The workspace is not trusted, so Layer Lens reads only images inside its folders, and ${address.source} is outside them. Trust the workspace to read it.`);
    }
    const controller = new AbortController();
    const cancellation = token.onCancellationRequested(() => controller.abort());
    try {
      const file = await readLayerFile({ kind: 'path', path: address.source }, address.diffId, address.path, { signal: controller.signal });
      return renderLayerFile(file, address.path);
    } finally {
      cancellation.dispose();
    }
  }
}
