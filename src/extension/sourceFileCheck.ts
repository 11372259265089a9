/**
 * The check before "Open Source File" opens a build-context file. No `vscode` import, so it runs
 * under plain mocha.
 */
import * as fs from 'node:fs/promises';
import { isInsideFolders } from './image/imageSpec';

/**
 * Checks that a context file still exists and, with symbolic links followed, lies inside the
 * build context, because the analysis may be older than the folder. Returns a message, or
 * `undefined` when the file can be opened.
 */
export async function problemOfSourceFile(hostPath: string, contextPath: string, imagePath: string): Promise<string | undefined> {
  let real: string;
  try {
    real = await fs.realpath(hostPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return `${hostPath} is missing: ${imagePath} was copied from it, but it was deleted or moved after the analysis. Run "Layer Lens: Refresh" to analyse the build context again.`;
    }
    return `${hostPath} could not be read: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (!isInsideFolders(real, [await fs.realpath(contextPath)])) {
    return `${hostPath} links to ${real}, which is outside the build context ${contextPath}, so Layer Lens does not open it.`;
  }
  return undefined;
}
