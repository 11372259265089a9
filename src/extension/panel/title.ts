/** The tab title of a Merged Filesystem panel. No `vscode` import, so it runs under plain mocha. */
import * as path from 'node:path';

/**
 * Returns the title for the panel of the Dockerfile at `fsPath`. Most Dockerfiles share the name
 * `Dockerfile`, so the title names their folder too, as VS Code's editor tabs do for files with
 * the same name: `Merged Filesystem: api/Dockerfile`.
 */
export function panelTitle(fsPath: string): string {
  const folder = path.basename(path.dirname(fsPath));
  const name = path.basename(fsPath);
  return `Merged Filesystem: ${folder === '' ? name : `${folder}/${name}`}`;
}
