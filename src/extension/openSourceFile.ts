/**
 * The command "Open Source File" on a predicted file row of the Image Layers view. It opens the
 * build-context file a COPY or ADD copied. For other files it shows the Dockerfile line that made
 * them: the line whose text they contain (a heredoc, or text a RUN writes), or the `COPY --from`
 * that copied them from another stage. Argument: the row's element, as VS Code passes it from the row's context
 * menu or its click.
 */
import * as vscode from 'vscode';
import { errorMessage } from './log';
import { openContextFile, openNamedContextFile } from './openContextFile';
import { changeSource } from './tree/changeSource';
import type { ChangeElement } from './tree/elements';
import type { LayersTree } from './tree/layersTree';

export const OPEN_SOURCE_FILE_COMMAND = 'layerLens.openSourceFile';

/** Opens the source of a file row; resolves to whether an editor was opened. */
export async function openSourceFile(tree: LayersTree, log: vscode.LogOutputChannel, argument: unknown): Promise<boolean> {
  const analysis = isChangeElement(argument) ? tree.analysisOf(argument) : undefined;
  const dockerfile = tree.documentUri;
  if (!isChangeElement(argument) || !analysis || !dockerfile) return warn(log, `${OPEN_SOURCE_FILE_COMMAND} expects a file row of the Image Layers view.`);

  const source = changeSource(argument, analysis.contextPath);
  if (source.kind === 'none') return warn(log, source.message);
  if (source.kind === 'file') {
    const problem = await openContextFile({ hostPath: source.hostPath, contextPath: analysis.contextPath, imagePath: argument.node.path }, log);
    return problem === undefined;
  }
  if (source.kind === 'named-context') return (await openNamedContextFile(source, argument.node.path, dockerfile, log)) === undefined;
  try {
    const start = new vscode.Position(source.line - 1, 0);
    await vscode.window.showTextDocument(dockerfile, { selection: new vscode.Range(start, start), preview: false });
    return true;
  } catch (error) {
    const message = `Layer Lens could not open the source of ${argument.node.path}: ${errorMessage(error)}`;
    log.error(message, error);
    void vscode.window.showErrorMessage(message);
    return false;
  }
}

function isChangeElement(value: unknown): value is ChangeElement {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'change';
}

function warn(log: vscode.LogOutputChannel, message: string): false {
  log.warn(message);
  void vscode.window.showWarningMessage(`Layer Lens: ${message}`);
  return false;
}
