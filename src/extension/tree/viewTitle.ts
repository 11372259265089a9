/** The Image Layers view's title. No `vscode` import, so it runs under plain mocha. */
import * as path from 'node:path';

/** The view's title while it shows no Dockerfile, as package.json names the view. */
export const defaultViewTitle = 'Image Layers';

/**
 * Returns the name of the Dockerfile at `fsPath` for the view's title, distinguished from the
 * other open Dockerfiles as VS Code's editor tabs do. A unique file name stands alone. A shared one
 * gets its folder, and `relativePath` (its path in the workspace) when the folder's name is shared too.
 */
export function dockerfileViewTitle(fsPath: string, openPaths: readonly string[], relativePath: string, pathApi: path.PlatformPath = path): string {
  const name = pathApi.basename(fsPath);
  const namesakes = openPaths.filter((other) => other !== fsPath && pathApi.basename(other) === name);
  if (namesakes.length === 0) return name;
  const withFolder = folderAndName(fsPath, pathApi);
  return namesakes.some((other) => folderAndName(other, pathApi) === withFolder) ? relativePath : withFolder;
}

function folderAndName(fsPath: string, pathApi: path.PlatformPath): string {
  return `${pathApi.basename(pathApi.dirname(fsPath))}/${pathApi.basename(fsPath)}`;
}
