/** Names where a path that no layer lists may come from, for the notes of commands that act on one. */
import { parentPath } from '../../../model/paths';
import type { RunView } from '../view';

/**
 * Returns the condition under which the unlisted `path` exists, such as "if the base image has it".
 * The layers that may hold unlisted files in its nearest listed folder decide it: layer 0 is the
 * base image, and each later layer is an earlier step. When none of them can, the doubt comes from
 * what this RUN itself wrote without listing it, and the condition is "if it exists".
 */
export function unlistedCondition(view: RunView, path: string): string {
  const layers = view.unknownLayersBelow(listedFolder(view, path));
  const base = layers.includes(0);
  const steps = layers.some((layer) => layer > 0);
  if (base && steps) return 'if the base image has it or an earlier step wrote it without listing it';
  if (base) return 'if the base image has it';
  if (steps) return 'if an earlier step wrote it without listing it';
  return 'if it exists';
}

/**
 * Returns the nearest folder above `path` that the prediction lists. A folder the RUN only took
 * to exist is skipped, because its contents are as unknown as the folder itself.
 */
function listedFolder(view: RunView, path: string): string {
  let folder = parentPath(view.resolveParents(path));
  while (folder !== '/' && (view.lookup(folder).presence !== 'yes' || view.assumedDirectories.has(folder))) folder = parentPath(folder);
  return folder;
}
