/**
 * Compares a predicted layer with the layer a builder wrote for the same step: which paths only
 * one of them lists, and which paths they classify differently (added, modified, deleted).
 */
import type { ChangeKind } from '../model/layer';
import { compareNames, type ClassifiedEntry } from '../model/stack';

export interface ChangeMismatch {
  path: string;
  predicted: ChangeKind;
  built: ChangeKind;
}

export interface LayerDifference {
  /** Paths the prediction lists and the built layer does not, in path order. */
  onlyPredicted: string[];
  /** Paths the built layer contains and the prediction does not list, in path order. */
  onlyBuilt: string[];
  /** Paths both list with a different kind of change, in path order. */
  changeMismatches: ChangeMismatch[];
}

/** The maximum number of paths a difference message names per kind before "and N more". */
export const maxNamedPaths = 3;

/**
 * Compares two classified layers. Directories that a layer only re-states (modified, not opaque)
 * are left out on both sides: builders write the parents of every changed path into the layer
 * tar, and whether they do is no sign of what the step changed.
 */
export function compareLayers(predicted: readonly ClassifiedEntry[], built: readonly ClassifiedEntry[]): LayerDifference {
  const predictedChanges = significantChanges(predicted);
  const builtChanges = significantChanges(built);
  const difference: LayerDifference = { onlyPredicted: [], onlyBuilt: [], changeMismatches: [] };
  for (const [path, change] of predictedChanges) {
    const builtChange = builtChanges.get(path);
    if (builtChange === undefined) difference.onlyPredicted.push(path);
    else if (builtChange !== change) difference.changeMismatches.push({ path, predicted: change, built: builtChange });
  }
  for (const path of builtChanges.keys()) if (!predictedChanges.has(path)) difference.onlyBuilt.push(path);
  difference.onlyPredicted.sort();
  difference.onlyBuilt.sort();
  difference.changeMismatches.sort((a, b) => compareNames(a.path, b.path));
  return difference;
}

/** Returns whether the two layers agree on their paths and kinds of change. */
export function layersAgree(difference: LayerDifference): boolean {
  return difference.onlyPredicted.length === 0 && difference.onlyBuilt.length === 0 && difference.changeMismatches.length === 0;
}

/** Describes a difference in one or more sentences for a diagnostic, or returns `undefined` when the layers agree. */
export function describeDifference(difference: LayerDifference): string | undefined {
  if (layersAgree(difference)) return undefined;
  const sentences = ['The built layer differs from the prediction.'];
  if (difference.onlyBuilt.length > 0) sentences.push(`Only the image has ${namePaths(difference.onlyBuilt)}.`);
  if (difference.onlyPredicted.length > 0) sentences.push(`Only the prediction has ${namePaths(difference.onlyPredicted)}.`);
  if (difference.changeMismatches.length > 0) {
    for (const item of difference.changeMismatches.slice(0, maxNamedPaths)) sentences.push(`${item.path} is ${item.built} in the image, not ${item.predicted}.`);
    const rest = difference.changeMismatches.length - maxNamedPaths;
    if (rest > 0) sentences.push(rest === 1 ? '1 more path differs in its kind of change.' : `${rest} more paths differ in their kind of change.`);
  }
  return sentences.join(' ');
}

function namePaths(paths: string[]): string {
  const named = paths.slice(0, maxNamedPaths).join(', ');
  const rest = paths.length - maxNamedPaths;
  const count = `${paths.length} path${paths.length === 1 ? '' : 's'}`;
  return rest > 0 ? `${count}: ${named} and ${rest} more` : `${count}: ${named}`;
}

function significantChanges(entries: readonly ClassifiedEntry[]): Map<string, ChangeKind> {
  const changes = new Map<string, ChangeKind>();
  for (const { entry, change } of entries) {
    const restatedDirectory = entry.op === 'write' && entry.type === 'directory' && !entry.opaque && change === 'modified';
    if (!restatedDirectory) changes.set(entry.path, change);
  }
  return changes;
}
