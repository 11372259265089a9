/**
 * Names the lower versions that a layer's writes shadow when all of them are folders. A folder
 * contains no bytes of its own, so a size of `0 B` would read as an empty file.
 */
import type { LayerStack, StackedLayer } from '../../core/model/stack';
import { plural } from '../../core/report/format';
import { shadowedEntry } from '../../core/report/typeChange';

/**
 * Returns `a folder` or `N folders` when every version that `layer`'s modified entries shadow is
 * a folder, and `undefined` otherwise. Folders assumed for an unread base image are left out,
 * because the hover names them apart.
 */
export function describeShadowedFolders(stack: LayerStack, layer: StackedLayer): string | undefined {
  let folders = 0;
  for (const classified of layer.entries) {
    if (classified.change !== 'modified') continue;
    // A folder that lower paths only imply has no version of its own to look up.
    if (classified.overImpliedFolder) {
      folders++;
      continue;
    }
    const lower = shadowedEntry(stack, classified);
    if (lower?.origin?.kind === 'assumed-base') continue;
    // A shadowed file or link has a size of its own, so then the hover gives the size of all of them.
    if (lower?.type !== 'directory') return undefined;
    folders++;
  }
  if (folders === 0) return undefined;
  return folders === 1 ? 'a folder' : plural(folders, 'folder');
}
