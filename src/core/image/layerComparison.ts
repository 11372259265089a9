/**
 * Compares a predicted layer with the layer a builder wrote for the same step: which paths only
 * one of them changes, which paths they change differently (added, modified, deleted), which
 * files they write with different sizes, contents or modes, which paths with other owners or
 * types, and which folders end up with another owner or mode.
 */
import type { ChangeKind } from '../model/layer';
import { compareNames } from '../model/stack';
import { ancestorPaths } from '../model/paths';
import { plural } from '../report/format';
import { DIGEST_BUDGET_BYTES, type ContextDigest } from '../context/contextDigests';
import { compareFileContents, describeContentMismatches, type ContentMismatch } from './fileContentComparison';
import { describeModeMismatches, type ModeMismatch } from './fileModeComparison';
import { compareOwners, describeOwnerMismatches, type OwnerMismatch } from './fileOwnerComparison';
import { compareTypes, describeTypeMismatches, type TypeMismatch } from './fileTypeComparison';
import { compareFolders, describeFolderMismatches, type FolderMismatch } from './folderComparison';
import { hasAncestorIn, layerEffect, subtreeRemovals, type PathEffect, type StackedView } from './layerEffect';
import { unchangedRewrites } from './unchangedRewrites';

export interface ChangeMismatch {
  path: string;
  predicted: ChangeKind;
  built: ChangeKind;
}

export interface LayerDifference {
  /** Paths the prediction changes and the built layer does not, in path order. */
  onlyPredicted: string[];
  /** Paths the built layer changes and the prediction does not, in path order. */
  onlyBuilt: string[];
  /** The paths of `onlyBuilt` that the built layer deletes, in path order. */
  deletedOnlyInBuilt: string[];
  /**
   * Whether the predicted layer's certainty is `unknown`, so that it may hold paths it does not
   * list (a COPY from a stage whose files a RUN made). `onlyBuilt` may then be such paths.
   */
  predictionUnlisted: boolean;
  /** Paths both list with a different kind of change, in path order. */
  changeMismatches: ChangeMismatch[];
  /**
   * The paths of `onlyPredicted` that the prediction writes again with the content, mode and owner
   * they have below, and that the image's lower layers show the same, in path order. Overlay
   * storage keeps such a rewrite and vfs storage drops it.
   */
  unchangedRewrites: string[];
  /** Files both layers write whose size or content differs, in path order (see `compareFileContents`). */
  contentMismatches: ContentMismatch[];
  /** Files copied from the build context whose mode differs, in path order (see `modeMismatch`). */
  modeMismatches: ModeMismatch[];
  /** Files and folders whose owner differs where the prediction is exact, in path order (see `compareOwners`). */
  ownerMismatches: OwnerMismatch[];
  /** Paths both layers write with different types where the prediction is exact, in path order (see `compareTypes`). */
  typeMismatches: TypeMismatch[];
  /** Folders a side changes whose owner or mode then differs, in path order (see `compareFolders`). */
  folderMismatches: FolderMismatch[];
  /** Files of the same size whose content was not compared, because the digest budget was spent. */
  uncheckedContents: string[];
}

/**
 * The maximum number of paths a difference message names per kind before "and N more". A folder
 * named with the count of the paths under it counts as one.
 */
export const maxNamedPaths = 3;

/**
 * Compares the effects of two layers (see `layerEffect`), each on the merged filesystem of its own
 * stack below it. Layers that write the same paths and remove the same lower paths agree, whether
 * they remove them with one opaque directory, one whiteout of the directory or a whiteout for
 * each child. A difference that only repeats its parent's, such as each path below a directory
 * that one side alone removes, is left out. So is a path the built layer deletes inside a folder
 * that the prediction deletes or empties, because that deletion removes the folder's contents
 * too, including those the prediction cannot list. `contextDigest` reads the digests of build
 * context files, to compare files of the same size (see `compareFileContents`). `compareModes`
 * compares the modes of files copied from the build context, for a step that keeps them (see
 * `keepsContextModes`). Owners are compared where the prediction is exact (see `compareOwners`),
 * and so are types (see `compareTypes`) and the folders a side changes (see `compareFolders`).
 */
