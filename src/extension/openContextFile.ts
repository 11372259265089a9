/**
 * The one way Layer Lens opens a build-context file that a predicted entry was copied from. The
 * Image Layers view's "Open Source File", its "Open File from Layer" on a predicted layer and the
 * Merged Filesystem panel's open action all call it, so they check and word a failure alike.
 */
import * as vscode from 'vscode';
import { errorMessage } from './log';
import { namedContextFile } from './panel/sourceOf';
import { buildSettingsFor } from './settings';
import { checkSourceFile } from './sourceFileCheck';

/** A context file to open, with the image path that was copied from it (for messages). */
export interface ContextFile {
  hostPath: string;
  /** The build context of the analysis that recorded the copy. */
  contextPath: string;
  imagePath: string;
}

/**
 * Opens `file` in an editor, or the file its symbolic link points to, once `checkSourceFile`
 * finds nothing wrong. Otherwise, and when the editor fails to open it, logs and shows a message.
 * Resolves to that message, or to `undefined` when the editor opened the file.
 */
export async function openContextFile(file: ContextFile, log: vscode.LogOutputChannel, options: vscode.TextDocumentShowOptions = {}): Promise<string | undefined> {
  try {
    const check = await checkSourceFile(file.hostPath, file.contextPath, file.imagePath);
    if (check.kind === 'no-file') {
      log.info(check.message);
      void vscode.window.showInformationMessage(`Layer Lens: ${check.message}`);
      return check.message;
    }
    if (check.kind === 'problem') {
      log.warn(check.message);
      void vscode.window.showWarningMessage(`Layer Lens: ${check.message}`);
      return check.message;
    }
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(check.path), { preview: true, ...options });
    return undefined;
  } catch (error) {
    const message = `Layer Lens could not open ${file.hostPath}, the source of ${file.imagePath}: ${errorMessage(error)}`;
    log.error(message, error);
    void vscode.window.showErrorMessage(message);
    return message;
  }
}

/**
 * Opens `source.path` of the named build context `source.context` with the checks of
 * `openContextFile`. The folder is the one that the `namedContexts` setting of `dockerfile` gives
 * now. Resolves to the message shown, or to `undefined` when the editor opened the file.
 */
export async function openNamedContextFile(
  source: { context: string; path: string },
  imagePath: string,
  dockerfile: vscode.Uri,
  log: vscode.LogOutputChannel,
  options: vscode.TextDocumentShowOptions = {},
): Promise<string | undefined> {
  // NOTE: the folder comes from the settings at open time, so a folder changed since the analysis gives the file of the new one.
  const resolved = namedContextFile(imagePath, source, buildSettingsFor(dockerfile).namedContexts);
  if (resolved.kind === 'none') {
    log.warn(resolved.message);
    void vscode.window.showWarningMessage(`Layer Lens: ${resolved.message}`);
    return resolved.message;
  }
  return openContextFile({ hostPath: resolved.hostPath, contextPath: resolved.contextPath, imagePath }, log, options);
}
