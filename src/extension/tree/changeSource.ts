/**
 * The source of a file row of the Image Layers view, for "Open Source File" and a click on the
 * row. It reads the row's own entry, which the view built from the same analysis it shows.
 * No `vscode` import, so it runs under plain mocha.
 */
import { sourceOfOrigin, type PathSource } from '../panel/sourceOf';
import { isFolder } from './changeTree';
import type { ChangeElement } from './elements';

/** Finds the source of a row's change; `contextPath` is the build context of the row's analysis. */
export function changeSource(element: ChangeElement, contextPath: string): PathSource {
  const { node, owner } = element;
  const entry = node.change?.entry;
  if (!entry || isFolder(node)) return { kind: 'none', message: `${node.path} is a folder, so it has no source file to open.` };
  if (entry.op === 'delete') return { kind: 'none', message: `Step #${owner.step.index} deletes ${node.path}, so it has no source file to open.` };
  return sourceOfOrigin(node.path, entry.origin, owner.step, contextPath);
}
