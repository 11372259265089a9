/**
 * Words for what one change hides of the layers below it, shared by the hover and the Image
 * Layers view. Both count a deleted folder as the folder and the paths in it, as the Merged
 * Filesystem panel does.
 */
import type { ClassifiedEntry } from '../model/stack';
import { plural } from './format';

/**
 * Describes what `classified` hides, or returns `undefined` when it hides nothing. A deletion's
 * `hiddenCount` counts the deleted path itself, and a write's (an opaque folder, a file over a
 * folder) only the paths below it. `lowerLine` is the line of the layer whose version a
 * deletion removes.
 */
export function describeHidden(classified: ClassifiedEntry, lowerLine: number | undefined): string | undefined {
  const hidden = classified.hiddenCount ?? 0;
  if (classified.entry.op === 'write') return hidden > 0 ? `hides ${pathsBelow(hidden)}` : undefined;
  if (classified.change !== 'deleted') return undefined;
  // A whiteout of a path that no lower layer lists: only an unread base image or a layer of unknown contents may hold it.
  if (hidden === 0) return 'no earlier layer lists it';
  // Only a folder may hold paths that no layer lists (see `LayerStack.mayHoldUnlisted`).
  if (classified.hidesUnlisted) return `removes the folder${hidden > 1 ? `, ${pathsBelow(hidden - 1)}` : ''} and paths in it that no layer lists`;
  if (hidden > 1) return `removes the folder and ${pathsBelow(hidden - 1)}`;
  return lowerLine === undefined ? 'removes the version below it' : `removes the version from line ${lowerLine}`;
}

function pathsBelow(count: number): string {
  return count === 1 ? 'the path in it' : `the ${plural(count, 'path')} in it`;
}
