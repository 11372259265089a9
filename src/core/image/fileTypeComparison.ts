/**
 * Compares the types of the paths a predicted layer and a built layer both write: a file where
 * the image has a hard link, a folder where it has a symlink. The other comparisons skip a path
 * whose types differ, so without this one such a path would read as agreeing.
 */
import type { EntryType, WriteEntry } from '../model/layer';
import { compareNames } from '../model/stack';
import type { StackedView } from './layerEffect';
import { describeFirstItems } from './namedSentences';

/** A path both layers write with different types. */
export interface TypeMismatch {
  path: string;
  predicted: EntryType;
  built: EntryType;
  /** The built entry's link target, for a symlink or hard link. */
  builtTarget?: string;
}

/**
 * Lists, in path order, the paths both layers write whose types differ. Only a predicted entry
 * of certainty `exact` counts: an estimated or unknown type (a FIFO listed as a file, a source
 * whose type is guessed from its name) is no difference.
 */
export function compareTypes(predicted: StackedView, built: StackedView): TypeMismatch[] {
  const predictedEntries = lastWrites(predicted);
  const mismatches: TypeMismatch[] = [];
  for (const [path, builtEntry] of lastWrites(built)) {
    const predictedEntry = predictedEntries.get(path);
    if (predictedEntry === undefined || predictedEntry.certainty !== 'exact' || predictedEntry.type === builtEntry.type) continue;
    const mismatch: TypeMismatch = { path, predicted: predictedEntry.type, built: builtEntry.type };
    if (builtEntry.linkTarget !== undefined) mismatch.builtTarget = builtEntry.linkTarget;
    mismatches.push(mismatch);
  }
  return mismatches.sort((a, b) => compareNames(a.path, b.path));
}

/** Returns each path's last entry in the layer when it is a write, as a builder extracting the layer tar keeps it. */
function lastWrites({ layer }: StackedView): Map<string, WriteEntry> {
  const writes = new Map<string, WriteEntry>();
  for (const { entry } of layer.entries) {
    if (entry.op === 'write') writes.set(entry.path, entry);
    else writes.delete(entry.path);
  }
  return writes;
}

/**
 * Describes the first `maxNamed` mismatches one sentence each (`/app/b is a hard link to /app/a
 * in the image and a file in the prediction.`), and counts the rest.
 */
export function describeTypeMismatches(mismatches: readonly TypeMismatch[], maxNamed: number): string[] {
  return describeFirstItems(mismatches, maxNamed, describeMismatch, { noun: 'path', difference: 'in type' });
}

const typeNames: Record<EntryType, string> = { file: 'a file', directory: 'a folder', symlink: 'a symlink', hardlink: 'a hard link' };

function describeMismatch({ path, predicted, built, builtTarget }: TypeMismatch): string {
  const target = builtTarget === undefined ? '' : ` to ${builtTarget}`;
  return `${path} is ${typeNames[built]}${target} in the image and ${typeNames[predicted]} in the prediction.`;
}