export function compareLayers(predicted: StackedView, built: StackedView, contextDigest?: ContextDigest, compareModes = false): LayerDifference {
  const predictedEffect = layerEffect(predicted);
  const builtEffect = layerEffect(built);
  const predictedRemovals = subtreeRemovals(predicted);
  const paths = new Set([...predictedEffect.keys(), ...builtEffect.keys()]);
  const contents = compareFileContents(predicted, built, contextDigest, compareModes);
  const difference: LayerDifference = {
    onlyPredicted: [],
    onlyBuilt: [],
    deletedOnlyInBuilt: [],
    predictionUnlisted: predicted.layer.layer.certainty === 'unknown',
    changeMismatches: [],
    unchangedRewrites: [],
    contentMismatches: contents.mismatches,
    modeMismatches: contents.modeMismatches,
    ownerMismatches: compareOwners(predicted, built),
    typeMismatches: compareTypes(predicted, built),
    folderMismatches: compareFolders(predicted, built),
    uncheckedContents: contents.unchecked,
  };
  for (const path of paths) {
    const pair: EffectPair = { predicted: predictedEffect.get(path), built: builtEffect.get(path) };
    if (!differs(pair) || impliedByParent(path, pair, predictedEffect, builtEffect)) continue;
    if (pair.predicted === undefined && pair.built === 'deleted' && hasAncestorIn(path, predictedRemovals)) continue;
    const predictedChange = significant(pair.predicted, pair.built);
    const builtChange = significant(pair.built, pair.predicted);
    if (builtChange === undefined) difference.onlyPredicted.push(path);
    else if (predictedChange === undefined) difference.onlyBuilt.push(path);
    else difference.changeMismatches.push({ path, predicted: predictedChange, built: builtChange });
  }
  difference.onlyPredicted.sort(compareNames);
  difference.onlyBuilt.sort(compareNames);
  difference.deletedOnlyInBuilt = difference.onlyBuilt.filter((path) => builtEffect.get(path) === 'deleted');
  difference.changeMismatches.sort((a, b) => compareNames(a.path, b.path));
  difference.unchangedRewrites = unchangedRewrites(predicted, built, difference.onlyPredicted);
  return difference;
}

interface EffectPair {
  predicted: PathEffect | undefined;
  built: PathEffect | undefined;
}

/**
 * Returns the change one side makes to a path as the comparison counts it. A re-stated directory
 * counts as `modified` only where the other side deletes the path; elsewhere it counts as no change.
 */
function significant(effect: PathEffect | undefined, other: PathEffect | undefined): ChangeKind | undefined {
  if (effect !== 'restated') return effect;
  return other === 'deleted' ? 'modified' : undefined;
}

function differs(pair: EffectPair): boolean {
  return significant(pair.predicted, pair.built) !== significant(pair.built, pair.predicted);
}

/**
 * Returns whether the difference at `path` follows from one at its parent: the parent differs,
 * and on each side the path is either unchanged or deleted together with its parent.
 */
function impliedByParent(path: string, pair: EffectPair, predicted: ReadonlyMap<string, PathEffect>, built: ReadonlyMap<string, PathEffect>): boolean {
  const slash = path.lastIndexOf('/');
  if (slash <= 0) return false;
  const parent = path.slice(0, slash);
  const parentPair: EffectPair = { predicted: predicted.get(parent), built: built.get(parent) };
  const follows = (effect: PathEffect | undefined, parentEffect: PathEffect | undefined) => effect === undefined || (effect === 'deleted' && parentEffect === 'deleted');
  return differs(parentPair) && follows(pair.predicted, parentPair.predicted) && follows(pair.built, parentPair.built);
}

/** Returns whether the two layers agree on their paths, kinds of change, file contents, compared modes, owners, types and folders. */
export function layersAgree(difference: LayerDifference): boolean {
  return (
    difference.onlyPredicted.length === 0 &&
    difference.onlyBuilt.length === 0 &&
    difference.changeMismatches.length === 0 &&
    attributesAgree(difference)
  );
}

/** Returns whether the paths both sides have agree in content, mode, owner and type, and the changed folders in owner and mode. */
function attributesAgree(difference: LayerDifference): boolean {
  return (
    difference.contentMismatches.length === 0 &&
    difference.modeMismatches.length === 0 &&
    difference.ownerMismatches.length === 0 &&
    difference.typeMismatches.length === 0 &&
    difference.folderMismatches.length === 0
  );
}

/**
 * Describes a difference in one or more sentences for a diagnostic, or returns `undefined` when the
 * layers agree and every file of the same size was compared by content.
 */
