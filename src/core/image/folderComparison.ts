/**
 * Compares the owner and mode of the folders a step changes. Builders list the parents of every
 * path they write in the layer, mostly with the owner and mode they had below. So a folder is
 * compared only where a side changes it, even when only one side lists it. buildah's ADD of an
 * archive, for one, gives an existing destination folder the mode and owner of the archive's
 * `./` entry, which the prediction may not list at all.
 */
import type { WriteEntry } from '../model/layer';
import { compareNames } from '../model/stack';
import type { StackedView } from './layerEffect';
import { describeFirstItems } from './namedSentences';

/**
 * The mode bits compared: the permission bits. A folder made inside a setgid folder inherits its
 * setgid bit, which the prediction does not model.
 */
const COMPARED_BITS = 0o777;

export interface FolderState {
  uid: number;
  gid: number;
  mode: number;
}

/** A folder whose owner or mode after the step differs between the image and the prediction. */
export interface FolderMismatch {
  path: string;
  predicted: FolderState;
  built: FolderState;
  /** Set when the owners differ and are reported here, for a folder only one layer lists. `compareOwners` reports the others. */
  owner: boolean;
  mode: boolean;
}

/**
 * Lists, in path order, the folders that either layer writes and that at least one side changes
 * (adds, or gives another owner or mode than it had below), whose owner or mode after the layer
 * differs between the two filesystems. The predicted folder counts only when its owner and mode
 * are exact and no layer of unknown content lies between its version and this layer. The mode of
 * a folder copied from the build context is left out, because the context folder may have
 * changed since the build.
 */
export function compareFolders(predicted: StackedView, built: StackedView): FolderMismatch[] {
  const predictedFolders = listedFolders(predicted);
  const builtFolders = listedFolders(built);
  const mismatches: FolderMismatch[] = [];
  for (const path of new Set([...predictedFolders.keys(), ...builtFolders.keys()])) {
    const predictedEntry = predictedFolders.get(path);
    const builtEntry = builtFolders.get(path);
    if (!changesFolder(predicted, predictedEntry) && !changesFolder(built, builtEntry)) continue;
    const predictedFolder = trustedFolderAfter(predicted, path);
    const builtFolder = folderAfter(built, path);
    if (predictedFolder === undefined || builtFolder === undefined) continue;
    const owner = !(predictedEntry && builtEntry) && (predictedFolder.uid !== builtFolder.uid || predictedFolder.gid !== builtFolder.gid);
    const mode = predictedFolder.origin?.kind !== 'context' && (predictedFolder.mode & COMPARED_BITS) !== (builtFolder.mode & COMPARED_BITS);
    if (owner || mode) mismatches.push({ path, predicted: stateOf(predictedFolder), built: stateOf(builtFolder), owner, mode });
  }
  return mismatches.sort((a, b) => compareNames(a.path, b.path));
}

/** Returns the folders a layer writes, each path's last write, as a builder extracting the layer tar keeps it. */
function listedFolders({ layer }: StackedView): Map<string, WriteEntry> {
  const folders = new Map<string, WriteEntry>();
  for (const { entry } of layer.entries) {
    if (entry.op === 'write' && entry.type === 'directory') folders.set(entry.path, entry);
    else folders.delete(entry.path);
  }
  return folders;
}

/** Tells whether the layer writes the folder with another owner or mode than the folder had below, or adds it. */
function changesFolder({ stack, layer }: StackedView, entry: WriteEntry | undefined): boolean {
  if (entry === undefined) return false;
  const lower = stack.lookup(entry.path, layer.index - 1)?.entry;
  if (lower === undefined || lower.type !== 'directory') return true;
  return lower.uid !== entry.uid || lower.gid !== entry.gid || ((lower.mode ?? 0) & COMPARED_BITS) !== ((entry.mode ?? 0) & COMPARED_BITS);
}

/** Returns the folder at `path` as the filesystem shows it above the layer, when its owner and mode are known. */
function folderAfter({ stack, layer }: StackedView, path: string): KnownFolder | undefined {
  const entry = stack.lookup(path, layer.index)?.entry;
  return entry !== undefined && isKnownFolder(entry) ? entry : undefined;
}

/**
 * Returns the predicted folder above the layer when the prediction is sure of its owner and mode:
 * an exact version, with no layer of unknown content (a RUN it does not follow) since then.
 */
function trustedFolderAfter({ stack, layer }: StackedView, path: string): KnownFolder | undefined {
  const version = stack.lookup(path, layer.index);
  if (version === undefined || !isKnownFolder(version.entry)) return undefined;
  if (version.entry.certainty !== 'exact' && !version.entry.exactOwnerAndMode) return undefined;
  if (version.layer < layer.index && stack.unknownLayerSince(version.layer + 1, layer.index)) return undefined;
  return version.entry;
}

type KnownFolder = WriteEntry & FolderState;

function isKnownFolder(entry: WriteEntry): entry is KnownFolder {
  return entry.type === 'directory' && entry.uid !== null && entry.gid !== null && entry.mode !== null;
}

function stateOf({ uid, gid, mode }: FolderState): FolderState {
  return { uid, gid, mode };
}

/**
 * Describes the first `maxNamed` mismatches one sentence each (`The folder /data has mode 0700
 * in the image and 0755 in the prediction.`), and counts the rest.
 */
export function describeFolderMismatches(mismatches: readonly FolderMismatch[], maxNamed: number): string[] {
  return describeFirstItems(mismatches, maxNamed, describeMismatch, { noun: 'folder', difference: 'in owner or mode' });
}

function describeMismatch({ path, predicted, built, owner, mode }: FolderMismatch): string {
  if (owner && mode) {
    return `The folder ${path} has mode ${octal(built.mode)} and owner ${built.uid}:${built.gid} in the image, and mode ${octal(predicted.mode)} and owner ${predicted.uid}:${predicted.gid} in the prediction.`;
  }
  if (mode) return `The folder ${path} has mode ${octal(built.mode)} in the image and ${octal(predicted.mode)} in the prediction.`;
  return `The folder ${path} is owned by ${built.uid}:${built.gid} in the image and ${predicted.uid}:${predicted.gid} in the prediction.`;
}

function octal(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}
