/** Names where a path that no layer lists may come from, for the notes of commands that act on one. */
import { parentPath } from '../../../model/paths';
import type { RunView } from '../view';

/** The earlier layers that may hold a path no layer lists: the base image, earlier steps, both or neither. */
type UnlistedOrigin = 'base' | 'steps' | 'both' | 'none';

/**
 * Finds where the unlisted `path` may come from. The layers that may hold unlisted files in its
 * nearest listed folder decide it: layer 0 is the base image, and each later layer is an earlier
 * step. When none of them can, the doubt comes from what this RUN itself wrote without listing it.
 */
function unlistedOrigin(view: RunView, path: string): UnlistedOrigin {
  const layers = view.unknownLayersBelow(listedFolder(view, path));
  const base = layers.includes(0);
  const steps = layers.some((layer) => layer > 0);
  if (base && steps) return 'both';
  if (base) return 'base';
  return steps ? 'steps' : 'none';
}

const conditions: Record<UnlistedOrigin, string> = {
  both: 'if the base image has it or an earlier step wrote it without listing it',
  base: 'if the base image has it',
  steps: 'if an earlier step wrote it without listing it',
  none: 'if it exists',
};

const sources: Record<UnlistedOrigin, string> = {
  both: 'it may come from the base image or from an earlier step that did not list it',
  base: 'it may come from the base image',
  steps: 'it may come from an earlier step that did not list it',
  none: 'it may exist',
};

/** Returns the condition under which the unlisted `path` exists, such as "if the base image has it". */
export function unlistedCondition(view: RunView, path: string): string {
  return conditions[unlistedOrigin(view, path)];
}

/** Returns where the unlisted `path` may come from, such as "it may come from the base image". */
export function unlistedSource(view: RunView, path: string): string {
  return sources[unlistedOrigin(view, path)];
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
