/**
 * Compares the owners (uid and gid) of the files and folders that a predicted layer and a built
 * layer both list. Builders set owners themselves: what COPY and ADD copy from the build context
 * is owned by root, or by the --chown owner. So the prediction never reads who owns a context file
 * on the host, and a host `chown` since the build shows no difference here.
 */
import type { WriteEntry } from '../model/layer';
import { compareNames } from '../model/stack';
import type { StackedView } from './layerEffect';
import { describeFirstItems } from './namedSentences';

/** A file or folder whose owner in the image differs from the predicted one. */
export interface OwnerMismatch {
  path: string;
  predicted: Owner;
  built: Owner;
}

export interface Owner {
  uid: number;
  gid: number;
}

/**
 * Lists, in path order, the files and folders both layers write whose owners differ. Only a
 * predicted entry of certainty `exact` with both numbers known counts. The prediction marks an
 * owner it cannot be sure of as estimated or unknown: an unresolved name, account lines of
 * unknown context, a RUN it does not follow. A path whose type differs in the image is left
 * out, because its owner is not the difference that matters there.
 */
export function compareOwners(predicted: StackedView, built: StackedView): OwnerMismatch[] {
  const predictedOwners = new Map<string, WriteEntry>();
  for (const { entry } of predicted.layer.entries) {
    // A later write of the same path wins, as it does when a builder extracts the layer tar.
    if (entry.op === 'write' && hasExactOwner(entry)) predictedOwners.set(entry.path, entry);
    else predictedOwners.delete(entry.path);
  }
  const builtEntries = new Map<string, WriteEntry>();
  for (const { entry } of built.layer.entries) {
    if (entry.op === 'write' && predictedOwners.has(entry.path)) builtEntries.set(entry.path, entry);
    else builtEntries.delete(entry.path);
  }
  const mismatches: OwnerMismatch[] = [];
  for (const [path, builtEntry] of builtEntries) {
    const predictedEntry = predictedOwners.get(path);
    if (predictedEntry === undefined || builtEntry.type !== predictedEntry.type || builtEntry.uid === null || builtEntry.gid === null) continue;
    if (builtEntry.uid === predictedEntry.uid && builtEntry.gid === predictedEntry.gid) continue;
    mismatches.push({ path, predicted: { uid: predictedEntry.uid as number, gid: predictedEntry.gid as number }, built: { uid: builtEntry.uid, gid: builtEntry.gid } });
  }
  return mismatches.sort((a, b) => compareNames(a.path, b.path));
}

function hasExactOwner(entry: WriteEntry): boolean {
  return (entry.type === 'file' || entry.type === 'directory') && entry.certainty === 'exact' && entry.uid !== null && entry.gid !== null;
}

/**
 * Describes the first `maxNamed` mismatches one sentence each (`/srv/app is owned by 1000:1000 in
 * the image and predicted 0:0, …`), and counts the rest.
 */
export function describeOwnerMismatches(mismatches: readonly OwnerMismatch[], maxNamed: number): string[] {
  return describeFirstItems(mismatches, maxNamed, describeMismatch, { noun: 'path', difference: 'in owner' });
}

function describeMismatch({ path, predicted, built }: OwnerMismatch): string {
  return `${path} is owned by ${built.uid}:${built.gid} in the image and predicted ${predicted.uid}:${predicted.gid}, so either the prediction is wrong there or the step's --chown or USER changed since the build.`;
}
