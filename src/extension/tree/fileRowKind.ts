/** The kind of a file row in the Image Layers view, for its context menu. No `vscode` import, so it runs under plain mocha. */
import type { LinkedImage } from '../../core/image/linkedAnalysis';
import { enginePrefix } from '../image/imageSpec';
import type { PathSource } from '../panel/sourceOf';

/**
 * Returns the `contextValue` suffix of a file row, which the `when` clauses of its context menu
 * read. A file of a layer read from a linked image archive or OCI layout gets `.file.image` ("Open
 * File from Layer"). One read from the Docker engine (`docker://NAME`) gets `.file.engine` and no
 * menu item, because a layer's files are read from a file and an engine image has none. A predicted
 * file with a context file or a Dockerfile line to show gets `.file.source` ("Open Source File"),
 * and any other file gets `.file`.
 */
export function fileRowKind(linked: LinkedImage | undefined, stepIndex: number, source: PathSource): string {
  const fromImage = linked?.sources[stepIndex]?.kind;
  if (linked && fromImage && fromImage !== 'predicted') return linked.source.startsWith(enginePrefix) ? '.file.engine' : '.file.image';
  return source.kind === 'none' ? '.file' : '.file.source';
}
