/** The name of an editor tab that shows a file of an image layer. No `vscode` import, so it runs under plain mocha. */
import * as path from 'node:path';

/**
 * Returns the image path `imagePath` with the step in its file name, as `/chain/a (step #3)` or
 * `/app/main (step #3).py`. An editor tab is labelled with the file name of its document's URI,
 * so the step goes there. It goes before the extension, from which the editor picks the language.
 */
export function stepFilePath(imagePath: string, step: number): string {
  const extension = path.posix.extname(imagePath);
  const stem = imagePath.slice(0, imagePath.length - extension.length);
  return `${stem} (step #${step})${extension}`;
}
