/**
 * The changeset types shared by predictions and real image layers.
 *
 * A layer arrives as a list of raw entries (writes, whiteouts and opaque markers), exactly as a
 * layer tar would hold them. Whether a write adds or modifies a path is not part of the raw
 * entry: it depends on the layers below, so the stack decides it (see `stack.ts`).
 */
import type { ClassifiedEntry } from './stack';

/** How sure a fact is: it follows from the inputs, it is a model's best estimate, or it cannot be known. */
export type Certainty = 'exact' | 'estimated' | 'unknown';

export type EntryType = 'file' | 'directory' | 'symlink' | 'hardlink';

export type ChangeKind = 'added' | 'modified' | 'deleted';

/** The source of an entry's content. */
export type EntryOrigin =
  /** A file of the build context, or of the named build context `context` (`--build-context`). */
  | { kind: 'context'; path: string; context?: string }
  | { kind: 'stage'; stage: number; path: string }
  | { kind: 'image'; reference: string; path: string }
  | { kind: 'heredoc'; name: string }
  | { kind: 'archive'; archive: string; member: string }
  | { kind: 'url'; url: string }
  | { kind: 'workdir' }
  | { kind: 'parent' }
  /** Text a RUN wrote (`echo`, `printf`, `cat`): the whole content, or text appended to the version below. */
  | { kind: 'run-text'; text: string; appended: boolean }
  | { kind: 'assumed-base' }
  | { kind: 'layer-tar'; name: string };

/** A path written by a layer: a file, a directory, a symlink or a hard link. */
export interface WriteEntry {
  op: 'write';
  /** Absolute, normalised, `/`-separated path. */
  path: string;
  type: EntryType;
  /** Content bytes; 0 for directories and links, `null` when unknown. */
  size: number | null;
  /** Permission bits and special bits, without the file type bits; `null` when unknown. */
  mode: number | null;
  uid: number | null;
  gid: number | null;
  /** Target of a symlink (as stored) or of a hard link (an absolute path in the image). */
  linkTarget?: string;
  /** A directory whose lower children are hidden (overlay's `.wh..wh..opq`). */
  opaque?: boolean;
  /**
   * A directory a command emptied (`rm -rf dir/*`) of lower contents that no layer lists, so
   * the layer contains their whiteouts without listing them. The directory itself stays.
   */
  emptied?: true;
  /**
   * A directory whose lower contents that no layer lists a command changed the metadata of
   * (`chown -R`), so overlay storage copied them up and the layer stores them again without
   * listing them. The directory itself is listed as usual.
   */
  copiedUp?: true;
  /** Hex SHA-256 of the content, where it is cheap to know. */
  digest?: string;
  certainty: Certainty;
  /**
   * Set when the owner and mode are exact although `certainty` is not: a folder that a plain
   * `mkdir` made where the prediction cannot see whether it existed before. mkdir fails on an
   * existing folder, so a build that gets past it made the folder with this owner and mode.
   */
  exactOwnerAndMode?: true;
  origin?: EntryOrigin;
  /**
   * Called by a stack made with `placeWrites` with its tree and the node it placed the write at,
   * whose path `tree.path(node)` spells, so that a write kept in large numbers can drop its own
   * string.
   */
  placeIn?(tree: PathSpeller, node: number): void;
  /**
   * Called by a stack made with `placeWrites` for a write that adds a path in layer `layer`.
   * Returns the write itself as its classified entry, which saves an object per added path, or
   * `undefined` when the stack must make one.
   */
  asAddedEntry?(layer: number): ClassifiedEntry | undefined;
}

/** A tree that spells the path of each of its nodes, as `PathTree` does. */
export interface PathSpeller {
  path(node: number): string;
}

/** A whiteout: the path and everything below it are deleted from the layers beneath. */
export interface DeleteEntry {
  op: 'delete';
  path: string;
  certainty: Certainty;
  origin?: EntryOrigin;
}

export type LayerEntry = WriteEntry | DeleteEntry;

/** A changeset, before stacking. */
export interface Layer {
  entries: LayerEntry[];
  /**
   * Certainty of the layer as a whole. `unknown` when the layer may hold content that is not
   * listed (an external base image, a RUN that downloads), even if every listed entry is exact.
   */
  certainty: Certainty;
}

/** Returns whether a write hides what lower layers wrote below its path: an opaque folder, or anything but a folder. */
export function hidesLowerChildren(entry: WriteEntry): boolean {
  return entry.opaque === true || entry.type !== 'directory';
}

const certaintyRank: Record<Certainty, number> = { exact: 0, estimated: 1, unknown: 2 };

/** Returns the least certain of the given certainties (`exact` for none). */
export function leastCertain(...values: Certainty[]): Certainty {
  let worst: Certainty = 'exact';
  for (const value of values) {
    if (certaintyRank[value] > certaintyRank[worst]) worst = value;
  }
  return worst;
}

/** Builds a layer whose certainty is the least certain of its entries and of `floor`. */
export function makeLayer(entries: LayerEntry[], floor: Certainty = 'exact'): Layer {
  // A loop, not a spread into `leastCertain`: spreading 200,000 entries overflows the call stack.
  let certainty = floor;
  for (const entry of entries) certainty = leastCertain(certainty, entry.certainty);
  return { entries, certainty };
}