export function describeDifference(difference: LayerDifference): string | undefined {
  const unchecked = describeUnchecked(difference.uncheckedContents);
  if (layersAgree(difference)) return unchecked && `The built layer agrees with the prediction on its paths and sizes. ${unchecked}`;
  const sentences = ['The built layer differs from the prediction.'];
  sentences.push(...describeOnlyBuilt(difference));
  if (difference.onlyPredicted.length > 0) sentences.push(`Only the prediction has ${countPaths(difference.onlyPredicted)}: ${listPaths(difference.onlyPredicted)}${storageHint(difference)}.`);
  if (difference.changeMismatches.length > 0) {
    for (const item of difference.changeMismatches.slice(0, maxNamedPaths)) sentences.push(`${item.path} is ${item.built} in the image, not ${item.predicted}.`);
    const rest = difference.changeMismatches.length - maxNamedPaths;
    if (rest > 0) sentences.push(rest === 1 ? '1 more path differs in its kind of change.' : `${plural(rest, 'more path')} differ in their kind of change.`);
  }
  sentences.push(...describeContentMismatches(difference.contentMismatches, maxNamedPaths));
  sentences.push(...describeModeMismatches(difference.modeMismatches, maxNamedPaths));
  sentences.push(...describeOwnerMismatches(difference.ownerMismatches, maxNamedPaths));
  sentences.push(...describeTypeMismatches(difference.typeMismatches, maxNamedPaths));
  sentences.push(...describeFolderMismatches(difference.folderMismatches, maxNamedPaths));
  if (unchecked) sentences.push(unchecked);
  return sentences.join(' ');
}

/** Says which files of the same size were not compared by content, so that silence is not read as agreement. */
function describeUnchecked(paths: readonly string[]): string | undefined {
  if (paths.length === 0) return undefined;
  const files = paths.length === 1 ? `${paths[0]}, a file of the same size in both,` : `${plural(paths.length, 'file')} of the same size in both (${listPaths(paths)})`;
  return `The content of ${files} was not compared, because one comparison reads at most ${DIGEST_BUDGET_BYTES / 1_000_000} MB of build context files; layer-lens image --dockerfile compares them all.`;
}

/**
 * Describes the paths only the built layer changes: those it writes, then those it deletes. A
 * predicted layer of unknown contents could not list them, which is no sign of a wrong prediction.
 */
function describeOnlyBuilt(difference: LayerDifference): string[] {
  const deleted = new Set(difference.deletedOnlyInBuilt);
  const written = difference.onlyBuilt.filter((path) => !deleted.has(path));
  const sentences: string[] = [];
  if (written.length > 0 && difference.predictionUnlisted) {
    sentences.push(`The image has ${countPaths(written)} that the prediction could not list, as it does not know all of this layer's contents: ${listPaths(written)}.`);
  } else if (written.length > 0) {
    sentences.push(`Only the image has ${countPaths(written)}: ${listPaths(written)}.`);
  }
  const deletions = difference.deletedOnlyInBuilt;
  if (deletions.length === 0) return sentences;
  const prediction = difference.predictionUnlisted ? 'the prediction could not list as deleted' : 'the prediction does not delete';
  sentences.push(`The image's layer deletes ${countPaths(deletions)} that ${prediction}: ${listPaths(deletions)}.`);
  return sentences;
}

/**
 * Returns the clause for a difference that consists only of files the prediction writes again
 * unchanged. Overlay storage, which the prediction models, keeps such files, and vfs storage drops them.
 */
function storageHint(difference: LayerDifference): string {
  const onlyRewrites =
    difference.onlyBuilt.length === 0 &&
    difference.changeMismatches.length === 0 &&
    attributesAgree(difference) &&
    difference.unchangedRewrites.length === difference.onlyPredicted.length;
  return onlyRewrites ? ', written again unchanged, which overlay storage keeps and vfs storage drops, so the image was likely built on vfs' : '';
}

function countPaths(paths: readonly string[]): string {
  return plural(paths.length, 'path');
}

/**
 * Names the first `maxNamedPaths` paths and counts the rest. A folder whose paths below are in the
 * list too is named once with their count, so it takes one of the named places, not one for each path.
 */
function listPaths(paths: readonly string[]): string {
  const groups = groupUnderFolders(paths);
  const namedGroups = groups.slice(0, maxNamedPaths);
  const named = namedGroups.map(({ path, below }) => (below === 0 ? path : `${path}/ (and ${plural(below, 'path')} under it)`)).join(', ');
  const rest = paths.length - namedGroups.reduce((sum, { below }) => sum + 1 + below, 0);
  return rest > 0 ? `${named} and ${rest.toLocaleString('en')} more` : named;
}

/** A path of a list, and how many paths of the list are below it. */
interface PathGroup {
  path: string;
  below: number;
}

/**
 * Groups each path of `paths` under its highest ancestor in the list, in list order. A list in
 * path order has every ancestor before the paths below it.
 */
function groupUnderFolders(paths: readonly string[]): PathGroup[] {
  const listed = new Set(paths);
  const groups = new Map<string, PathGroup>();
  for (const path of paths) {
    const top = ancestorPaths(path).find((ancestor) => listed.has(ancestor));
    const group = top === undefined ? undefined : groups.get(top);
    if (group) group.below++;
    else groups.set(path, { path, below: 0 });
  }
  return [...groups.values()];
}
